using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>
/// Changes the shape of the content tree: move, sort, recycle bin (trash, restore, delete for good).
/// Every operation raises its notification in the same unit of work (<see cref="ContentMovedNotification"/>, …); the audit
/// trail and the published snapshot follow from it.
/// </summary>
public sealed class ContentStructureService(
    CmsUnitOfWorkFactory units,
    IPublishedSnapshotAccessor snapshots,
    TimeProvider clock)
{
    /// <summary>Moves a document (with its descendants) below another parent, or to the root when <paramref name="newParentKey"/> is <c>null</c>.</summary>
    public async Task<ContentOperationResult> MoveAsync(Guid key, Guid? newParentKey, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var nodes = await db.ContentNodes.ToListAsync(cancellationToken);
        var node = nodes.SingleOrDefault(n => n.Key == key);
        if (node is null)
        {
            return ContentOperationResult.NotFound();
        }

        if (node.Trashed)
        {
            return ContentOperationResult.Fail("parent", Messages.Get("Structure.TrashedCannotMove"));
        }

        ContentNode? parent = null;
        if (newParentKey is { } parentKey)
        {
            parent = nodes.SingleOrDefault(n => n.Key == parentKey);
            if (parent is null || parent.Trashed)
            {
                return ContentOperationResult.Fail("parent", Messages.Get("Structure.TargetNotFound"));
            }

            var descendants = Descendants(nodes, node).Select(d => d.Key).ToHashSet();
            if (parentKey == key || descendants.Contains(parentKey))
            {
                return ContentOperationResult.Fail("parent", Messages.Get("Structure.MoveBelowItself", node.Name));
            }
        }

        if (node.ParentKey == newParentKey)
        {
            return new ContentOperationResult(node, []);
        }

        var schema = new ContentTypeIndex(await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken));
        if (schema.ByAlias(node.ContentTypeAlias) is not { } type)
        {
            return ContentOperationResult.Fail("contentType", Messages.Get("Content.UnknownDocumentType", node.ContentTypeAlias));
        }

        if (ContentValidator.ValidatePlacement(type, parent is null ? null : schema.ByAlias(parent.ContentTypeAlias)) is { } placement)
        {
            return new ContentOperationResult(null, [placement with { PropertyAlias = "parent" }]);
        }

        if (await SegmentClashAsync(db, nodes, node, newParentKey, cancellationToken) is { } clash)
        {
            return ContentOperationResult.Fail("parent", Messages.Get("Structure.DuplicateSegmentAtTarget", clash));
        }

        if (ReservedUrlSegments.Clashes(parent, node.UrlSegment))
        {
            return ContentOperationResult.Fail("parent", Messages.Get("Structure.ReservedSegmentAtTarget", node.Name, node.UrlSegment));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var redirects = RedirectPlanner.Plan(snapshots.Current, key, newParentKey, node.UrlSegment);
        var oldParentKey = node.ParentKey;
        var oldParentName = oldParentKey is { } oldKey ? nodes.SingleOrDefault(n => n.Key == oldKey)?.Name : null;
        node.ParentKey = newParentKey;
        node.SortOrder = nodes.Where(n => n.ParentKey == newParentKey && n.Key != key).Select(n => n.SortOrder).DefaultIfEmpty(-1).Max() + 1;
        node.UpdateDate = now;
        SetLevels(nodes, node, parent is null ? 1 : parent.Level + 1);
        unit.Notify(new ContentMovedNotification(actor, key, node.Name,
            Messages.Get("Structure.Audit.Moved", oldParentName ?? Messages.Get("Structure.RootLevel"), parent?.Name ?? Messages.Get("Structure.RootLevel")),
            oldParentKey, newParentKey));
        await RedirectPlanner.ApplyAsync(db, redirects, now, cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    /// <summary>Puts the children of <paramref name="parentKey"/> in the given order (children not named keep their relative order after them).</summary>
    public async Task<ContentOperationResult> SortAsync(Guid? parentKey, IReadOnlyList<Guid> orderedKeys, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var children = await db.ContentNodes.Where(n => n.ParentKey == parentKey && !n.Trashed).OrderBy(n => n.SortOrder).ToListAsync(cancellationToken);
        if (orderedKeys.Any(k => children.All(c => c.Key != k)))
        {
            return ContentOperationResult.Fail("sort", Messages.Get("Structure.SortForeignNodes"));
        }

        var ordered = orderedKeys.Distinct().Select(k => children.Single(c => c.Key == k))
            .Concat(children.Where(c => !orderedKeys.Contains(c.Key))).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].SortOrder = i;
        }

        var parentName = parentKey is { } pk ? (await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == pk, cancellationToken))?.Name : null;
        unit.Notify(ContentSortedNotification.Below(actor, parentKey, parentName ?? Messages.Get("Structure.ContentRoot"),
            Messages.Get("Structure.Audit.NewOrder") + string.Join(", ", ordered.Select(o => o.Name))));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(null, []);
    }

    /// <summary>Moves a document and its descendants to the recycle bin; visitors no longer see them.</summary>
    public async Task<ContentOperationResult> TrashAsync(Guid key, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var (nodes, node, failure) = await FindAsync(db, key, trashed: false, n => Messages.Get("Structure.AlreadyTrashed", n.Name), cancellationToken);
        if (node is null)
        {
            return failure!;
        }

        var affected = Descendants(nodes, node).Prepend(node).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in affected)
        {
            item.Trashed = true;
            item.PublishedVersionId = null;
            item.UpdateDate = now;
        }

        unit.Notify(new ContentTrashedNotification(actor, key, node.Name,
            affected.Count > 1 ? Messages.Get("Structure.Audit.TrashedWithChildren", affected.Count - 1) : Messages.Get("Structure.Audit.Trashed")));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    /// <summary>Takes a document (and its descendants) out of the recycle bin, back to its old parent, unpublished.</summary>
    public async Task<ContentOperationResult> RestoreAsync(Guid key, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var (nodes, node, failure) = await FindAsync(db, key, trashed: true, n => Messages.Get("Structure.NotTrashed", n.Name), cancellationToken);
        if (node is null)
        {
            return failure!;
        }

        if (node.ParentKey is { } parentKey)
        {
            var parent = nodes.SingleOrDefault(n => n.Key == parentKey);
            if (parent is null || parent.Trashed)
            {
                return ContentOperationResult.Fail("parent",
                    Messages.Get("Structure.RestoreParentMissing", node.Name));
            }
        }

        if (await SegmentClashAsync(db, nodes, node, node.ParentKey, cancellationToken) is { } clash)
        {
            return ContentOperationResult.Fail("urlSegment",
                Messages.Get("Structure.RestoreDuplicateSegment", node.Name, clash));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var affected = Descendants(nodes, node).Prepend(node).ToList();
        foreach (var item in affected)
        {
            item.Trashed = false;
            item.UpdateDate = now;
        }

        // A restored document comes back unpublished: an old planned unpublish (or a publish date already passed) would
        // surprise the editor later, so they go; a publish planned for the future stays.
        var keys = affected.Select(a => a.Key).ToList();
        var stale = await db.ContentSchedules
            .Where(s => keys.Contains(s.ContentKey) && (s.Action == ContentScheduleAction.Expire || s.Date <= now))
            .ToListAsync(cancellationToken);
        db.ContentSchedules.RemoveRange(stale);
        var details = Messages.Get("Structure.Audit.Restored")
            + (stale.Count > 0 ? " " + Messages.Get(stale.Count == 1 ? "Structure.Audit.SchedulesCleared.One" : "Structure.Audit.SchedulesCleared.Other", stale.Count) : "");
        unit.Notify(new ContentRestoredNotification(actor, key, node.Name, details));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    /// <summary>Deletes a document from the recycle bin for good: versions, schedules and redirects go with it.</summary>
    public Task<ContentOperationResult> DeleteAsync(Guid key, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(key, actor, onlyTrashed: true, cancellationToken);

    /// <summary>
    /// A uSync delete marker: deletes the document for good whether it is in the recycle bin or not (as uSync does), joining
    /// the import's unit of work; saved before completing, so a database error dooms the import instead of auditing a
    /// delete that did not happen.
    /// </summary>
    public Task<ContentOperationResult> ImportDeleteAsync(Guid key, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(key, actor, onlyTrashed: false, cancellationToken);

    private async Task<ContentOperationResult> DeleteAsync(Guid key, Actor actor, bool onlyTrashed, CancellationToken cancellationToken)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var (nodes, node, failure) = await FindAsync(db, key, trashed: onlyTrashed ? true : null, _ => Messages.Get("Structure.DeleteOnlyTrashed"), cancellationToken);
        if (node is null)
        {
            return failure!;
        }

        var affected = Descendants(nodes, node).Prepend(node).ToList();
        var keys = affected.Select(a => a.Key).ToList();
        await unit.BeginTransactionAsync(cancellationToken);
        await db.ContentSchedules.Where(s => keys.Contains(s.ContentKey)).ExecuteDeleteAsync(cancellationToken);
        await db.RedirectUrls.Where(r => keys.Contains(r.ContentKey)).ExecuteDeleteAsync(cancellationToken);
        await db.ContentVersions.Where(v => keys.Contains(v.ContentKey)).ExecuteDeleteAsync(cancellationToken);
        db.ContentNodes.RemoveRange(affected);
        unit.Notify(new ContentDeletedNotification(actor, key, node.Name,
            affected.Count > 1 ? Messages.Get("Structure.Audit.DeletedWithChildren", affected.Count - 1) : Messages.Get("Structure.Audit.Deleted")));
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(null, []);
    }

    /// <summary>
    /// All documents (tracked) and the one of <paramref name="key"/>; <c>null</c> with the failure when it is missing or
    /// not in the recycle-bin state the operation needs (<paramref name="trashed"/>; <c>null</c>: either).
    /// </summary>
    private static async Task<(List<ContentNode> Nodes, ContentNode? Node, ContentOperationResult? Failure)> FindAsync(
        CmsDbContext db, Guid key, bool? trashed, Func<ContentNode, string> wrongState, CancellationToken cancellationToken)
    {
        var nodes = await db.ContentNodes.ToListAsync(cancellationToken);
        var node = nodes.SingleOrDefault(n => n.Key == key);
        if (node is null)
        {
            return (nodes, null, ContentOperationResult.NotFound());
        }

        return trashed is null || node.Trashed == trashed ? (nodes, node, null) : (nodes, null, ContentOperationResult.Fail("key", wrongState(node)));
    }

    internal static IEnumerable<ContentNode> Descendants(IReadOnlyCollection<ContentNode> nodes, ContentNode root)
    {
        var byParent = nodes.Where(n => n.ParentKey is not null).ToLookup(n => n.ParentKey!.Value);
        var stack = new Stack<ContentNode>(byParent[root.Key]);
        var seen = new HashSet<Guid> { root.Key };
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (!seen.Add(item.Key))
            {
                continue;
            }

            yield return item;
            foreach (var child in byParent[item.Key])
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>
    /// The segment of <paramref name="node"/> (published or draft) that a document below <paramref name="parentKey"/> already has
    /// (published or in its latest version), or <c>null</c> when there is none.
    /// </summary>
    private static async Task<string?> SegmentClashAsync(
        CmsDbContext db, IReadOnlyCollection<ContentNode> nodes, ContentNode node, Guid? parentKey, CancellationToken cancellationToken)
    {
        var siblings = nodes.Where(n => n.ParentKey == parentKey && n.Key != node.Key && !n.Trashed).ToList();
        if (siblings.Count == 0)
        {
            return null;
        }

        var versionIds = siblings.Append(node).Where(n => n.CurrentVersionId is not null).Select(n => n.CurrentVersionId!.Value).ToList();
        var latest = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.UrlSegment, cancellationToken);
        string Latest(ContentNode n) => n.CurrentVersionId is { } id && latest.TryGetValue(id, out var segment) && segment.Length > 0 ? segment : n.UrlSegment;

        var taken = siblings.SelectMany(n => new[] { n.UrlSegment, Latest(n) }).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        return new[] { node.UrlSegment, Latest(node) }.FirstOrDefault(s => s.Length > 0 && taken.Contains(s));
    }

    private static void SetLevels(IReadOnlyCollection<ContentNode> nodes, ContentNode root, int level)
    {
        root.Level = level;
        foreach (var child in nodes.Where(n => n.ParentKey == root.Key))
        {
            SetLevels(nodes, child, level + 1);
        }
    }
}
