using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Sanitizing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Publishing;

/// <summary>
/// Holds the current <see cref="PublishedSnapshot"/>. <see cref="RebuildAsync"/> reads the database once,
/// builds a new snapshot off to the side and swaps the reference atomically; readers never wait and never query.
/// Only its subscriber (<see cref="PublishedSnapshotRefresher"/>) asks for a rebuild; after the swap it publishes a
/// <see cref="PublishedSnapshotChangedNotification"/>.
/// </summary>
public sealed class PublishedSnapshotService(
    IDbContextFactory<CmsDbContext> dbFactory,
    RichTextSanitizer sanitizer,
    NotificationDispatcher notifications,
    ILogger<PublishedSnapshotService> logger) : IPublishedSnapshotAccessor, IDisposable
{
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private PublishedSnapshot _current = PublishedSnapshot.Empty;
    private PublishedSources _sources = PublishedSources.Empty;
    private long _version;

    public PublishedSnapshot Current => Volatile.Read(ref _current);

    /// <summary>What the current snapshot was built from (the preview builds drafts on top of it).</summary>
    public PublishedSources Sources => Volatile.Read(ref _sources);

    public void Dispose() => _rebuildLock.Dispose();

    public async Task<PublishedSnapshot> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _rebuildLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var types = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
            var nodes = await db.ContentNodes.AsNoTracking()
                .Where(n => n.PublishedVersionId != null && !n.Trashed)
                .ToListAsync(cancellationToken);
            var versionIds = nodes.Select(n => n.PublishedVersionId!.Value).ToList();
            var versions = await db.ContentVersions.AsNoTracking()
                .Where(v => versionIds.Contains(v.Id))
                .ToDictionaryAsync(v => v.Id, cancellationToken);
            var media = await db.MediaItems.AsNoTracking().Where(m => !m.Trashed).ToListAsync(cancellationToken);
            var redirects = await db.RedirectUrls.AsNoTracking().ToListAsync(cancellationToken);
            var externalImages = RichTextSanitizer.ExternalImageDataTypes(await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken));

            var published = nodes
                .Where(n => versions.ContainsKey(n.PublishedVersionId!.Value))
                .Select(n => new PublishedSource(n, versions[n.PublishedVersionId!.Value]))
                .ToList();
            var snapshot = PublishedSnapshotBuilder.Build(
                Interlocked.Increment(ref _version), types, published, media, sanitizer.ForDataTypes(externalImages), redirects);
            Volatile.Write(ref _sources, new PublishedSources(types, published, media, redirects) { ExternalImageDataTypes = externalImages });
            Volatile.Write(ref _current, snapshot);
            logger.LogInformation(
                "Veröffentlichter Stand {Version} aufgebaut: {Content} Dokumente, {Media} Medien.",
                snapshot.Version, snapshot.Content.Count, snapshot.Media.Count);

            await notifications.PublishAsync(new PublishedSnapshotChangedNotification(snapshot.Version), cancellationToken);
            return snapshot;
        }
        finally
        {
            _rebuildLock.Release();
        }
    }
}

/// <summary>The inputs of a published snapshot: schema, published versions, media and redirects.</summary>
public sealed record PublishedSources(
    IReadOnlyCollection<ContentType> ContentTypes,
    IReadOnlyCollection<PublishedSource> Published,
    IReadOnlyCollection<MediaItem> Media,
    IReadOnlyCollection<RedirectUrl> Redirects)
{
    public static PublishedSources Empty { get; } = new([], [], [], []);

    /// <summary>Rich-text data types that may keep images from other sites (<see cref="RichTextSanitizer.AllowExternalImagesKey"/>).</summary>
    public IReadOnlySet<Guid> ExternalImageDataTypes { get; init; } = new HashSet<Guid>();
}
