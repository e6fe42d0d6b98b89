namespace Initiativenberatung.Core.Notifications;

/// <summary>The database is migrated and the start steps (uSync import) ran: caches load for the first time.</summary>
public sealed record CmsStartedNotification(bool IsFirstBoot) : INotification;

/// <summary>A new published snapshot is in place (output caches evict, the form cache reloads).</summary>
public sealed record PublishedSnapshotChangedNotification(long Version) : INotification;

/// <summary>A uSync import changed something (<see cref="Details"/> sums it up: created, updated, deleted, failed).</summary>
public sealed record UsyncImportedNotification(Auditing.Actor Actor, string Folder, string? Details)
    : ChangeNotification(Actor, null, Folder, Details), IPublishedStateNotification
{
    public override string AuditAction => "Import";

    public override string EntityType => "uSync";
}
