using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Media;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// Media items (<c>Media/</c>, parents first) with their files from <c>Files/</c> (or the store when the file is already
/// there); the file's columns are recomputed from its bytes. Stored through <see cref="MediaService"/>, which writes the
/// file (when the store lacks these bytes), deletes for a delete marker and raises the media notifications.
/// </summary>
public sealed class MediaHandler(MediaService media, IMediaFileStore mediaStore, ILogger<MediaHandler> logger)
    : UsyncTreeHandler<UsyncMediaItem>(UsyncItemKind.Media, logger)
{
    /// <summary>Media properties whose values come from the file, not from the uSync file.</summary>
    private static readonly HashSet<string> FileProperties = new(StringComparer.Ordinal)
    {
        "umbracoFile", "umbracoWidth", "umbracoHeight", "umbracoBytes", "umbracoExtension",
    };

    protected override UsyncMediaItem Read(XElement root) => UsyncSerializer.ReadMedia(root);

    protected override Guid KeyOf(UsyncMediaItem item) => item.Key;

    protected override string NameOf(UsyncMediaItem item) => item.Name;

    protected override Guid ParentKeyOf(UsyncMediaItem item) => item.ParentKey;

    protected override async Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, UsyncMediaItem incoming, CancellationToken cancellationToken)
    {
        var mediaType = run.State.ContentTypes.Values.FirstOrDefault(t => t.Kind == ContentTypeKind.Media
            && string.Equals(t.Alias, incoming.MediaTypeAlias, StringComparison.OrdinalIgnoreCase));
        if (mediaType is null || run.Failed.Contains(mediaType.Key))
        {
            return UsyncPlan.Fail(Messages.Get("Usync.UnknownMediaType", incoming.MediaTypeAlias));
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
            var storePath = UsyncService.MediaStorePath(fileValue);
            if (storePath is null)
            {
                return UsyncPlan.Fail(Messages.Get("Usync.InvalidFilePath", UsyncDiff.Truncate(fileValue, 120)));
            }

            content = await ReadFileAsync(run.Folder, storePath, cancellationToken);
            if (content is null)
            {
                return UsyncPlan.Fail(Messages.Get("Usync.FileMissing", UsyncService.FilesFolder, storePath));
            }

            MediaFileInfo info;
            try
            {
                info = MediaFileInspector.Inspect(content, Path.GetExtension(storePath));
            }
            catch (InvalidDataException ex)
            {
                return UsyncPlan.Fail(Messages.Get("Usync.FileRejected", storePath, ex.Message));
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

        var plan = UsyncPlan.Change(existing is null ? null : Flatten(existing), Flatten(target), async ct =>
            {
                var result = await media.ImportAsync(UsyncService.Importer, target, fileChanged ? content : null, ct);
                return result.Success ? null : string.Join(" ", result.Errors.Select(e => e.Message));
            },
            () => run.State.Media[target.Key] = target);
        if (existing is not null && fileChanged)
        {
            plan.ExtraDetails.Add(new UsyncPropertyChange(Messages.Get("Usync.Change.StoredFile"), Messages.Get("Usync.Change.MissingOrDifferent"), target.FileHash));
        }

        return plan;
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.Media;

    protected override bool HasChildren(UsyncState state, Guid key) => state.Media.Values.Any(m => m.ParentKey == key);

    protected override async Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken)
    {
        var result = await media.ImportDeleteAsync(UsyncService.Importer, key, cancellationToken);
        return result.Success ? null : string.Join(" ", result.Errors.Select(e => e.Message));
    }

    /// <summary>The file from the folder's <c>Files/</c>, else from the media store; <c>null</c> when neither has it.</summary>
    private async Task<byte[]?> ReadFileAsync(string folder, string storePath, CancellationToken cancellationToken)
    {
        var source = Path.Combine(folder, UsyncService.FilesFolder, storePath.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(source))
        {
            return await File.ReadAllBytesAsync(source, cancellationToken);
        }

        if (mediaStore.OpenRead(storePath) is not { } stored)
        {
            return null;
        }

        await using (stored)
        {
            using var buffer = new MemoryStream();
            await stored.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
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

    private static SortedDictionary<string, string?> Flatten(MediaItem m) => UsyncDiff.WithValues(new SortedDictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Name"] = m.Name,
        ["Parent"] = m.ParentKey is { } p ? UsyncXml.Guid(p) : null,
        ["SortOrder"] = m.SortOrder.ToString(CultureInfo.InvariantCulture),
        ["MediaType"] = m.MediaTypeAlias,
        ["Trashed"] = UsyncXml.LowerBool(m.Trashed),
        ["umbracoFile"] = m.Url,
        ["FileHash"] = m.FileHash,
    }, m.Values);
}
