using Initiativenberatung.Core.Notifications;

namespace Initiativenberatung.Infrastructure.Publishing;

/// <summary>
/// The published snapshot's subscriber: one rebuild per unit of work that changed what visitors see (an import of a
/// hundred items rebuilds once), and the first build at start unless an import at start already built one.
/// </summary>
public sealed class PublishedSnapshotRefresher(PublishedSnapshotService snapshots)
    : INotificationHandler<IPublishedStateNotification>, INotificationHandler<CmsStartedNotification>
{
    public Task HandleAsync(IReadOnlyList<IPublishedStateNotification> notifications, NotificationContext context, CancellationToken cancellationToken) =>
        snapshots.RebuildAsync(cancellationToken);

    public Task HandleAsync(IReadOnlyList<CmsStartedNotification> notifications, NotificationContext context, CancellationToken cancellationToken) =>
        snapshots.Current.Version == 0 ? snapshots.RebuildAsync(cancellationToken) : Task.CompletedTask;
}
