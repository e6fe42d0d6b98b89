using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;

namespace Initiativenberatung.Infrastructure.Auditing;

/// <summary>The audit trail's subscriber: one entry per audited notification, committed with the change it describes.</summary>
public sealed class AuditTrailWriter(AuditService audit) : IInTransactionNotificationHandler<IAuditedNotification>
{
    public Task HandleAsync(IReadOnlyList<IAuditedNotification> notifications, CmsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var n in notifications)
        {
            audit.Add(db, n.Actor, n.AuditAction, n.EntityType, n.EntityKey, n.EntityName, n.Details);
        }

        return Task.CompletedTask;
    }
}
