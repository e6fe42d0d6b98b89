using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>One document in the back-office tree.</summary>
public sealed record ContentTreeItem(
    Guid Key, Guid? ParentKey, string Name, string ContentTypeAlias, int Level, int SortOrder, bool IsPublished, bool HasPendingChanges, bool Trashed);

/// <summary>What the property editors choose from: the schema, the data types by key, and the media outside the recycle bin.</summary>
public sealed record ContentEditorSources(IReadOnlyList<ContentType> Types, IReadOnlyDictionary<Guid, DataType> DataTypes, IReadOnlyList<MediaItem> Media);

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

    /// <summary>The newest versions, newest first, with state and changed fields (see <see cref="ContentHistoryService"/>).</summary>
    public Task<IReadOnlyList<ContentVersionInfo>> VersionsAsync(Guid key, int take = 50, CancellationToken cancellationToken = default) =>
        new ContentHistoryService(dbFactory).VersionsAsync(key, take, cancellationToken);

    /// <summary>
    /// The document and the published, not trashed documents of its branch (itself first, then its descendants in tree order):
    /// what visitors lose when it is trashed or unpublished. <c>null</c> when the document does not exist.
    /// </summary>
    public async Task<(ContentNode Node, IReadOnlyList<ContentNode> GoingOffline)?> GoingOfflineAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().ToListAsync(cancellationToken);
        var node = nodes.SingleOrDefault(n => n.Key == key);
        if (node is null)
        {
            return null;
        }

        var branch = ContentStructureService.Descendants(nodes, node)
            .OrderBy(n => n.Level).ThenBy(n => n.SortOrder)
            .Prepend(node)
            .Where(n => n.IsPublished && !n.Trashed)
            .ToList();
        return (node, branch);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentChangesAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == ContentService.EntityType)
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Every document in the recycle bin (tops of trashed branches and their descendants).</summary>
    public async Task<IReadOnlyList<ContentNode>> TrashedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentNodes.AsNoTracking().Where(n => n.Trashed).ToListAsync(cancellationToken);
    }

    /// <summary>The schema, data types and pickable media for the content editor (one round of queries per request).</summary>
    public async Task<ContentEditorSources> EditorSourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var types = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
        var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
        var media = await db.MediaItems.AsNoTracking().Where(m => !m.Trashed).ToListAsync(cancellationToken);
        return new ContentEditorSources(types, dataTypes, media);
    }
}
