using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Sanitizing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>
/// Imports, reports (dry run) and exports a uSync folder. Order: data types → content/element types
/// (compositions first) → media types → media (parents first) → content (parents first). One transaction
/// per import; a bad item never stops the others and never throws.
/// </summary>
public sealed partial class UsyncService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    PropertyValueSanitizer sanitizer,
    IMediaFileStore mediaStore,
    TimeProvider clock,
    ILogger<UsyncService> logger)
{
    public const string DataTypesFolder = "DataTypes";
    public const string ContentTypesFolder = "ContentTypes";
    public const string MediaTypesFolder = "MediaTypes";
    public const string MediaFolder = "Media";
    public const string ContentFolder = "Content";
    public const string FormsFolder = "Forms";
    public const string FilesFolder = "Files";
    public const string ConfigFileName = "usync.config";
    public const string ImportUser = "uSync";

    /// <summary>Media properties whose values come from the file, not from the uSync file.</summary>
    private static readonly HashSet<string> FileProperties = new(StringComparer.Ordinal)
    {
        "umbracoFile", "umbracoWidth", "umbracoHeight", "umbracoBytes", "umbracoExtension",
    };

    public Task<UsyncResult> ImportAsync(string folder, UsyncParts parts = UsyncParts.All, CancellationToken cancellationToken = default) =>
        ProcessAsync(folder, parts, apply: true, cancellationToken);

    /// <summary>Dry run: compares the folder with the database and changes nothing.</summary>
    public Task<UsyncResult> ReportAsync(string folder, UsyncParts parts = UsyncParts.All, CancellationToken cancellationToken = default) =>
        ProcessAsync(folder, parts, apply: false, cancellationToken);

    // ======================================================================================= import / report

    private async Task<UsyncResult> ProcessAsync(string folder, UsyncParts parts, bool apply, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(folder);
        var result = new UsyncResult();
        if (!Directory.Exists(folder))
        {
            result.Items.Add(new UsyncItemResult("uSync", Messages.Get("Usync.FolderLabel"), folder, null, folder, UsyncChangeKind.Fail,
                Messages.Get("Usync.FolderMissing", folder), []));
            return result;
        }

        await using var unit = units.Begin();
        var db = unit.Db;
        if (apply)
        {
            await unit.BeginTransactionAsync(cancellationToken);
        }

        var run = new Run(db, folder, apply, result, await State.LoadAsync(db, cancellationToken));

        if (parts.HasFlag(UsyncParts.DataTypes))
        {
            await ImportDataTypesAsync(run, cancellationToken);
        }

        if (parts.HasFlag(UsyncParts.ContentTypes))
        {
            await ImportContentTypesAsync(run, ContentTypesFolder, ContentTypeKind.Document, cancellationToken);
        }

        if (parts.HasFlag(UsyncParts.MediaTypes))
        {
            await ImportContentTypesAsync(run, MediaTypesFolder, ContentTypeKind.Media, cancellationToken);
        }

        if (parts.HasFlag(UsyncParts.Forms))
        {
            await ImportFormsAsync(run, cancellationToken);
        }

        if (parts.HasFlag(UsyncParts.Media))
        {
            await ImportMediaAsync(run, cancellationToken);
        }

        if (parts.HasFlag(UsyncParts.Content))
        {
            await ImportContentAsync(run, cancellationToken);
        }

        if (apply)
        {
            // Only a change is announced (a new published snapshot, caches evicted); a start with nothing new stays cheap.
            if (result.Items.Any(i => i.Change != UsyncChangeKind.NoChange))
            {
                unit.Notify(new UsyncImportedNotification(new Core.Auditing.Actor(null, ImportUser), folder, result.Summary()));
            }

            await unit.CompleteAsync(cancellationToken);
            logger.LogInformation("uSync-Import aus {Folder}: {Summary}.", folder, result.Summary());
        }

        return result;
    }

    private sealed record Run(CmsDbContext Db, string Folder, bool Apply, UsyncResult Result, State State)
    {
        /// <summary>Keys of items that failed in this run (dependants fail too).</summary>
        public HashSet<Guid> Failed { get; } = [];
    }

    private sealed record FileEntry(string RelativePath, XElement? Root, string? Error);

    /// <summary>
    /// Reads a kind folder: unreadable files and parse errors become <c>Fail</c> results, delete markers are applied,
    /// and the parsed items are returned for import in file-name order.
    /// </summary>
    private async Task<List<(FileEntry Entry, T Item)>> ReadItemsAsync<T>(
        Run run, string handler, string itemType, string kindFolder, Func<XElement, T> read, CancellationToken cancellationToken)
    {
        var items = new List<(FileEntry Entry, T Item)>();
        foreach (var entry in ReadFolder(run, kindFolder))
        {
            if (entry.Root is null)
            {
                Add(run, handler, itemType, Path.GetFileNameWithoutExtension(entry.RelativePath), null, entry.RelativePath, UsyncChangeKind.Fail, entry.Error);
                continue;
            }

            if (entry.Root.Name.LocalName == "Empty")
            {
                await DeleteAsync(run, handler, itemType, entry, cancellationToken);
                continue;
            }

            try
            {
                items.Add((entry, read(entry.Root)));
            }
            catch (FormatException ex)
            {
                Add(run, handler, itemType, (string?)entry.Root.Attribute("Alias") ?? entry.RelativePath, null, entry.RelativePath, UsyncChangeKind.Fail, ex.Message);
            }
        }

        return items;
    }

    /// <summary>Reads every <c>.config</c> of a kind folder, sorted by name; malformed XML is reported, not thrown.</summary>
    private static List<FileEntry> ReadFolder(Run run, string kindFolder)
    {
        var directory = Path.Combine(run.Folder, kindFolder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var entries = new List<FileEntry>();
        foreach (var path in Directory.GetFiles(directory, "*.config").Order(StringComparer.Ordinal))
        {
            var relative = kindFolder + "/" + Path.GetFileName(path);
            try
            {
                entries.Add(new FileEntry(relative, UsyncXml.Parse(File.ReadAllBytes(path)), null));
            }
            catch (XmlException ex)
            {
                entries.Add(new FileEntry(relative, null, Messages.Get("Usync.InvalidXml", ex.Message)));
            }
            catch (IOException ex)
            {
                entries.Add(new FileEntry(relative, null, Messages.Get("Usync.Unreadable", ex.Message)));
            }
        }

        return entries;
    }

    private static void Add(Run run, string handler, string itemType, string name, Guid? key, string file, UsyncChangeKind change,
        string? message = null, IReadOnlyList<UsyncPropertyChange>? details = null)
    {
        run.Result.Items.Add(new UsyncItemResult(handler, itemType, name, key, file, change, message, details ?? []));
        if (change is UsyncChangeKind.Fail or UsyncChangeKind.ParentMissing && key is { } k)
        {
            run.Failed.Add(k);
        }
    }

    /// <summary>Saves one item's changes (apply mode); a database error fails only that item.</summary>
    private async Task<string?> SaveAsync(Run run, CancellationToken cancellationToken)
    {
        if (!run.Apply)
        {
            return null;
        }

        try
        {
            await run.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "uSync: Speichern fehlgeschlagen.");
            return $"Speichern fehlgeschlagen: {ex.InnerException?.Message ?? ex.Message}";
        }
        finally
        {
            run.Db.ChangeTracker.Clear();
        }
    }

    // ------------------------------------------------------------------------------------- data types

    private async Task ImportDataTypesAsync(Run run, CancellationToken cancellationToken)
    {
        const string handler = "DataTypeHandler";
        foreach (var (entry, incoming) in await ReadItemsAsync(run, handler, "DataType", DataTypesFolder, UsyncSerializer.ReadDataType, cancellationToken))
        {
            if (!EditorAliases.Supported.Contains(incoming.EditorAlias))
            {
                Add(run, handler, "DataType", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.UnknownEditor", incoming.EditorAlias));
                continue;
            }

            if (run.State.DataTypes.Values.FirstOrDefault(d => d.Key != incoming.Key && string.Equals(d.Name, incoming.Name, StringComparison.Ordinal)) is { } clash)
            {
                Add(run, handler, "DataType", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.DataTypeNameClash", clash.Name, UsyncXml.Guid(clash.Key)));
                continue;
            }

            run.State.DataTypes.TryGetValue(incoming.Key, out var existing);
            var details = Diff(existing is null ? null : Flatten(existing), Flatten(incoming));
            if (existing is not null && details.Count == 0)
            {
                Add(run, handler, "DataType", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.NoChange);
                continue;
            }

            if (run.Apply)
            {
                if (existing is null)
                {
                    run.Db.DataTypes.Add(incoming);
                }
                else
                {
                    run.Db.DataTypes.Update(incoming);
                }
            }

            if (await SaveAsync(run, cancellationToken) is { } error)
            {
                Add(run, handler, "DataType", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
                continue;
            }

            run.State.DataTypes[incoming.Key] = incoming;
            Add(run, handler, "DataType", incoming.Name, incoming.Key, entry.RelativePath,
                existing is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
        }
    }

    private static SortedDictionary<string, string?> Flatten(DataType d) => new(StringComparer.Ordinal)
    {
        ["Name"] = d.Name,
        ["EditorAlias"] = d.EditorAlias,
        ["EditorUIAlias"] = d.EditorUiAlias,
        ["DatabaseType"] = d.DatabaseType,
        ["Folder"] = d.Folder,
        ["Level"] = d.Level.ToString(CultureInfo.InvariantCulture),
        ["Config"] = SafeCanonicalJson(d.ConfigJson),
    };

    // ------------------------------------------------------------------------------------- content types

    private async Task ImportContentTypesAsync(Run run, string kindFolder, ContentTypeKind kind, CancellationToken cancellationToken)
    {
        var handler = kind == ContentTypeKind.Media ? "MediaTypeHandler" : "ContentTypeHandler";
        var itemType = kind == ContentTypeKind.Media ? "MediaType" : "ContentType";
        var pending = (await ReadItemsAsync(run, handler, itemType, kindFolder, root =>
            {
                var type = UsyncSerializer.ReadContentType(root);
                return type.Kind == kind ? type : throw new FormatException(Messages.Get("Usync.WrongFolder", root.Name.LocalName, kindFolder));
            }, cancellationToken))
            .Select(i => (i.Entry, Type: i.Item)).ToList();

        // Compositions before the types that use them (depth first over the folder's own types).
        var byKey = pending.GroupBy(p => p.Type.Key).ToDictionary(g => g.Key, g => g.First());
        var byAlias = pending.GroupBy(p => p.Type.Alias, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<Guid>();
        var visiting = new HashSet<Guid>();

        async Task VisitAsync((FileEntry Entry, ContentType Type) item)
        {
            if (done.Contains(item.Type.Key) || !visiting.Add(item.Type.Key))
            {
                return;
            }

            foreach (var composition in item.Type.Compositions)
            {
                if ((byKey.TryGetValue(composition.Key, out var dependency) || byAlias.TryGetValue(composition.Alias, out dependency))
                    && dependency.Type.Key != item.Type.Key)
                {
                    await VisitAsync(dependency);
                }
            }

            visiting.Remove(item.Type.Key);
            done.Add(item.Type.Key);
            await ImportContentTypeAsync(run, handler, itemType, item.Entry, item.Type, cancellationToken);
        }

        foreach (var item in pending)
        {
            await VisitAsync(item);
        }
    }

    private async Task ImportContentTypeAsync(Run run, string handler, string itemType, FileEntry entry, ContentType incoming, CancellationToken cancellationToken)
    {
        var types = run.State.ContentTypes;
        foreach (var composition in incoming.Compositions)
        {
            var resolved = types.GetValueOrDefault(composition.Key)
                ?? types.Values.FirstOrDefault(t => t.Kind == incoming.Kind && string.Equals(t.Alias, composition.Alias, StringComparison.OrdinalIgnoreCase));
            if (resolved is null || run.Failed.Contains(resolved.Key) || run.Failed.Contains(composition.Key))
            {
                Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.CompositionMissing", composition.Alias, UsyncXml.Guid(composition.Key)));
                return;
            }

            composition.Key = resolved.Key;
            composition.Alias = resolved.Alias;
        }

        foreach (var property in incoming.Properties)
        {
            if (!run.State.DataTypes.TryGetValue(property.DataTypeKey, out var dataType) || run.Failed.Contains(property.DataTypeKey))
            {
                Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.PropertyDataTypeMissing", UsyncXml.Guid(property.DataTypeKey), property.EditorAlias, property.Alias));
                return;
            }

            property.EditorAlias = dataType.EditorAlias;
        }

        if (types.Values.FirstOrDefault(t => t.Key != incoming.Key && t.Kind == incoming.Kind
                && string.Equals(t.Alias, incoming.Alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.TypeAliasClash", clash.Alias));
            return;
        }

        types.TryGetValue(incoming.Key, out var existing);
        if (existing is not null && existing.Kind != incoming.Kind)
        {
            Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.KeyKindClash"));
            return;
        }

        var details = Diff(existing is null ? null : Flatten(existing), Flatten(incoming));
        if (existing is not null && details.Count == 0)
        {
            Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.NoChange);
            return;
        }

        if (run.Apply)
        {
            if (existing is null)
            {
                run.Db.ContentTypes.Add(incoming);
            }
            else
            {
                var tracked = await run.Db.ContentTypes.SingleAsync(t => t.Key == incoming.Key, cancellationToken);
                run.Db.Entry(tracked).CurrentValues.SetValues(incoming);
                tracked.Groups = incoming.Groups;
                tracked.Properties = incoming.Properties;
                tracked.AllowedChildren = incoming.AllowedChildren;
                tracked.Compositions = incoming.Compositions;
            }
        }

        if (await SaveAsync(run, cancellationToken) is { } error)
        {
            Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
            return;
        }

        types[incoming.Key] = incoming;
        Add(run, handler, itemType, incoming.Name, incoming.Key, entry.RelativePath,
            existing is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
    }

    private static SortedDictionary<string, string?> Flatten(ContentType t)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Name"] = t.Name,
            ["Icon"] = t.Icon,
            ["Thumbnail"] = t.Thumbnail,
            ["Description"] = t.Description,
            ["AllowAtRoot"] = UsyncXml.PascalBool(t.AllowAtRoot),
            ["IsElement"] = UsyncXml.LowerBool(t.IsElement),
            ["Variations"] = t.Variations,
            ["Folder"] = t.Folder,
            ["Level"] = t.Level.ToString(CultureInfo.InvariantCulture),
            ["DefaultTemplate"] = t.DefaultTemplate,
            ["Compositions"] = string.Join(", ", t.Compositions.Select(c => $"{c.Alias} ({UsyncXml.Guid(c.Key)})").Order(StringComparer.Ordinal)),
            ["Structure"] = string.Join(", ", t.AllowedChildren.OrderBy(c => c.SortOrder).ThenBy(c => c.Alias, StringComparer.Ordinal)
                .Select(c => $"{c.Alias} ({UsyncXml.Guid(c.Key)}) #{c.SortOrder}")),
        };
        foreach (var group in t.Groups)
        {
            result[$"Tab:{group.Alias}"] = $"{group.Name} | {group.Type} | {group.SortOrder} | {UsyncXml.Guid(group.Key)}";
        }

        foreach (var p in t.Properties)
        {
            result[$"Property:{p.Alias}"] = string.Join(" | ",
                p.Name, UsyncXml.Guid(p.Key), UsyncXml.Guid(p.DataTypeKey), p.EditorAlias, "Mandatory=" + UsyncXml.LowerBool(p.Mandatory),
                p.ValidationRegex ?? "", p.Description ?? "", p.SortOrder.ToString(CultureInfo.InvariantCulture), p.GroupAlias ?? "",
                p.Variations, p.MandatoryMessage ?? "", p.ValidationRegexMessage ?? "", "LabelOnTop=" + UsyncXml.LowerBool(p.LabelOnTop));
        }

        return result;
    }

    // ------------------------------------------------------------------------------------- media

    private async Task ImportMediaAsync(Run run, CancellationToken cancellationToken)
    {
        const string handler = "MediaHandler";
        var items = await ReadItemsAsync(run, handler, "Media", MediaFolder, UsyncSerializer.ReadMedia, cancellationToken);

        await InParentOrderAsync(
            run, handler, "Media", items, i => i.Item.Key, i => i.Item.ParentKey, i => i.Item.Name, i => i.Entry.RelativePath,
            key => run.State.Media.ContainsKey(key),
            (i, ct) => ImportMediaItemAsync(run, handler, i.Entry, i.Item, ct),
            cancellationToken);
    }

    private async Task ImportMediaItemAsync(Run run, string handler, FileEntry entry, UsyncMediaItem incoming, CancellationToken cancellationToken)
    {
        var mediaType = run.State.ContentTypes.Values.FirstOrDefault(t => t.Kind == ContentTypeKind.Media
            && string.Equals(t.Alias, incoming.MediaTypeAlias, StringComparison.OrdinalIgnoreCase));
        if (mediaType is null || run.Failed.Contains(mediaType.Key))
        {
            Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.UnknownMediaType", incoming.MediaTypeAlias));
            return;
        }

        MediaItem? parent = incoming.ParentKey == Guid.Empty ? null : run.State.Media[incoming.ParentKey];
        run.State.Media.TryGetValue(incoming.Key, out var existing);
        var target = new MediaItem
        {
            Id = existing?.Id ?? 0,
            Key = incoming.Key,
            ParentKey = parent?.Key,
            Level = parent is null ? 1 : parent.Level + 1,
            Name = incoming.Name.Trim(),
            MediaTypeAlias = mediaType.Alias,
            SortOrder = incoming.SortOrder,
            Trashed = incoming.Trashed,
            CreateDate = existing?.CreateDate ?? incoming.CreateDate,
            UpdateDate = existing?.UpdateDate ?? incoming.CreateDate,
            Values = incoming.Values
                .Where(v => !FileProperties.Contains(v.Key) && !string.IsNullOrEmpty(v.Value))
                .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
        };

        byte[]? content = null;
        var fileChanged = false;
        if (incoming.Values.GetValueOrDefault("umbracoFile") is { Length: > 0 } fileValue)
        {
            var storePath = MediaStorePath(fileValue);
            if (storePath is null)
            {
                Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.InvalidFilePath", Truncate(fileValue, 120)));
                return;
            }

            var source = Path.Combine(run.Folder, FilesFolder, storePath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(source))
            {
                content = await File.ReadAllBytesAsync(source, cancellationToken);
            }
            else if (mediaStore.OpenRead(storePath) is { } stored)
            {
                await using (stored)
                {
                    using var buffer = new MemoryStream();
                    await stored.CopyToAsync(buffer, cancellationToken);
                    content = buffer.ToArray();
                }
            }
            else
            {
                Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.FileMissing", FilesFolder, storePath));
                return;
            }

            MediaFileInfo info;
            try
            {
                info = MediaFileInspector.Inspect(content, Path.GetExtension(storePath));
            }
            catch (InvalidDataException ex)
            {
                Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    Messages.Get("Usync.FileRejected", storePath, ex.Message));
                return;
            }

            target.FilePath = storePath;
            target.Extension = info.Extension;
            target.MimeType = info.MimeType;
            target.Bytes = info.Bytes;
            target.Width = info.Width;
            target.Height = info.Height;
            target.FileHash = info.Sha256;
            fileChanged = !await StoreHasAsync(storePath, info.Sha256, cancellationToken);
        }

        var details = Diff(existing is null ? null : Flatten(existing), Flatten(target)).ToList();
        if (existing is not null && fileChanged)
        {
            details.Add(new UsyncPropertyChange(Messages.Get("Usync.Change.StoredFile"), Messages.Get("Usync.Change.MissingOrDifferent"), target.FileHash));
        }

        if (existing is not null && details.Count == 0)
        {
            Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.NoChange);
            return;
        }

        if (run.Apply)
        {
            if (fileChanged && content is not null && target.FilePath is not null)
            {
                using var stream = new MemoryStream(content, writable: false);
                await mediaStore.SaveAsync(target.FilePath, stream, cancellationToken);
            }

            target.UpdateDate = existing is null ? incoming.CreateDate : clock.GetUtcNow().UtcDateTime;
            if (existing is null)
            {
                run.Db.MediaItems.Add(target);
            }
            else
            {
                run.Db.MediaItems.Update(target);
            }
        }

        if (await SaveAsync(run, cancellationToken) is { } error)
        {
            Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
            return;
        }

        run.State.Media[target.Key] = target;
        Add(run, handler, "Media", incoming.Name, incoming.Key, entry.RelativePath,
            existing is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
    }

    private async Task<bool> StoreHasAsync(string storePath, string sha256, CancellationToken cancellationToken)
    {
        var stream = mediaStore.OpenRead(storePath);
        if (stream is null)
        {
            return false;
        }

        await using (stream)
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            return string.Equals(Convert.ToHexStringLower(hash), sha256, StringComparison.Ordinal);
        }
    }

    /// <summary>Store path from an <c>umbracoFile</c> value: <c>/media/a/b.png</c>, or <c>{"src":"/media/a/b.png",…}</c>.</summary>
    public static string? MediaStorePath(string value)
    {
        var src = value.Trim();
        if (src.StartsWith('{'))
        {
            try
            {
                src = JsonNode.Parse(src)?["src"]?.GetValue<string>() ?? "";
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return null;
            }
        }

        const string prefix = "/media/";
        if (!src.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = src[prefix.Length..];
        return MediaPaths.IsSafeRelativePath(path) && path.Contains('/', StringComparison.Ordinal) ? path : null;
    }

    private static SortedDictionary<string, string?> Flatten(MediaItem m)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Name"] = m.Name,
            ["Parent"] = m.ParentKey is { } p ? UsyncXml.Guid(p) : null,
            ["SortOrder"] = m.SortOrder.ToString(CultureInfo.InvariantCulture),
            ["MediaType"] = m.MediaTypeAlias,
            ["Trashed"] = UsyncXml.LowerBool(m.Trashed),
            ["umbracoFile"] = m.Url,
            ["FileHash"] = m.FileHash,
        };
        foreach (var (alias, value) in m.Values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                result[alias] = value;
            }
        }

        return result;
    }

    // ------------------------------------------------------------------------------------- content

    private async Task ImportContentAsync(Run run, CancellationToken cancellationToken)
    {
        const string handler = "ContentHandler";
        var items = await ReadItemsAsync(run, handler, "Content", ContentFolder, UsyncSerializer.ReadContent, cancellationToken);

        await InParentOrderAsync(
            run, handler, "Content", items, i => i.Item.Key, i => i.Item.ParentKey, i => i.Item.Name, i => i.Entry.RelativePath,
            key => run.State.Nodes.ContainsKey(key),
            (i, ct) => ImportContentItemAsync(run, handler, i.Entry, i.Item, ct),
            cancellationToken);
    }

    private async Task ImportContentItemAsync(Run run, string handler, FileEntry entry, UsyncContentItem incoming, CancellationToken cancellationToken)
    {
        var schema = new ContentTypeIndex(run.State.ContentTypes.Values.Where(t => t.Kind == ContentTypeKind.Document));
        var type = schema.ByAlias(incoming.ContentTypeAlias);
        if (type is null || run.Failed.Contains(type.Key))
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Content.UnknownDocumentType", incoming.ContentTypeAlias));
            return;
        }

        if (type.IsElement)
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.ElementTypeAsDocument", type.Alias));
            return;
        }

        ContentNode? parent = incoming.ParentKey == Guid.Empty ? null : run.State.Nodes[incoming.ParentKey];
        run.State.Nodes.TryGetValue(incoming.Key, out var existing);
        var current = existing?.CurrentVersionId is { } currentId ? run.State.Versions.GetValueOrDefault(currentId) : null;

        Dictionary<string, string?> values;
        try
        {
            var raw = incoming.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            values = sanitizer.Sanitize(schema, type, raw, RichTextSanitizer.ExternalImageDataTypes(run.State.DataTypes.Values));
            foreach (var (alias, value) in raw)
            {
                // The sanitizer re-serializes JSON values (escaping umlauts); keep the file's spelling when nothing was removed.
                if (values.TryGetValue(alias, out var cleaned) && !string.Equals(cleaned, value, StringComparison.Ordinal) && SameJson(cleaned, value))
                {
                    values[alias] = value;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.ValueUnreadable", ex.Message));
            return;
        }

        // uSync content files carry no segment: the version's segment comes from umbracoUrlName or the name (as Umbraco does).
        var urlName = values.GetValueOrDefault("umbracoUrlName");
        var segment = UrlSegments.Create(string.IsNullOrWhiteSpace(urlName) ? incoming.Name : urlName);
        if (ReservedUrlSegments.Clashes(parent, segment))
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.ReservedSegment", segment));
            return;
        }

        var node = new ContentNode
        {
            Id = existing?.Id ?? 0,
            Key = incoming.Key,
            ParentKey = parent?.Key,
            Level = parent is null ? 1 : parent.Level + 1,
            Name = incoming.Name.Trim(),
            UrlSegment = segment,
            SortOrder = incoming.SortOrder,
            ContentTypeAlias = type.Alias,
            TemplateAlias = incoming.TemplateAlias,
            Trashed = incoming.Trashed,
            CreateDate = existing?.CreateDate ?? incoming.CreateDate,
            UpdateDate = existing?.UpdateDate ?? incoming.CreateDate,
            PublishedVersionId = existing?.PublishedVersionId,
            CurrentVersionId = existing?.CurrentVersionId,
        };

        var currentSegment = string.IsNullOrEmpty(current?.UrlSegment) ? existing?.UrlSegment ?? "" : current.UrlSegment;
        var oldFlat = existing is null ? null : FlattenContent(existing, currentSegment, current?.Values, existing.PublishedVersionId is not null && existing.PublishedVersionId == existing.CurrentVersionId);
        var details = Diff(oldFlat, FlattenContent(node, segment, values, incoming.Published));
        if (existing is not null && details.Count == 0)
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.NoChange);
            return;
        }

        var valuesChanged = current is null
            || !string.Equals(current.Name, node.Name, StringComparison.Ordinal)
            || !string.Equals(current.UrlSegment, segment, StringComparison.Ordinal)
            || !SameValues(current.Values, values);
        var now = clock.GetUtcNow().UtcDateTime;
        if (run.Apply)
        {
            node.UpdateDate = existing is null ? incoming.CreateDate : now;
            ContentVersion? version = null;
            if (valuesChanged)
            {
                version = new ContentVersion
                {
                    ContentKey = node.Key, Name = node.Name, UrlSegment = segment, CreatedAt = now, CreatedBy = ImportUser, Values = values,
                };
                run.Db.ContentVersions.Add(version);
                if (await SaveAsync(run, cancellationToken) is { } versionError)
                {
                    Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, versionError);
                    return;
                }

                node.CurrentVersionId = version.Id;
                run.State.Versions[version.Id] = version;
            }

            node.PublishedVersionId = incoming.Published ? node.CurrentVersionId : null;
            if (existing is null)
            {
                run.Db.ContentNodes.Add(node);
            }
            else
            {
                run.Db.ContentNodes.Update(node);
            }
        }

        if (await SaveAsync(run, cancellationToken) is { } error)
        {
            Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
            return;
        }

        run.State.Nodes[node.Key] = node;
        Add(run, handler, "Content", incoming.Name, incoming.Key, entry.RelativePath,
            existing is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
    }

    private static SortedDictionary<string, string?> FlattenContent(ContentNode n, string segment, IReadOnlyDictionary<string, string?>? values, bool published)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Name"] = n.Name,
            ["Parent"] = n.ParentKey is { } p ? UsyncXml.Guid(p) : null,
            ["SortOrder"] = n.SortOrder.ToString(CultureInfo.InvariantCulture),
            ["ContentType"] = n.ContentTypeAlias,
            ["Template"] = n.TemplateAlias,
            ["Trashed"] = UsyncXml.LowerBool(n.Trashed),
            ["Published"] = UsyncXml.LowerBool(published),
            ["UrlSegment"] = segment,
        };
        foreach (var (alias, value) in values ?? new Dictionary<string, string?>())
        {
            if (!string.IsNullOrEmpty(value))
            {
                result[alias] = value;
            }
        }

        return result;
    }

    private static bool SameJson(string? a, string? b)
    {
        if (a is null || b is null || !a.TrimStart().StartsWith('{') && !a.TrimStart().StartsWith('['))
        {
            return false;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool SameValues(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b)
    {
        var left = a.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var right = b.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return left.Count == right.Count && left.All(kv => right.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));
    }

    // ------------------------------------------------------------------------------------- shared

    /// <summary>
    /// Processes tree items so parents come before children: first those whose parent is the root or already
    /// known, repeatedly; what is left has a parent neither in the database nor in the folder.
    /// </summary>
    private static async Task InParentOrderAsync<T>(
        Run run, string handler, string itemType, List<T> items,
        Func<T, Guid> key, Func<T, Guid> parentKey, Func<T, string> name, Func<T, string> file,
        Func<Guid, bool> exists, Func<T, CancellationToken, Task> import, CancellationToken cancellationToken)
    {
        var remaining = items.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(i => parentKey(i) == Guid.Empty || (exists(parentKey(i)) && !run.Failed.Contains(parentKey(i)))).ToList();
            if (ready.Count == 0)
            {
                break;
            }

            foreach (var item in ready)
            {
                remaining.Remove(item);
                await import(item, cancellationToken);
            }
        }

        var inFolder = items.Select(key).ToHashSet();
        foreach (var item in remaining)
        {
            var parent = parentKey(item);
            var message = inFolder.Contains(parent) || run.Failed.Contains(parent)
                ? Messages.Get("Usync.ParentFailed", UsyncXml.Guid(parent))
                : Messages.Get("Usync.ParentMissing", UsyncXml.Guid(parent));
            Add(run, handler, itemType, name(item), key(item), file(item), UsyncChangeKind.ParentMissing, message);
        }
    }

    private async Task DeleteAsync(Run run, string handler, string itemType, FileEntry entry, CancellationToken cancellationToken)
    {
        var empty = UsyncSerializer.ReadEmpty(entry.Root!);
        if (!string.Equals(empty.Change, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            Add(run, handler, itemType, empty.Alias, empty.Key, entry.RelativePath, UsyncChangeKind.NoChange, Messages.Get("Usync.EmptyMarker", empty.Change));
            return;
        }

        var db = run.Db;
        var state = run.State;
        var exists = itemType switch
        {
            "DataType" => state.DataTypes.ContainsKey(empty.Key),
            "ContentType" or "MediaType" => state.ContentTypes.ContainsKey(empty.Key),
            "Media" => state.Media.ContainsKey(empty.Key),
            "Form" => state.Forms.ContainsKey(empty.Key),
            _ => state.Nodes.ContainsKey(empty.Key),
        };
        if (!exists)
        {
            Add(run, handler, itemType, empty.Alias, empty.Key, entry.RelativePath, UsyncChangeKind.NoChange, Messages.Get("Usync.AlreadyDeleted"));
            return;
        }

        var hasChildren = itemType switch
        {
            "Media" => state.Media.Values.Any(m => m.ParentKey == empty.Key),
            "Content" => state.Nodes.Values.Any(n => n.ParentKey == empty.Key),
            _ => false,
        };
        if (hasChildren)
        {
            Add(run, handler, itemType, empty.Alias, empty.Key, entry.RelativePath, UsyncChangeKind.Fail,
                Messages.Get("Usync.HasChildren"));
            return;
        }

        if (run.Apply)
        {
            switch (itemType)
            {
                case "DataType":
                    db.DataTypes.Remove(state.DataTypes[empty.Key]);
                    break;
                case "ContentType" or "MediaType":
                    db.ContentTypes.Remove(await db.ContentTypes.SingleAsync(t => t.Key == empty.Key, cancellationToken));
                    break;
                case "Media":
                    db.MediaItems.Remove(state.Media[empty.Key]);
                    break;
                case "Form":
                    db.FormDefinitions.Remove(state.Forms[empty.Key]);
                    break;
                default:
                    db.ContentVersions.RemoveRange(await db.ContentVersions.Where(v => v.ContentKey == empty.Key).ToListAsync(cancellationToken));
                    db.ContentNodes.Remove(state.Nodes[empty.Key]);
                    break;
            }
        }

        if (await SaveAsync(run, cancellationToken) is { } error)
        {
            Add(run, handler, itemType, empty.Alias, empty.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
            return;
        }

        state.DataTypes.Remove(empty.Key);
        state.ContentTypes.Remove(empty.Key);
        state.Media.Remove(empty.Key);
        state.Nodes.Remove(empty.Key);
        state.Forms.Remove(empty.Key);
        Add(run, handler, itemType, empty.Alias, empty.Key, entry.RelativePath, UsyncChangeKind.Delete);
    }

    private static List<UsyncPropertyChange> Diff(SortedDictionary<string, string?>? old, SortedDictionary<string, string?> incoming)
    {
        var changes = new List<UsyncPropertyChange>();
        var keys = (old?.Keys ?? Enumerable.Empty<string>()).Union(incoming.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var before = old?.GetValueOrDefault(key);
            var after = incoming.GetValueOrDefault(key);
            if (!string.Equals(Normalize(before), Normalize(after), StringComparison.Ordinal))
            {
                changes.Add(new UsyncPropertyChange(key, before, after));
            }
        }

        return changes;

        static string? Normalize(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    private static string SafeCanonicalJson(string? json)
    {
        try
        {
            return UsyncXml.CanonicalJson(json);
        }
        catch (JsonException)
        {
            return json ?? "";
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length] + "…";

    /// <summary>The database as the run sees it (read once, updated as items are applied).</summary>
    private sealed class State
    {
        public Dictionary<Guid, DataType> DataTypes { get; private init; } = [];

        public Dictionary<Guid, ContentType> ContentTypes { get; private init; } = [];

        public Dictionary<Guid, MediaItem> Media { get; private init; } = [];

        public Dictionary<Guid, ContentNode> Nodes { get; private init; } = [];

        public Dictionary<int, ContentVersion> Versions { get; private init; } = [];

        public Dictionary<Guid, Core.Forms.FormDefinitionRecord> Forms { get; private init; } = [];

        public static async Task<State> LoadAsync(CmsDbContext db, CancellationToken cancellationToken)
        {
            var nodes = await db.ContentNodes.AsNoTracking().ToDictionaryAsync(n => n.Key, cancellationToken);
            var versionIds = nodes.Values.Where(n => n.CurrentVersionId is not null).Select(n => n.CurrentVersionId!.Value).ToList();
            return new State
            {
                DataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken),
                ContentTypes = await db.ContentTypes.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken),
                Media = await db.MediaItems.AsNoTracking().ToDictionaryAsync(m => m.Key, cancellationToken),
                Nodes = nodes,
                Versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken),
                Forms = await db.FormDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Key, cancellationToken),
            };
        }
    }
}
