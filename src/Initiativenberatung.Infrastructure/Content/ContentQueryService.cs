using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>One document in the back-office tree.</summary>
public sealed record ContentTreeItem(
    Guid Key, Guid? ParentKey, string Name, string ContentTypeAlias, int Level, int SortOrder, bool IsPublished, bool HasPendingChanges, bool Trashed);

/// <summary>One saved version in the history list.</summary>
public sealed record ContentVersionInfo(int Id, string Name, DateTime CreatedAt, string? CreatedBy, bool IsPublished, bool IsCurrent);

/// <summary>Read side of the content section: tree, one document with its draft, history, recycle bin, recent changes.</summary>
public sealed class ContentQueryService(IDbContextFactory<CmsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ContentTreeItem>> TreeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().ToListAsync(cancellationToken);
        return nodes
            .OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ThenBy(n => n.Name, StringComparer.CurrentCulture)
            .Select(n => new ContentTreeItem(n.Key, n.ParentKey, n.Name, n.ContentTypeAlias, n.Level, n.SortOrder, n.IsPublished, n.HasPendingChanges, n.Trashed))
            .ToList();
    }

    /// <summary>The document and its latest version (the draft editors work on).</summary>
    public async Task<(ContentNode Node, ContentVersion? Draft)?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return null;
        }

        var draft = node.CurrentVersionId is { } id
            ? await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            : null;
        return (node, draft);
    }

    public async Task<IReadOnlyList<ContentVersionInfo>> VersionsAsync(Guid key, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.ContentKey == key)
            .OrderByDescending(v => v.Id).Take(take)
            .Select(v => new { v.Id, v.Name, v.CreatedAt, v.CreatedBy })
            .ToListAsync(cancellationToken);
        return versions.Select(v => new ContentVersionInfo(v.Id, v.Name, v.CreatedAt, v.CreatedBy, v.Id == node?.PublishedVersionId, v.Id == node?.CurrentVersionId)).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentChangesAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == ContentService.EntityType)
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
    }
}
