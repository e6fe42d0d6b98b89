using System.Collections.Frozen;

namespace Initiativenberatung.Core.Content;

/// <summary>
/// Addresses the site itself answers at (back office, media, forms, error pages, static files): a document whose URL
/// segment is one of them on the first level of the address would be shadowed, or send visitors to the login. The
/// first level is the top level and directly below a top-level document (the home page's children answer at
/// <c>/segment/</c>). Case does not matter; names with dots or underscores are listed as written and as
/// <see cref="UrlSegments.Create"/> turns them into a segment.
/// </summary>
public static class ReservedUrlSegments
{
    /// <summary>The site's own first path segments.</summary>
    public static readonly IReadOnlyList<string> Paths =
        ["umbraco", "media", "formulare", "fehler", "App_Plugins", "css", "js", "lib", "health", "favicon.ico", "robots.txt", "sitemap.xml"];

    private static readonly FrozenSet<string> Segments = Paths
        .SelectMany(p => new[] { p, UrlSegments.Create(p) })
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsReserved(string segment) => Segments.Contains(segment.Trim());

    /// <summary>True when a document below <paramref name="parent"/> (<c>null</c>: the top level) sits on the first level of the address.</summary>
    public static bool AppliesBelow(ContentNode? parent) => parent is null || parent.ParentKey is null;

    /// <summary>True when a document with <paramref name="segment"/> below <paramref name="parent"/> would clash with a site address.</summary>
    public static bool Clashes(ContentNode? parent, string segment) => AppliesBelow(parent) && IsReserved(segment);
}
