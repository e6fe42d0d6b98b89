using System.Collections.Frozen;

namespace Initiativenberatung.Core.Publishing;

/// <summary>
/// Immutable in-memory model of everything published: content tree, URL map and media.
/// Built at start and swapped atomically on publish; public rendering reads nothing else.
/// </summary>
public sealed class PublishedSnapshot
{
    private static readonly IReadOnlyList<PublishedContent> NoContent = [];

    public PublishedSnapshot(
        long version,
        IEnumerable<PublishedContent> content,
        IEnumerable<PublishedMedia> media,
        IEnumerable<KeyValuePair<string, Guid>>? redirects = null)
    {
        Version = version;
        var contentList = content.ToList();
        var mediaList = media.ToList();
        Content = contentList.ToFrozenDictionary(c => c.Key);
        Media = mediaList.ToFrozenDictionary(m => m.Key);
        Routes = contentList
            .GroupBy(c => NormalizeRoute(c.Route), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(c => c.Level).ThenBy(c => c.SortOrder).First(), StringComparer.Ordinal);
        MediaByFilePath = mediaList
            .Where(m => m.FilePath is not null)
            .ToFrozenDictionary(m => m.FilePath!, StringComparer.Ordinal);
        Roots = contentList.Where(c => c.ParentKey is null).OrderBy(c => c.SortOrder).ToList();
        MediaRoots = mediaList.Where(m => m.ParentKey is null).OrderBy(m => m.SortOrder).ToList();

        // A redirect never shadows a live route, and only points at published documents.
        Redirects = (redirects ?? [])
            .Select(r => new KeyValuePair<string, Guid>(NormalizeRoute(r.Key), r.Value))
            .Where(r => !Routes.ContainsKey(r.Key) && Content.ContainsKey(r.Value))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    public static PublishedSnapshot Empty { get; } = new(0, [], []);

    /// <summary>Increases with every rebuild; used for ETags and cache keys.</summary>
    public long Version { get; }

    public FrozenDictionary<Guid, PublishedContent> Content { get; }

    public FrozenDictionary<string, PublishedContent> Routes { get; }

    public FrozenDictionary<Guid, PublishedMedia> Media { get; }

    public FrozenDictionary<string, PublishedMedia> MediaByFilePath { get; }

    public IReadOnlyList<PublishedContent> Roots { get; }

    /// <summary>Old routes (normalized) of published documents that answer with a 301 to the current route.</summary>
    public FrozenDictionary<string, Guid> Redirects { get; }

    public IReadOnlyList<PublishedMedia> MediaRoots { get; }

    public PublishedContent? GetByRoute(string? path) =>
        Routes.TryGetValue(NormalizeRoute(path), out var content) ? content : null;

    /// <summary>The published document an old route now redirects to, or <c>null</c> (also when the route is live).</summary>
    public PublishedContent? GetRedirectTarget(string? path)
    {
        var route = NormalizeRoute(path);
        return !Routes.ContainsKey(route) && Redirects.TryGetValue(route, out var key) ? GetByKey(key) : null;
    }

    public PublishedContent? GetByKey(Guid key) => Content.TryGetValue(key, out var content) ? content : null;

    /// <summary>
    /// The route a published document would have with <paramref name="segment"/> below <paramref name="parentKey"/>
    /// (<c>null</c> when it is not published or the new parent has no route). The first root keeps <c>/</c>.
    /// </summary>
    public string? RouteWith(Guid key, Guid? parentKey, string segment)
    {
        if (GetByKey(key) is not { } content)
        {
            return null;
        }

        if (parentKey is { } pk)
        {
            return GetByKey(pk)?.Route is { } parentRoute ? NormalizeRoute(parentRoute + segment + "/") : null;
        }

        return content.Route == "/" && content.ParentKey is null ? "/" : NormalizeRoute("/" + segment + "/");
    }

    public PublishedMedia? GetMedia(Guid key) => Media.TryGetValue(key, out var media) ? media : null;

    public IReadOnlyList<PublishedContent> Children(PublishedContent parent) =>
        parent.ChildKeys.Count == 0 ? NoContent : parent.ChildKeys.Select(k => Content[k]).ToList();

    public IReadOnlyList<PublishedContent> Ancestors(PublishedContent content)
    {
        var result = new List<PublishedContent>();
        var current = content.ParentKey is { } p ? GetByKey(p) : null;
        while (current is not null)
        {
            result.Add(current);
            current = current.ParentKey is { } k ? GetByKey(k) : null;
        }

        result.Reverse();
        return result;
    }

    /// <summary>Lower-case, leading and trailing slash, no query: <c>/Umfrage</c> → <c>/umfrage/</c>.</summary>
    public static string NormalizeRoute(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var trimmed = path.Trim().Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed.ToLowerInvariant() + "/";
    }
}

/// <summary>Gives the current published snapshot; swapped atomically on publish.</summary>
public interface IPublishedSnapshotAccessor
{
    PublishedSnapshot Current { get; }
}
