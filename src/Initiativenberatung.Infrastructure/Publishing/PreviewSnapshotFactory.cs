using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Sanitizing;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Publishing;

/// <summary>
/// Builds a throw-away snapshot for the preview: the current published sources with the latest draft of one
/// document (and the drafts of its unpublished ancestors, so it has a route). Never cached, never swapped in.
/// </summary>
public sealed class PreviewSnapshotFactory(
    IDbContextFactory<CmsDbContext> dbFactory,
    PublishedSnapshotService snapshots,
    RichTextSanitizer sanitizer)
{
    /// <summary>The preview snapshot and the draft in it, or <c>null</c> when the document does not exist or is in the recycle bin.</summary>
    public Task<(PublishedSnapshot Snapshot, PublishedContent Content)?> CreateAsync(Guid key, CancellationToken cancellationToken = default) =>
        CreateAsync(key, versionId: null, cancellationToken);

    /// <summary>
    /// Like <see cref="CreateAsync(Guid, CancellationToken)"/>, but shows version <paramref name="versionId"/> of the document
    /// (any saved version of it) instead of its latest draft; <c>null</c> when that version is not the document's.
    /// </summary>
    public async Task<(PublishedSnapshot Snapshot, PublishedContent Content)?> CreateAsync(Guid key, int? versionId, CancellationToken cancellationToken = default)
    {
        var sources = snapshots.Sources;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed).ToDictionaryAsync(n => n.Key, cancellationToken);
        if (!nodes.TryGetValue(key, out var node) || node.CurrentVersionId is null)
        {
            return null;
        }

        // The document itself plus every ancestor that visitors cannot see yet.
        var published = sources.Published.ToDictionary(p => p.Node.Key);
        var drafts = new List<ContentNode> { node };
        var current = node;
        for (var depth = 0; depth < 64 && current.ParentKey is { } parentKey && nodes.TryGetValue(parentKey, out var parent); depth++)
        {
            if (!published.ContainsKey(parent.Key) && parent.CurrentVersionId is not null)
            {
                drafts.Add(parent);
            }

            current = parent;
        }

        int VersionOf(ContentNode draft) => draft.Key == key && versionId is { } chosen ? chosen : draft.CurrentVersionId!.Value;
        var versionIds = drafts.Select(VersionOf).ToList();
        var versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        if (versionId is { } wanted && (!versions.TryGetValue(wanted, out var own) || own.ContentKey != key))
        {
            return null;
        }

        foreach (var draft in drafts)
        {
            if (versions.TryGetValue(VersionOf(draft), out var version))
            {
                published[draft.Key] = new PublishedSource(draft, version);
            }
        }

        var snapshot = PublishedSnapshotBuilder.Build(-1, sources.ContentTypes, published.Values, sources.Media, sanitizer.ForDataTypes(sources.ExternalImageDataTypes));
        return snapshot.GetByKey(key) is { } content ? (snapshot, content) : null;
    }

    /// <summary>
    /// A throw-away snapshot of the latest draft of every document not in the recycle bin (the Delivery API's
    /// <c>Preview: true</c>), built on the current schema and media. Two queries; never cached, never swapped in.
    /// </summary>
    public async Task<PublishedSnapshot> CreateWithAllDraftsAsync(CancellationToken cancellationToken = default)
    {
        var sources = snapshots.Sources;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed && n.CurrentVersionId != null).ToListAsync(cancellationToken);
        var versionIds = nodes.Select(n => n.CurrentVersionId!.Value).ToList();
        var versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var drafts = nodes
            .Where(n => versions.ContainsKey(n.CurrentVersionId!.Value))
            .Select(n => new PublishedSource(n, versions[n.CurrentVersionId!.Value]))
            .ToList();
        return PublishedSnapshotBuilder.Build(-1, sources.ContentTypes, drafts, sources.Media, sanitizer.ForDataTypes(sources.ExternalImageDataTypes), sources.Redirects);
    }
}
