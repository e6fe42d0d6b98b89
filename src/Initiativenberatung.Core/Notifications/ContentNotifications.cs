using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>A change to a document (<c>Document</c> in the audit trail).</summary>
public abstract record ContentNotification(Actor Actor, Guid Key, string Name, string? Details) : ChangeNotification(Actor, Key, Name, Details)
{
    public const string Entity = "Document";

    public override string EntityType => Entity;
}

/// <summary>A draft version was saved (the document was created when <see cref="Created"/>); nothing visible changed.</summary>
public sealed record ContentSavedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created, int VersionId)
    : ContentNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Save;
}

/// <summary>A version became the published one (saved and published, or published as it was).</summary>
public sealed record ContentPublishedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created, int VersionId)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Publish;
}

public sealed record ContentUnpublishedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Unpublish;
}

/// <summary>An older version was restored as a new draft (the published version stays).</summary>
public sealed record ContentRolledBackNotification(Actor Actor, Guid Key, string Name, string? Details, int VersionId)
    : ContentNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Rollback;
}

public sealed record ContentMovedNotification(Actor Actor, Guid Key, string Name, string? Details, Guid? OldParentKey, Guid? NewParentKey)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Move;
}

/// <summary>The children of <see cref="ContentNotification.Key"/> (or of the root when empty) were put in a new order.</summary>
public sealed record ContentSortedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Sort;

    /// <summary>The children of <paramref name="parentKey"/> were sorted; for the root the audit entry names no key.</summary>
    public static ContentSortedNotification Below(Actor actor, Guid? parentKey, string name, string? details) =>
        new(actor, parentKey ?? Guid.Empty, name, details) { EntityKey = parentKey };
}

public sealed record ContentTrashedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Trash;
}

public sealed record ContentRestoredNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Restore;
}

/// <summary>Deleted for good (with its descendants and versions).</summary>
public sealed record ContentDeletedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ContentNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public override string AuditAction => AuditActions.Delete;
}

/// <summary>A scheduled publish (<see cref="Release"/>) or unpublish was added or cancelled.</summary>
public sealed record ContentScheduleChangedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Release)
    : ContentNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => Release ? AuditActions.SchedulePublish : AuditActions.ScheduleUnpublish;
}
