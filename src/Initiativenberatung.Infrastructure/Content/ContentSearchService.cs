using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>One hit of the content search: the document, where it sits, and the text that matched.</summary>
public sealed record ContentSearchHit(Guid Key, string Name, IReadOnlyList<string> Path, bool IsPublished, bool HasPendingChanges, bool NameMatched, string? Snippet);

/// <summary>
/// Searches the latest drafts of all documents outside the recycle bin by name and property text, folded for case, umlaut
/// spelling and accents (see <see cref="SearchText.Fold"/>). The site has a few hundred documents at most, so the search runs
/// in memory over one query of nodes and one of their current versions.
/// </summary>
public sealed class ContentSearchService(IDbContextFactory<CmsDbContext> dbFactory)
{
    public const int MaxQueryLength = 200;
    public const int MaxHits = 100;
    private const int SnippetLength = 160;

    /// <summary>Hits for <paramref name="query"/>, name matches first, then in tree order; empty for a blank query.</summary>
    public async Task<IReadOnlyList<ContentSearchHit>> SearchAsync(string? query, CancellationToken cancellationToken = default)
    {
        var folded = SearchText.Fold(query is { Length: > MaxQueryLength } ? query[..MaxQueryLength] : query);
        if (folded.Length == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed).ToListAsync(cancellationToken);
        var versionIds = nodes.Where(n => n.CurrentVersionId is not null).Select(n => n.CurrentVersionId!.Value).ToList();
        var values = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.Values, cancellationToken);
        var byKey = nodes.ToDictionary(n => n.Key);

        var hits = new List<(ContentSearchHit Hit, int Level, int SortOrder)>();
        foreach (var node in nodes)
        {
            var nameMatched = SearchText.Fold(node.Name).Contains(folded, StringComparison.Ordinal);
            string? snippet = null;
            if (node.CurrentVersionId is { } id && values.TryGetValue(id, out var properties))
            {
                snippet = properties.Values.SelectMany(SearchText.Readable)
                    .Select(text => Snippet(text, folded)).FirstOrDefault(s => s is not null);
            }

            if (nameMatched || snippet is not null)
            {
                hits.Add((new ContentSearchHit(node.Key, node.Name, PathOf(node, byKey), node.IsPublished, node.HasPendingChanges, nameMatched, snippet),
                    node.Level, node.SortOrder));
            }
        }

        return hits.OrderByDescending(h => h.Hit.NameMatched).ThenBy(h => h.Level).ThenBy(h => h.SortOrder)
            .Take(MaxHits).Select(h => h.Hit).ToList();
    }

    /// <summary>About <see cref="SnippetLength"/> characters of <paramref name="text"/> around the match, or <c>null</c> when it does not match.</summary>
    private static string? Snippet(string text, string folded)
    {
        var foldedText = SearchText.Fold(text);
        var index = foldedText.IndexOf(folded, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        if (text.Length <= SnippetLength)
        {
            return text;
        }

        // Folding changes lengths a little (ä → ae): place the window proportionally.
        var center = (int)((long)index * text.Length / Math.Max(1, foldedText.Length));
        var start = Math.Clamp(center - (SnippetLength / 2), 0, text.Length - SnippetLength);
        return (start > 0 ? "…" : "") + text.Substring(start, SnippetLength).Trim() + (start + SnippetLength < text.Length ? "…" : "");
    }

    private static List<string> PathOf(Core.Content.ContentNode node, Dictionary<Guid, Core.Content.ContentNode> byKey)
    {
        var path = new List<string>();
        var current = node.ParentKey is { } p && byKey.TryGetValue(p, out var parent) ? parent : null;
        for (var depth = 0; current is not null && depth < 64; depth++)
        {
            path.Insert(0, current.Name);
            current = current.ParentKey is { } k && byKey.TryGetValue(k, out var next) ? next : null;
        }

        return path;
    }
}
