using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync;

public sealed partial class UsyncService
{
    /// <summary>
    /// Writes every data type, content/element/media type, media item (with its file under <c>Files/</c>) and
    /// document into <paramref name="folder"/>. Files are only rewritten when their bytes change; <c>.config</c>
    /// files of items that no longer exist are removed (delete markers <c>&lt;Empty&gt;</c> are kept).
    /// <paramref name="parts"/> limits the export to some kind folders (e.g. <see cref="UsyncParts.Settings"/> for export on save).
    /// </summary>
    public Task<UsyncResult> ExportAsync(string folder, CancellationToken cancellationToken = default) =>
        ExportAsync(folder, UsyncParts.All, cancellationToken);

    /// <inheritdoc cref="ExportAsync(string, CancellationToken)"/>
    public async Task<UsyncResult> ExportAsync(string folder, UsyncParts parts, CancellationToken cancellationToken = default)
    {
        folder = Path.GetFullPath(folder);
        var files = await BuildExportAsync(parts, cancellationToken);
        var result = new UsyncResult();
        Directory.CreateDirectory(folder);

        foreach (var (relative, (bytes, handler, itemType, name, key)) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
            var change = UsyncChangeKind.NoChange;
            if (!File.Exists(path))
            {
                change = UsyncChangeKind.Create;
            }
            else if (!(await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(bytes))
            {
                change = UsyncChangeKind.Update;
            }

            if (change != UsyncChangeKind.NoChange)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            }

            result.Items.Add(new UsyncItemResult(handler, itemType, name, key, relative, change, null, []));
        }

        // Stale files of items that are gone.
        foreach (var kindFolder in KindFolders(parts))
        {
            var directory = Path.Combine(folder, kindFolder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var path in Directory.GetFiles(directory, "*.config").Order(StringComparer.Ordinal))
            {
                var relative = kindFolder + "/" + Path.GetFileName(path);
                if (files.ContainsKey(relative) || IsEmptyMarker(path))
                {
                    continue;
                }

                File.Delete(path);
                result.Items.Add(new UsyncItemResult("Export", kindFolder, Path.GetFileNameWithoutExtension(path), null, relative,
                    UsyncChangeKind.Delete, Messages.Get("Usync.StaleFileRemoved"), []));
            }
        }

        if (!parts.HasFlag(UsyncParts.Media))
        {
            logger.LogInformation("uSync-Export ({Parts}) nach {Folder}: {Summary}.", parts, folder, result.Summary());
            return result;
        }

        // Media binaries.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var media in await db.MediaItems.AsNoTracking().Where(m => m.FilePath != null).OrderBy(m => m.FilePath).ToListAsync(cancellationToken))
        {
            var storePath = media.FilePath!;
            var target = Path.Combine(folder, FilesFolder, storePath.Replace('/', Path.DirectorySeparatorChar));
            var stream = mediaStore.OpenRead(storePath);
            if (stream is null)
            {
                result.Items.Add(new UsyncItemResult("MediaHandler", "MediaFile", media.Name, media.Key, FilesFolder + "/" + storePath,
                    UsyncChangeKind.Fail, Messages.Get("Usync.FileMissingInStore"), []));
                continue;
            }

            byte[] bytes;
            await using (stream)
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                bytes = buffer.ToArray();
            }

            var change = UsyncChangeKind.NoChange;
            if (!File.Exists(target))
            {
                change = UsyncChangeKind.Create;
            }
            else if (!SHA256.HashData(await File.ReadAllBytesAsync(target, cancellationToken)).AsSpan().SequenceEqual(SHA256.HashData(bytes)))
            {
                change = UsyncChangeKind.Update;
            }

            if (change != UsyncChangeKind.NoChange)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllBytesAsync(target, bytes, cancellationToken);
            }

            result.Items.Add(new UsyncItemResult("MediaHandler", "MediaFile", media.Name, media.Key, FilesFolder + "/" + storePath, change, null, []));
        }

        logger.LogInformation("uSync-Export nach {Folder}: {Summary}.", folder, result.Summary());
        return result;
    }

    private static IEnumerable<string> KindFolders(UsyncParts parts)
    {
        var all = new[]
        {
            (UsyncParts.DataTypes, DataTypesFolder), (UsyncParts.ContentTypes, ContentTypesFolder), (UsyncParts.MediaTypes, MediaTypesFolder),
            (UsyncParts.Forms, FormsFolder), (UsyncParts.Media, MediaFolder), (UsyncParts.Content, ContentFolder),
        };
        return all.Where(k => parts.HasFlag(k.Item1)).Select(k => k.Item2);
    }

    private static bool IsEmptyMarker(string path)
    {
        try
        {
            return UsyncXml.Parse(File.ReadAllBytes(path)).Name.LocalName == "Empty";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private sealed record ExportFile(byte[] Bytes, string Handler, string ItemType, string Name, Guid? Key);

    /// <summary>All files of an export by relative path (pure: reads the database, writes nothing).</summary>
    private async Task<Dictionary<string, ExportFile>> BuildExportAsync(UsyncParts parts, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var files = new Dictionary<string, ExportFile>(StringComparer.Ordinal)
        {
            [ConfigFileName] = new(UsyncSerializer.WriteUsyncConfig(), "uSync", "Config", ConfigFileName, null),
        };

        if (parts.HasFlag(UsyncParts.DataTypes))
        {
            var dataTypes = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
            foreach (var (dataType, fileName) in UniqueNames(dataTypes.OrderBy(d => d.Key), d => UsyncXml.DataTypeFileName(d.Name), d => d.Key))
            {
                files[$"{DataTypesFolder}/{fileName}.config"] = new(UsyncSerializer.WriteDataType(dataType), "DataTypeHandler", "DataType", dataType.Name, dataType.Key);
            }
        }

        var types = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var kind in new[] { ContentTypeKind.Document, ContentTypeKind.Media })
        {
            if (!parts.HasFlag(kind == ContentTypeKind.Media ? UsyncParts.MediaTypes : UsyncParts.ContentTypes))
            {
                continue;
            }

            var kindFolder = kind == ContentTypeKind.Media ? MediaTypesFolder : ContentTypesFolder;
            foreach (var (type, fileName) in UniqueNames(types.Where(t => t.Kind == kind).OrderBy(t => t.Key), t => t.Alias.ToLowerInvariant(), t => t.Key))
            {
                files[$"{kindFolder}/{fileName}.config"] = new(UsyncSerializer.WriteContentType(type),
                    kind == ContentTypeKind.Media ? "MediaTypeHandler" : "ContentTypeHandler", kind == ContentTypeKind.Media ? "MediaType" : "ContentType", type.Name, type.Key);
            }
        }

        if (parts.HasFlag(UsyncParts.Forms))
        {
            var forms = await db.FormDefinitions.AsNoTracking().ToListAsync(cancellationToken);
            foreach (var (record, fileName) in UniqueNames(forms.OrderBy(f => f.Key), f => FileStem(f.Alias), f => f.Key))
            {
                try
                {
                    files[$"{FormsFolder}/{fileName}.config"] = new(UsyncSerializer.WriteForm(FormDefinitionStore.ToDefinition(record)),
                        "FormHandler", "Form", record.Name, record.Key);
                }
                catch (FormatException ex)
                {
                    logger.LogWarning(ex, "uSync-Export: Das Formular {Alias} ist nicht lesbar und wird nicht exportiert.", record.Alias);
                }
            }
        }

        if (parts.HasFlag(UsyncParts.Media))
        {
            var media = await db.MediaItems.AsNoTracking().ToListAsync(cancellationToken);
            var mediaTypes = types.Where(t => t.Kind == ContentTypeKind.Media).ToDictionary(t => t.Alias, StringComparer.OrdinalIgnoreCase);
            var mediaByKey = media.ToDictionary(m => m.Key);
            var orderedMedia = media.OrderBy(m => m.Level).ThenBy(m => m.SortOrder).ThenBy(m => m.Key);
            foreach (var (item, fileName) in UniqueNames(orderedMedia, m => FileStem(m.Name), m => m.Key))
            {
                var usync = ToUsync(item, mediaByKey, mediaTypes.GetValueOrDefault(item.MediaTypeAlias));
                files[$"{MediaFolder}/{fileName}.config"] = new(UsyncSerializer.WriteMedia(usync), "MediaHandler", "Media", item.Name, item.Key);
            }
        }

        if (parts.HasFlag(UsyncParts.Content))
        {
            var nodes = await db.ContentNodes.AsNoTracking().ToListAsync(cancellationToken);
            var versionIds = nodes.Where(n => n.CurrentVersionId is not null).Select(n => n.CurrentVersionId!.Value).ToList();
            var versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
            var index = new ContentTypeIndex(types.Where(t => t.Kind == ContentTypeKind.Document));
            var nodesByKey = nodes.ToDictionary(n => n.Key);
            var orderedNodes = nodes.OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ThenBy(n => n.Key);
            foreach (var (node, fileName) in UniqueNames(orderedNodes, n => FileStem(n.Name), n => n.Key))
            {
                var version = node.CurrentVersionId is { } id ? versions.GetValueOrDefault(id) : null;
                var usync = ToUsync(node, version, nodesByKey, index);
                files[$"{ContentFolder}/{fileName}.config"] = new(UsyncSerializer.WriteContent(usync), "ContentHandler", "Content", node.Name, node.Key);
            }
        }

        return files;
    }

    private static string FileStem(string name)
    {
        var stem = UrlSegments.Create(name);
        return stem.Length == 0 ? "item" : stem;
    }

    /// <summary>File names in the given (deterministic) order; later duplicates get the first 8 hex digits of their key.</summary>
    private static IEnumerable<(T Item, string Name)> UniqueNames<T>(IEnumerable<T> items, Func<T, string> name, Func<T, Guid> key)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var candidate = name(item);
            if (!used.Add(candidate))
            {
                candidate = candidate + "-" + key(item).ToString("N", CultureInfo.InvariantCulture)[..8];
                var counter = 2;
                var baseName = candidate;
                while (!used.Add(candidate))
                {
                    candidate = baseName + "-" + counter.ToString(CultureInfo.InvariantCulture);
                    counter++;
                }
            }

            yield return (item, candidate);
        }
    }

    private static string FriendlyPath<T>(T item, Func<T, Guid?> parentKey, Func<T, string> name, IReadOnlyDictionary<Guid, T> byKey)
    {
        var parts = new List<string>();
        var current = item;
        for (var depth = 0; current is not null && depth < 64; depth++)
        {
            parts.Add(name(current));
            current = parentKey(current) is { } p && byKey.TryGetValue(p, out var parent) ? parent : default;
        }

        parts.Reverse();
        return "/" + string.Join('/', parts);
    }

    /// <summary>Fills what content and media files share from the stored item and its parent.</summary>
    private static T InTree<T, TNode>(T usync, TNode node, IReadOnlyDictionary<Guid, TNode> byKey)
        where T : UsyncTreeItem
        where TNode : class, ITreeEntity
    {
        var parent = node.ParentKey is { } pk ? byKey.GetValueOrDefault(pk) : null;
        usync.Key = node.Key;
        usync.Name = node.Name;
        usync.Level = node.Level;
        usync.ParentKey = parent?.Key ?? node.ParentKey ?? Guid.Empty;
        usync.ParentName = parent?.Name ?? "";
        usync.Path = FriendlyPath(node, n => n.ParentKey, n => n.Name, byKey);
        usync.Trashed = node.Trashed;
        usync.CreateDate = node.CreateDate;
        usync.SortOrder = node.SortOrder;
        return usync;
    }

    private static UsyncMediaItem ToUsync(MediaItem item, IReadOnlyDictionary<Guid, MediaItem> byKey, ContentType? mediaType)
    {
        var usync = InTree(new UsyncMediaItem { MediaTypeAlias = item.MediaTypeAlias, FileHash = item.FileHash }, item, byKey);
        var properties = mediaType?.Properties.ToDictionary(p => p.Alias, StringComparer.Ordinal) ?? [];
        foreach (var alias in properties.Keys)
        {
            usync.Values[alias] = null;
        }

        foreach (var (alias, value) in item.Values)
        {
            usync.Values[alias] = value;
        }

        if (item.Url is { } url)
        {
            var isCropper = properties.TryGetValue("umbracoFile", out var fileProperty) && fileProperty.EditorAlias == EditorAliases.ImageCropper;
            usync.Values["umbracoFile"] = isCropper
                ? new JsonObject { ["src"] = url, ["crops"] = new JsonArray(), ["focalPoint"] = null }.ToJsonString(JsonSerializerOptions.Default)
                : url;
        }

        void SetColumn(string alias, object? value)
        {
            if (properties.ContainsKey(alias) || value is not null)
            {
                usync.Values[alias] = value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        SetColumn("umbracoWidth", item.Width);
        SetColumn("umbracoHeight", item.Height);
        SetColumn("umbracoBytes", item.Bytes);
        SetColumn("umbracoExtension", item.Extension);
        return usync;
    }

    private static UsyncContentItem ToUsync(ContentNode node, ContentVersion? version, IReadOnlyDictionary<Guid, ContentNode> byKey, ContentTypeIndex index)
    {
        var usync = InTree(
            new UsyncContentItem { ContentTypeAlias = node.ContentTypeAlias, Published = node.PublishedVersionId is not null, TemplateAlias = node.TemplateAlias },
            node,
            byKey);
        if (index.ByAlias(node.ContentTypeAlias) is { } type)
        {
            foreach (var property in index.AllProperties(type))
            {
                usync.Values[property.Alias] = null;
            }
        }

        foreach (var (alias, value) in version?.Values ?? [])
        {
            usync.Values[alias] = value;
        }

        return usync;
    }
}
