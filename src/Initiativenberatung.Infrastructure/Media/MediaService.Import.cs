using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>The media library's import: an item as a uSync file describes it, and a uSync delete marker.</summary>
public sealed partial class MediaService
{
    /// <summary>
    /// Stores a media item as the uSync importer read it, in the import's unit of work: its key, parent, sort order, values,
    /// recycle-bin state and file columns as the file says (the importer checked the type and the file); the level follows
    /// the parent, the create date stays once stored. <paramref name="file"/> (when the store lacks these bytes) is written
    /// to the item's store path after the row is saved, so a database error dooms the import before any file changes.
    /// Raises <see cref="MediaFileStoredNotification"/> when a file was written, else <see cref="MediaSavedNotification"/>.
    /// </summary>
    public async Task<MediaResult> ImportAsync(Actor actor, MediaItem item, byte[]? file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(item);
        await using var unit = units.Begin();
        var db = unit.Db;
        var existing = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == item.Key, cancellationToken);
        MediaItem? parent = null;
        if (item.ParentKey is { } parentKey
            && (parent = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == parentKey, cancellationToken)) is null)
        {
            return MediaResult.Fail("parent", Messages.Get("Media.FolderNotFoundOrTrashed"));
        }

        item.Id = existing?.Id ?? 0;
        item.Level = parent is null ? 1 : parent.Level + 1;
        item.CreateDate = existing?.CreateDate ?? item.CreateDate;
        item.UpdateDate = existing is null ? item.CreateDate : Now();
        if (existing is null)
        {
            db.MediaItems.Add(item);
        }
        else
        {
            db.MediaItems.Update(item);
        }

        var writeFile = file is not null && item.FilePath is not null;
        unit.Notify(writeFile
            ? new MediaFileStoredNotification(actor, item.Key, item.Name, $"{item.FilePath} ({item.Bytes} Bytes)", Replaced: existing is not null)
            : new MediaSavedNotification(actor, item.Key, item.Name, Messages.Get("Media.Audit.Imported"), Created: existing is null));
        await unit.SaveChangesAsync(cancellationToken);
        if (writeFile)
        {
            using var stream = new MemoryStream(file!, writable: false);
            await store.SaveAsync(item.FilePath!, stream, cancellationToken);
        }

        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }

    /// <summary>
    /// A uSync delete marker: deletes the item whether in the recycle bin or not (the importer checked that nothing is
    /// below it) with a <see cref="MediaDeletedNotification"/>, in the import's unit of work. Its file stays in the store,
    /// as before: the import may still roll back.
    /// </summary>
    public async Task<MediaResult> ImportDeleteAsync(Actor actor, Guid key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var unit = units.Begin();
        var item = await unit.Db.MediaItems.SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (item is null)
        {
            return MediaResult.Fail("key", Messages.Get("Media.NotFound"));
        }

        unit.Db.MediaItems.Remove(item);
        unit.Notify(new MediaDeletedNotification(actor, item.Key, item.Name, null));
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }
}
