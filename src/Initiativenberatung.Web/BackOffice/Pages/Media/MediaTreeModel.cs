using Initiativenberatung.Core.Media;

namespace Initiativenberatung.Web.BackOffice.Pages.Media;

/// <summary>The left tree of the media section: all folders outside the recycle bin, and the recycle bin node.</summary>
public sealed record MediaTreeModel(IReadOnlyList<MediaItem> Folders, Guid? CurrentFolder, bool RecycleBinCurrent, int TrashedCount)
{
    public static MediaTreeModel From(IReadOnlyList<MediaItem> all, Guid? currentFolder, bool recycleBinCurrent = false) =>
        new([.. all.Where(m => m.IsFolder() && !m.Trashed)], currentFolder, recycleBinCurrent,
            all.Count(m => m.Trashed && (m.ParentKey is not { } p || all.FirstOrDefault(x => x.Key == p) is not { Trashed: true })));

    public IEnumerable<MediaItem> ChildrenOf(Guid? parent) =>
        Folders.Where(f => f.ParentKey == parent).OrderBy(f => f.SortOrder).ThenBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase);

    /// <summary>Ancestors of an item from the root down (for breadcrumbs), without the item itself.</summary>
    public static IReadOnlyList<MediaItem> Ancestors(IReadOnlyList<MediaItem> all, MediaItem item)
    {
        var byKey = all.ToDictionary(m => m.Key);
        var result = new List<MediaItem>();
        var current = item.ParentKey;
        while (current is { } key && byKey.TryGetValue(key, out var parent) && result.Count < 64)
        {
            result.Insert(0, parent);
            current = parent.ParentKey;
        }

        return result;
    }
}
