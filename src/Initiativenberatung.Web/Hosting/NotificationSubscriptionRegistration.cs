using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Web.DeliveryApi;
using Initiativenberatung.Web.Forms.Survey;
using Initiativenberatung.Web.Usync;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Who listens to what: every subscription of the application in one list (docs/architecture.md shows the same table,
/// and a test keeps the two equal). Services publish after their commit; see <see cref="CmsUnitOfWork"/>.
/// </summary>
public static class NotificationSubscriptionRegistration
{
    public static WebApplicationBuilder AddCmsSubscriptions(this WebApplicationBuilder builder)
    {
        var services = builder.Services.AddCmsNotifications();

        // Inside the unit of work: the audit line commits with the change it describes.
        services.AddInTransactionNotificationHandler<IAuditedNotification, AuditTrailWriter>();

        // After the commit.
        services.AddNotificationHandler<CmsStartedNotification, PublishedSnapshotRefresher>();
        services.AddNotificationHandler<IPublishedStateNotification, PublishedSnapshotRefresher>();
        services.AddNotificationHandler<PublishedSnapshotChangedNotification, SnapshotCacheEviction>();
        services.AddNotificationHandler<PublishedSnapshotChangedNotification, FormDefinitionCacheRefresher>();
        services.AddNotificationHandler<IFormDefinitionNotification, FormDefinitionCacheRefresher>();
        services.AddNotificationHandler<IFormDefinitionNotification, DeliveryApiFormCacheEviction>();
        services.AddNotificationHandler<FormDeletedNotification, FormEntryFieldCatalogEviction>();
        services.AddNotificationHandler<ISettingsNotification, UsyncExportOnSave>();
        return builder;
    }
}
