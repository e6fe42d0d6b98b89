using System.Globalization;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>Outcome of a media operation; on failure the errors name the field (<c>file</c>, <c>name</c>, <c>altText</c>, …).</summary>
public sealed record MediaResult(MediaItem? Item, IReadOnlyList<ValidationError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static MediaResult Ok(MediaItem item) => new(item, []);

    public static MediaResult Fail(string field, string message) => new(null, [new ValidationError(field, message)]);
}

/// <summary>What an editor can change on a media item besides its file.</summary>
public sealed record MediaDetails(string Name, string? AltText, FocalPoint? FocalPoint);

/// <summary>A document whose draft or published values refer to a media item.</summary>
public sealed record MediaUsage(Guid ContentKey, string Name, bool InDraft, bool InPublished, bool Trashed);

/// <summary>
/// The media library: folders, uploads, file replacement, details, move, recycle bin. Every change is made by an
/// <see cref="Actor"/> in one unit of work that raises a <see cref="MediaNotification"/>; the audit trail and the published
/// snapshot (pages, the media endpoint, the output cache) follow from it. Upload rules (all on the server): a plain file name,
/// the size limit, the extension allow-list with a magic-byte check, SVGs sanitized, a generated store path.
/// </summary>
public sealed partial class MediaService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    IMediaFileStore store,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<MediaService> logger)
{
    public const string EntityType = MediaNotification.Entity;
    public const string AltTextAlias = "altText";
    private const int MaxNameLength = 255;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    // ============================================================================================ queries

    public async Task<MediaItem?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
    }

    /// <summary>Every media item (the library of a site this size has dozens, not millions: views work on the whole list).</summary>
    public async Task<IReadOnlyList<MediaItem>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MediaItems.AsNoTracking().OrderBy(m => m.Level).ThenBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Items of a folder (or the root) that are not in the recycle bin: folders first, then by sort order.</summary>
    public async Task<IReadOnlyList<MediaItem>> ChildrenAsync(Guid? parentKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.MediaItems.AsNoTracking().Where(m => m.ParentKey == parentKey && !m.Trashed).ToListAsync(cancellationToken);
        return [.. items.OrderBy(m => m.IsFolder() ? 0 : 1).ThenBy(m => m.SortOrder).ThenBy(m => m.Name, StringComparer.Create(German, true))];
    }

    /// <summary>The top of the recycle bin: trashed items whose parent is not trashed itself.</summary>
    public async Task<IReadOnlyList<MediaItem>> TrashedAsync(CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(cancellationToken);
        var trashed = all.Where(m => m.Trashed).ToDictionary(m => m.Key);
        return [.. trashed.Values.Where(m => m.ParentKey is not { } p || !trashed.ContainsKey(p)).OrderByDescending(m => m.UpdateDate)];
    }

    /// <summary>Items outside the recycle bin whose name contains <paramref name="query"/> (German, case-insensitive; filtered in memory).</summary>
    public async Task<IReadOnlyList<MediaItem>> SearchAsync(string query, CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(cancellationToken);
        var text = query.Trim();
        return [.. all.Where(m => !m.Trashed && German.CompareInfo.IndexOf(m.Name, text, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0)
            .OrderBy(m => m.Name, StringComparer.Create(German, true))];
    }

    /// <summary>
    /// Documents whose current draft or published version refers to the media key. A plain text scan of the stored values
    /// for the key (with and without dashes, which covers media picker JSON, UDIs and block lists) — fine for a site
    /// with a handful of documents; a larger site would keep a relation table updated on save.
    /// </summary>
    public async Task<IReadOnlyList<MediaUsage>> UsagesAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().ToListAsync(cancellationToken);
        var versionIds = nodes.SelectMany(n => new[] { n.CurrentVersionId, n.PublishedVersionId }).OfType<int>().Distinct().ToList();
        var versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var dashed = key.ToString("D");
        var plain = key.ToString("N");
        bool Refers(int? versionId) => versionId is { } id && versions.TryGetValue(id, out var version)
            && version.Values.Values.Any(v => v is not null
                && (v.Contains(dashed, StringComparison.OrdinalIgnoreCase) || v.Contains(plain, StringComparison.OrdinalIgnoreCase)));

        return [.. nodes
            .Select(n => new MediaUsage(n.Key, n.Name, Refers(n.CurrentVersionId), Refers(n.PublishedVersionId), n.Trashed))
            .Where(u => u.InDraft || u.InPublished)
            .OrderBy(u => u.Name, StringComparer.Create(German, true))];
    }

    // ============================================================================================ changes

    public async Task<MediaResult> CreateFolderAsync(Actor actor, Guid? parentKey, string name, CancellationToken cancellationToken = default)
    {
        if (NameProblem(name) is { } problem)
        {
            return MediaResult.Fail("name", problem);
        }

        await using var unit = units.Begin();
        var db = unit.Db;
        var (folder, parentError) = await NewItemAsync(db, parentKey, name.Trim(), MediaTypeAliases.Folder, cancellationToken);
        if (parentError is not null)
        {
            return parentError;
        }

        db.MediaItems.Add(folder!);
        unit.Notify(new MediaSavedNotification(actor, folder!.Key, folder.Name, Messages.Get("Media.Audit.FolderCreated"), Created: true));
        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(folder);
    }

    /// <summary>Renames an item; for images and vector graphics also sets the alt text, for images the focal point.</summary>
    public async Task<MediaResult> UpdateDetailsAsync(Actor actor, Guid key, MediaDetails details, CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationError>();
        if (NameProblem(details.Name) is { } nameProblem)
        {
            errors.Add(new ValidationError("name", nameProblem));
        }

        if (details.AltText is { Length: > 512 })
        {
            errors.Add(new ValidationError("altText", Messages.Get("Media.AltTextTooLong")));
        }

        if (details.FocalPoint is { IsValid: false })
        {
            errors.Add(new ValidationError("focalPoint", Messages.Get("Media.FocalPointRange")));
        }

        if (errors.Count > 0)
        {
            return new MediaResult(null, errors);
        }

        await using var unit = units.Begin();
        var db = unit.Db;
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (item is null)
        {
            return MediaResult.Fail("name", Messages.Get("Media.NotFound"));
        }

        var changes = new List<string>();
        var name = details.Name.Trim();
        if (name != item.Name)
        {
            changes.Add(Messages.Get("Media.Audit.Renamed", item.Name, name));
            item.Name = name;
        }

        var values = new Dictionary<string, string?>(item.Values, StringComparer.Ordinal);
        if (item.IsPicture())
        {
            var alt = string.IsNullOrWhiteSpace(details.AltText) ? null : details.AltText.Trim();
            if (alt != values.GetValueOrDefault(AltTextAlias))
            {
                changes.Add("Alternativtext");
                SetOrRemove(values, AltTextAlias, alt);
            }
        }

        if (item.MediaTypeAlias == MediaTypeAliases.Image)
        {
            var focal = details.FocalPoint?.ToJson();
            if (focal != values.GetValueOrDefault(FocalPoint.Alias))
            {
                changes.Add("Fokuspunkt");
                SetOrRemove(values, FocalPoint.Alias, focal);
            }
        }

        if (changes.Count == 0)
        {
            return MediaResult.Ok(item);
        }

        item.Values = values;
        item.UpdateDate = Now();
        unit.Notify(new MediaSavedNotification(actor, item.Key, item.Name, string.Join("; ", changes), Created: false));
        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }

    public Task<MediaResult> RenameAsync(Actor actor, Guid key, string name, CancellationToken cancellationToken = default) =>
        ChangeDetailsAsync(actor, key, d => d with { Name = name }, cancellationToken);

    public Task<MediaResult> SetAltTextAsync(Actor actor, Guid key, string? altText, CancellationToken cancellationToken = default) =>
        ChangeDetailsAsync(actor, key, d => d with { AltText = altText }, cancellationToken);

    public Task<MediaResult> SetFocalPointAsync(Actor actor, Guid key, FocalPoint? focalPoint, CancellationToken cancellationToken = default) =>
        ChangeDetailsAsync(actor, key, d => d with { FocalPoint = focalPoint }, cancellationToken);

    /// <summary>Moves an item (with everything below it) into another folder, or to the root when <paramref name="targetKey"/> is <c>null</c>.</summary>
    public async Task<MediaResult> MoveAsync(Actor actor, Guid key, Guid? targetKey, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var all = await db.MediaItems.ToListAsync(cancellationToken);
        var item = all.SingleOrDefault(m => m.Key == key);
        if (item is null || item.Trashed)
        {
            return MediaResult.Fail("target", Messages.Get("Media.NotFoundOrTrashed"));
        }

        MediaItem? target = null;
        if (targetKey is { } tk)
        {
            target = all.SingleOrDefault(m => m.Key == tk);
            if (target is null || !target.IsFolder() || target.Trashed)
            {
                return MediaResult.Fail("target", Messages.Get("Media.TargetFolderNotFound"));
            }

            if (target.Key == item.Key || Descendants(all, item.Key).Any(d => d.Key == target.Key))
            {
                return MediaResult.Fail("target", Messages.Get("Media.MoveIntoItself"));
            }
        }

        if (item.ParentKey == target?.Key)
        {
            return MediaResult.Ok(item);
        }

        var from = item.ParentKey is { } pk ? all.SingleOrDefault(m => m.Key == pk)?.Name ?? "?" : Messages.Get("Media.RootName");
        item.ParentKey = target?.Key;
        item.SortOrder = all.Where(m => m.ParentKey == target?.Key && m.Key != item.Key).Select(m => (int?)m.SortOrder).Max() + 1 ?? 0;
        item.UpdateDate = Now();
        SetLevels(all, item, target is null ? 1 : target.Level + 1);
        unit.Notify(new MediaMovedNotification(actor, item.Key, item.Name, $"{from} → {target?.Name ?? "Medien"}"));
        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }

    /// <summary>Moves an item and everything below it to the recycle bin (pages then no longer show it).</summary>
    public Task<MediaResult> TrashAsync(Actor actor, Guid key, CancellationToken cancellationToken = default) =>
        SetTrashedAsync(key, trashed: true, (_, _) => null, (item, details) => new MediaTrashedNotification(actor, item.Key, item.Name, details), cancellationToken);

    /// <summary>Brings an item (and everything below it) back from the recycle bin; to the root if its folder is gone or trashed.</summary>
    public Task<MediaResult> RestoreAsync(Actor actor, Guid key, CancellationToken cancellationToken = default) =>
        SetTrashedAsync(key, trashed: false, (all, item) =>
        {
            var parent = item.ParentKey is { } pk ? all.SingleOrDefault(m => m.Key == pk) : null;
            if (item.ParentKey is null || (parent is not null && !parent.Trashed))
            {
                return null;
            }

            item.ParentKey = null;
            item.SortOrder = all.Where(m => m.ParentKey == null && m.Key != item.Key).Select(m => (int?)m.SortOrder).Max() + 1 ?? 0;
            SetLevels(all, item, 1);
            return Messages.Get("Media.Audit.RestoredToRoot");
        }, (item, details) => new MediaRestoredNotification(actor, item.Key, item.Name, details), cancellationToken);

    /// <summary>A new item in the folder <paramref name="parentKey"/> (or at the root), after its siblings; or the folder's error.</summary>
    private async Task<(MediaItem? Item, MediaResult? Error)> NewItemAsync(CmsDbContext db, Guid? parentKey, string name, string mediaTypeAlias, CancellationToken cancellationToken)
    {
        var (parent, parentError) = await FolderAsync(db, parentKey, "folder", cancellationToken);
        if (parentError is not null)
        {
            return (null, parentError);
        }

        var now = Now();
        return (new MediaItem
        {
            Key = Guid.NewGuid(),
            ParentKey = parent?.Key,
            Level = parent is null ? 1 : parent.Level + 1,
            Name = name,
            MediaTypeAlias = mediaTypeAlias,
            SortOrder = await NextSortOrderAsync(db, parent?.Key, cancellationToken),
            CreateDate = now,
            UpdateDate = now,
        }, null);
    }

    /// <summary>
    /// Puts an item and everything below it into or out of the recycle bin in one unit of work (nothing to do when it is
    /// there already); <paramref name="prepare"/> may move the item first and returns the audit details.
    /// </summary>
    private async Task<MediaResult> SetTrashedAsync(Guid key, bool trashed, Func<List<MediaItem>, MediaItem, string?> prepare,
        Func<MediaItem, string?, MediaNotification> notification, CancellationToken cancellationToken)
    {
        await using var unit = units.Begin();
        var all = await unit.Db.MediaItems.ToListAsync(cancellationToken);
        var item = all.SingleOrDefault(m => m.Key == key);
        if (item is null)
        {
            return MediaResult.Fail("key", Messages.Get("Media.NotFound"));
        }

        if (item.Trashed == trashed)
        {
            return MediaResult.Ok(item);
        }

        var details = prepare(all, item);
        var now = Now();
        foreach (var m in Descendants(all, key).Prepend(item))
        {
            m.Trashed = trashed;
            m.UpdateDate = now;
        }

        unit.Notify(notification(item, details));
        await unit.CompleteAsync(cancellationToken);
        return MediaResult.Ok(item);
    }

    /// <summary>Deletes an item from the recycle bin for good, with everything below it and their files.</summary>
    public async Task<MediaResult> DeleteAsync(Actor actor, Guid key, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var all = await db.MediaItems.ToListAsync(cancellationToken);
        var item = all.SingleOrDefault(m => m.Key == key);
        if (item is null)
        {
            return MediaResult.Fail("key", Messages.Get("Media.NotFound"));
        }

        if (!item.Trashed)
        {
            return MediaResult.Fail("key", Messages.Get("Media.DeleteOnlyTrashed"));
        }

        var doomed = Descendants(all, key).Prepend(item).ToList();
        db.MediaItems.RemoveRange(doomed);
        var files = doomed.Select(m => m.FilePath).OfType<string>().ToList();
        unit.Notify(new MediaDeletedNotification(actor, item.Key, item.Name,
            doomed.Count > 1 ? Messages.Get("Media.Audit.DeletedWithChildren", doomed.Count - 1) : null));
        await unit.CompleteAsync(cancellationToken);

        // Files still used by another item (none in practice: every upload gets its own path) stay.
        var stillUsed = all.Except(doomed).Select(m => m.FilePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await DeleteFilesAsync(files.Where(f => !stillUsed.Contains(f)), cancellationToken);
        return MediaResult.Ok(item);
    }

    // ============================================================================================ helpers

    private async Task<MediaResult> ChangeDetailsAsync(Actor actor, Guid key, Func<MediaDetails, MediaDetails> change, CancellationToken cancellationToken)
    {
        var item = await GetAsync(key, cancellationToken);
        if (item is null)
        {
            return MediaResult.Fail("name", Messages.Get("Media.NotFound"));
        }

        var current = new MediaDetails(item.Name, item.Values.GetValueOrDefault(AltTextAlias), FocalPoint.Parse(item.Values.GetValueOrDefault(FocalPoint.Alias)));
        return await UpdateDetailsAsync(actor, key, change(current), cancellationToken);
    }

    private static async Task<(MediaItem? Folder, MediaResult? Error)> FolderAsync(CmsDbContext db, Guid? key, string field, CancellationToken cancellationToken)
    {
        if (key is not { } k)
        {
            return (null, null);
        }

        var folder = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == k, cancellationToken);
        return folder is null || !folder.IsFolder() || folder.Trashed
            ? (null, MediaResult.Fail(field, Messages.Get("Media.FolderNotFoundOrTrashed")))
            : (folder, null);
    }

    private static async Task<int> NextSortOrderAsync(CmsDbContext db, Guid? parentKey, CancellationToken cancellationToken) =>
        (await db.MediaItems.Where(m => m.ParentKey == parentKey).Select(m => (int?)m.SortOrder).MaxAsync(cancellationToken) ?? -1) + 1;

    private static IEnumerable<MediaItem> Descendants(IReadOnlyCollection<MediaItem> all, Guid key)
    {
        var byParent = all.Where(m => m.ParentKey is not null).ToLookup(m => m.ParentKey!.Value);
        var queue = new Queue<Guid>([key]);
        var seen = new HashSet<Guid> { key };
        while (queue.Count > 0)
        {
            foreach (var child in byParent[queue.Dequeue()])
            {
                if (seen.Add(child.Key))
                {
                    queue.Enqueue(child.Key);
                    yield return child;
                }
            }
        }
    }

    private static void SetLevels(IReadOnlyCollection<MediaItem> all, MediaItem item, int level)
    {
        var byKey = all.ToDictionary(m => m.Key);
        item.Level = level;
        foreach (var d in Descendants(all, item.Key))
        {
            d.Level = byKey[d.ParentKey!.Value].Level + 1;
        }
    }

    private static void SetOrRemove(Dictionary<string, string?> values, string alias, string? value)
    {
        if (value is null)
        {
            values.Remove(alias);
        }
        else
        {
            values[alias] = value;
        }
    }

    private static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Messages.Get("Media.NameRequired");
        }

        if (name.Trim().Length > MaxNameLength)
        {
            return Messages.Get("Media.NameTooLong", MaxNameLength);
        }

        return name.Any(char.IsControl) ? Messages.Get("Media.NameControlCharacters") : null;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>German size, e.g. „20 MB“, „3,2 KB“.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} Byte",
        < 1024 * 1024 => string.Create(German, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(German, $"{bytes / (1024d * 1024d):0.#} MB"),
    };

    /// <summary>German name of a media type.</summary>
    public static string TypeName(string mediaTypeAlias) => mediaTypeAlias switch
    {
        MediaTypeAliases.Folder => Messages.Get("Media.Kind.Folder"),
        MediaTypeAliases.Image => "Bild",
        MediaTypeAliases.VectorGraphics => "Vektorgrafik (SVG)",
        MediaTypeAliases.File => Messages.Get("Media.Kind.File"),
        _ => mediaTypeAlias,
    };
}
