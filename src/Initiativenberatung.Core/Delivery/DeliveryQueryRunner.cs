using Initiativenberatung.Core.Publishing;

namespace Initiativenberatung.Core.Delivery;

/// <summary>A page of query results with the total before paging.</summary>
public sealed record DeliveryPage<T>(int Total, IReadOnlyList<T> Items);

/// <summary>Runs a parsed <see cref="DeliveryQuery"/> against a published snapshot (in memory, no I/O).</summary>
public static class DeliveryQueryRunner
{
    /// <summary>
    /// Content: the <c>fetch</c> source (all documents below the start item in tree order when there is none), then
    /// filters, sorts, skip and take. Documents of types the API does not expose are never part of the result.
    /// </summary>
    public static DeliveryPage<PublishedContent> RunContent(
        PublishedSnapshot snapshot,
        DeliveryQuery query,
        Func<string, PublishedContent?> resolveTarget,
        PublishedContent? startItem,
        Func<string, bool> isContentTypeAllowed)
    {
        IEnumerable<PublishedContent> source;
        if (query.Fetch.Kind == FetchKind.All)
        {
            source = startItem is null ? snapshot.Roots.SelectMany(r => Subtree(snapshot, r)) : Subtree(snapshot, startItem);
        }
        else if (resolveTarget(query.Fetch.Target!) is not { } target)
        {
            source = [];
        }
        else
        {
            source = query.Fetch.Kind switch
            {
                FetchKind.Children => snapshot.Children(target),
                FetchKind.Ancestors => snapshot.Ancestors(target),
                _ => Subtree(snapshot, target).Skip(1),
            };
        }

        var items = source.Where(c => isContentTypeAllowed(c.ContentTypeAlias));
        foreach (var filter in query.Filters)
        {
            items = items.Where(c => Matches(filter, c.ContentTypeAlias, c.Name, c.CreateDate, c.UpdateDate));
        }

        return Page(Sort(items, query.Sorts, c => (c.CreateDate, c.UpdateDate, c.Name, c.SortOrder, c.Level)), query);
    }

    /// <summary>Media: the children of a folder (<c>children:/</c> for the top level), filtered, sorted and paged.</summary>
    public static DeliveryPage<PublishedMedia> RunMedia(PublishedSnapshot snapshot, DeliveryQuery query, Func<string, PublishedMedia?> resolveFolder)
    {
        IEnumerable<PublishedMedia> source = query.Fetch.Target is "/" or null
            ? snapshot.MediaRoots
            : resolveFolder(query.Fetch.Target) is { } folder ? folder.ChildKeys.Select(k => snapshot.Media[k]) : [];
        foreach (var filter in query.Filters)
        {
            source = source.Where(m => Matches(filter, m.MediaTypeAlias, m.Name, m.CreateDate, m.UpdateDate));
        }

        return Page(Sort(source, query.Sorts, m => (m.CreateDate, m.UpdateDate, m.Name, m.SortOrder, 0)), query);
    }

    /// <summary>The document and everything below it, in tree order.</summary>
    public static IEnumerable<PublishedContent> Subtree(PublishedSnapshot snapshot, PublishedContent root)
    {
        var stack = new Stack<(PublishedContent Content, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (content, depth) = stack.Pop();
            yield return content;
            if (depth < 64)
            {
                foreach (var child in snapshot.Children(content).Reverse())
                {
                    stack.Push((child, depth + 1));
                }
            }
        }
    }

    private static bool Matches(DeliveryFilter filter, string type, string name, DateTime created, DateTime updated) => filter.Field switch
    {
        FilterField.ContentType => string.Equals(type, filter.Value, StringComparison.OrdinalIgnoreCase) == (filter.Operator == FilterOperator.Is),
        FilterField.Name => name.Contains(filter.Value, StringComparison.CurrentCultureIgnoreCase) == (filter.Operator == FilterOperator.Contains),
        FilterField.CreateDate => Compare(created, filter),
        _ => Compare(updated, filter),
    };

    private static bool Compare(DateTime value, DeliveryFilter filter)
    {
        var date = filter.Date ?? DateTime.MinValue;
        return filter.Operator switch
        {
            FilterOperator.GreaterThan => value > date,
            FilterOperator.GreaterThanOrEqual => value >= date,
            FilterOperator.LessThan => value < date,
            _ => value <= date,
        };
    }

    private static IEnumerable<T> Sort<T>(
        IEnumerable<T> items,
        IReadOnlyList<DeliverySort> sorts,
        Func<T, (DateTime Created, DateTime Updated, string Name, int SortOrder, int Level)> keys)
    {
        if (sorts.Count == 0)
        {
            return items;
        }

        IOrderedEnumerable<T>? ordered = null;
        foreach (var sort in sorts)
        {
            ordered = sort.Field switch
            {
                SortField.CreateDate => Then(ordered, items, i => keys(i).Created, sort.Descending, Comparer<DateTime>.Default),
                SortField.UpdateDate => Then(ordered, items, i => keys(i).Updated, sort.Descending, Comparer<DateTime>.Default),
                SortField.Name => Then(ordered, items, i => keys(i).Name, sort.Descending, StringComparer.CurrentCultureIgnoreCase),
                SortField.SortOrder => Then(ordered, items, i => keys(i).SortOrder, sort.Descending, Comparer<int>.Default),
                _ => Then(ordered, items, i => keys(i).Level, sort.Descending, Comparer<int>.Default),
            };
        }

        return ordered!;
    }

    private static IOrderedEnumerable<T> Then<T, TKey>(IOrderedEnumerable<T>? ordered, IEnumerable<T> items, Func<T, TKey> key, bool descending, IComparer<TKey> comparer) =>
        ordered is null
            ? descending ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer)
            : descending ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer);

    private static DeliveryPage<T> Page<T>(IEnumerable<T> items, DeliveryQuery query)
    {
        var all = items.ToList();
        return new DeliveryPage<T>(all.Count, all.Skip(query.Skip).Take(query.Take).ToList());
    }
}
