using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>The media library's file work: uploads, replacing a file (keeping its address), storing and removing files.</summary>
public sealed partial class MediaService
{
    /// <summary>Uploads one file into a folder (or the root). The item name is the file name without extension.</summary>
    public async Task<MediaResult> UploadAsync(Actor actor, Guid? parentKey, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var (file, problem) = await PrepareAsync(fileName, content, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await using var unit = units.Begin();
        var db = unit.Db;
        var (item, parentError) = await NewItemAsync(db, parentKey, file!.DisplayName, MediaTypes.ForExtension(file.Info.Extension), cancellationToken);
        if (item is null)
        {
            return parentError!;
        }

        var path = await SaveFileAsync(db, file, cancellationToken);
        Apply(item, path, file.Info);
        db.MediaItems.Add(item);
        unit.Notify(new MediaFileStoredNotification(actor, item.Key, item.Name, $"{path} ({file.Info.Bytes} Bytes)", Replaced: false));
        await CommitOrRemoveFileAsync(unit, path, cancellationToken);
        return MediaResult.Ok(item);
    }

    /// <summary>
    /// Replaces the file of an item and keeps its key and its public URL, so every picker, page and bookmark keeps pointing
    /// at it. With the same extension the new bytes are written to the same store path (the URL stays, the ETag — the
    /// file hash — changes); the row is saved in the unit's transaction, the file written, then the unit commits and the
    /// published snapshot is rebuilt, so a response sent in between carries the new bytes under the old ETag and is
    /// corrected on the next revalidation. A file with another extension (PNG → JPG) keeps the item's folder and file stem;
    /// the old URL then answers 301 (see the media endpoint) as long as the item exists.
    /// </summary>
    public async Task<MediaResult> ReplaceFileAsync(Actor actor, Guid key, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (item is null || item.IsFolder())
        {
            return MediaResult.Fail("file", Messages.Get("Media.NotFoundOrFolder"));
        }

        var (file, problem) = await PrepareAsync(fileName, content, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var newType = MediaTypes.ForExtension(file!.Info.Extension);
        if (newType != item.MediaTypeAlias)
        {
            return MediaResult.Fail("file", Messages.Get("Media.ReplaceWrongKind", TypeName(item.MediaTypeAlias), file.Info.Extension, TypeName(newType)));
        }

        var oldPath = item.FilePath;
        var path = oldPath is null ? null : MediaPaths.ReplacementPath(oldPath, file.Info.Extension);
        if (path is null || path != oldPath)
        {
            // A new extension: a new file next to the old one, written before the commit (as an upload).
            path = path is not null && !store.Exists(path) ? path : null;
            path = await SaveFileAsync(db, file, cancellationToken, path);
            Apply(item, path, file.Info);
            item.UpdateDate = Now();
            unit.Notify(new MediaFileStoredNotification(actor, item.Key, item.Name, $"{oldPath} → {path} ({file.Info.Bytes} Bytes)", Replaced: true));
            await CommitOrRemoveFileAsync(unit, path, cancellationToken);
            if (oldPath is not null)
            {
                await DeleteFilesAsync([oldPath], cancellationToken);
            }

            return MediaResult.Ok(item);
        }

        var previousBytes = item.Bytes;
        Apply(item, path, file.Info);
        item.UpdateDate = Now();
        unit.Notify(new MediaFileStoredNotification(actor, item.Key, item.Name, $"{path} ({previousBytes} → {file.Info.Bytes} Bytes)", Replaced: true));
        await unit.SaveChangesAsync(cancellationToken);

        // If writing fails the old bytes are still in place (the store swaps the file in one step) and the unit rolls back,
        // so the item keeps pointing at them.
        using (var stream = new MemoryStream(file.Content, writable: false))
        {
            await store.SaveAsync(path, stream, cancellationToken);
        }

        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }

    private sealed record PreparedFile(byte[] Content, MediaFileInfo Info, string StoreName, string DisplayName);

    /// <summary>Every upload rule, in the order an editor can fix them: name, size, type (allow-list + magic bytes), SVG sanitizing.</summary>
    private async Task<(PreparedFile? File, MediaResult? Problem)> PrepareAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (MediaPaths.UploadNameProblem(fileName) is { } nameProblem)
        {
            return (null, MediaResult.Fail("file", nameProblem));
        }

        var limit = options.Value.MaxUploadBytes;
        var bytes = await ReadAtMostAsync(content, limit + 1, cancellationToken);
        if (bytes.LongLength > limit)
        {
            return (null, MediaResult.Fail("file", Messages.Get("Media.FileTooLarge", fileName, Size(limit))));
        }

        if (bytes.Length == 0)
        {
            return (null, MediaResult.Fail("file", Messages.Get("Media.FileEmpty", fileName)));
        }

        var storeName = MediaPaths.SafeFileName(fileName);
        var extension = Path.GetExtension(storeName).TrimStart('.');
        if (extension.Length == 0)
        {
            return (null, MediaResult.Fail("file", Messages.Get("Media.FileWithoutExtension", fileName, AllowedList())));
        }

        try
        {
            var info = MediaFileInspector.Inspect(bytes, extension);
            if (info.Extension == "svg")
            {
                bytes = SvgSanitizer.Sanitize(bytes);
                info = MediaFileInspector.Inspect(bytes, extension);
            }

            var display = Path.GetFileNameWithoutExtension(fileName).Trim();
            if (display.Length == 0)
            {
                display = storeName;
            }

            return (new PreparedFile(bytes, info, storeName, display.Length > MaxNameLength ? display[..MaxNameLength] : display), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, MediaResult.Fail("file", ex.Message));
        }
    }

    /// <summary>Writes a new file: at <paramref name="preferred"/> when given, else in a new generated folder no other item uses.</summary>
    private async Task<string> SaveFileAsync(CmsDbContext db, PreparedFile file, CancellationToken cancellationToken, string? preferred = null)
    {
        var path = preferred;
        if (path is null)
        {
            do
            {
                path = MediaPaths.NewStorePath(file.StoreName);
                var folder = MediaPaths.Folder(path) + "/";
                if (!store.Exists(path) && !await db.MediaItems.AnyAsync(m => m.FilePath != null && m.FilePath.StartsWith(folder), cancellationToken))
                {
                    break;
                }
            }
            while (true);
        }

        using var stream = new MemoryStream(file.Content, writable: false);
        await store.SaveAsync(path, stream, cancellationToken);
        return path;
    }

    /// <summary>Commits; if the database refuses, the file just written is removed again so nothing is left behind.</summary>
    private async Task CommitOrRemoveFileAsync(CmsUnitOfWork unit, string path, CancellationToken cancellationToken)
    {
        try
        {
            await unit.CompleteAsync(cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(path, CancellationToken.None);
            throw;
        }
    }

    private async Task DeleteFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            try
            {
                await store.DeleteAsync(path, cancellationToken);
            }
            catch (IOException ex)
            {
                // The database no longer points at the file; a leftover file harms nobody and is logged for clean-up.
                logger.LogWarning(ex, "Mediendatei {Path} konnte nicht gelöscht werden.", path);
            }
        }
    }

    private static void Apply(MediaItem item, string path, MediaFileInfo info)
    {
        item.FilePath = path;
        item.Extension = info.Extension;
        item.MimeType = info.MimeType;
        item.Bytes = info.Bytes;
        item.Width = info.Width;
        item.Height = info.Height;
        item.FileHash = info.Sha256;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length >= max)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    private static string AllowedList() => string.Join(", ", MediaFileInspector.AllowedExtensions.Order(StringComparer.Ordinal));
}
