using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>
/// Works out which published routes change when a document gets a new URL segment or parent, and stores a
/// 301 redirect from each old route (the document's and its published descendants') to the document's key.
/// </summary>
internal static class RedirectPlanner
{
    /// <summary>Old route → content key for every published route below (and including) <paramref name="key"/> that changes.</summary>
    public static IReadOnlyList<(string OldRoute, string NewRoute, Guid Key)> Plan(
        PublishedSnapshot snapshot, Guid key, Guid? newParentKey, string newSegment)
    {
        if (snapshot.GetByKey(key) is not { } content
            || snapshot.RouteWith(key, newParentKey, newSegment) is not { } newRoute
            || string.Equals(newRoute, content.Route, StringComparison.Ordinal))
        {
            return [];
        }

        var oldRoute = content.Route;
        var result = new List<(string, string, Guid)>();
        var stack = new Stack<PublishedContent>([content]);
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (item.Route.StartsWith(oldRoute, StringComparison.Ordinal) && item.Route != "/")
            {
                result.Add((item.Route, PublishedSnapshot.NormalizeRoute(newRoute + item.Route[oldRoute.Length..]), item.Key));
            }

            foreach (var child in snapshot.Children(item))
            {
                stack.Push(child);
            }
        }

        return result;
    }

    /// <summary>Adds or re-points the redirects in the unit of work; routes that become live again lose their redirect.</summary>
    public static async Task ApplyAsync(
        CmsDbContext db, IReadOnlyList<(string OldRoute, string NewRoute, Guid Key)> plan, DateTime now, CancellationToken cancellationToken)
    {
        if (plan.Count == 0)
        {
            return;
        }

        var oldRoutes = plan.Select(p => p.OldRoute).ToList();
        var newRoutes = plan.Select(p => p.NewRoute).ToList();
        var existing = await db.RedirectUrls
            .Where(r => oldRoutes.Contains(r.Route) || newRoutes.Contains(r.Route))
            .ToDictionaryAsync(r => r.Route, StringComparer.Ordinal, cancellationToken);
        foreach (var (oldRoute, newRoute, key) in plan)
        {
            if (existing.TryGetValue(newRoute, out var stale) && !oldRoutes.Contains(newRoute))
            {
                db.RedirectUrls.Remove(stale);
            }

            if (existing.TryGetValue(oldRoute, out var redirect))
            {
                redirect.ContentKey = key;
                redirect.CreatedAt = now;
            }
            else
            {
                db.RedirectUrls.Add(new RedirectUrl { Route = oldRoute, ContentKey = key, CreatedAt = now });
            }
        }
    }
}
