using Initiativenberatung.Core.Notifications;
using Microsoft.AspNetCore.OutputCaching;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Evicts the output-cache entries of the public pages and the Delivery API whenever a new published snapshot is in place
/// (<see cref="PublishedSnapshotChangedNotification"/>), so a cached answer lives until the next publish.
/// </summary>
internal sealed class SnapshotCacheEviction(IOutputCacheStore store) : INotificationHandler<PublishedSnapshotChangedNotification>
{
    /// <summary>The tags the published snapshot's answers are cached under (public pages, Delivery API).</summary>
    public static IReadOnlyList<string> Tags { get; } = [Website.WebsiteRegistration.CacheTag, DeliveryApi.DeliveryApiRegistration.CacheTag];

    public async Task HandleAsync(IReadOnlyList<PublishedSnapshotChangedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        foreach (var tag in Tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }
}
