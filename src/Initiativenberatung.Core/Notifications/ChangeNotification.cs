using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>
/// The common shape of the notifications of a change: who made it, to which item, and what changed (German, for the audit
/// trail). Each aggregate's notifications derive from it and name their audit action and entity type.
/// </summary>
public abstract record ChangeNotification(Actor Actor, Guid? EntityKey, string EntityName, string? Details) : IAuditedNotification
{
    public abstract string AuditAction { get; }

    public abstract string EntityType { get; }
}
