using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>A change to a media item or folder (<c>Media</c> in the audit trail); every one changes what visitors see.</summary>
public abstract record MediaNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ChangeNotification(Actor, Key, Name, Details), IPublishedStateNotification
{
    public const string Entity = "Media";

    public override string EntityType => Entity;
}

/// <summary>A folder was created or an item's name, alt text or focal point changed.</summary>
public sealed record MediaSavedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Save;
}

/// <summary>A file was uploaded (a new item) or an item's file was replaced (<see cref="Replaced"/>).</summary>
public sealed record MediaFileStoredNotification(Actor Actor, Guid Key, string Name, string? Details, bool Replaced) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => Replaced ? AuditActions.ReplaceFile : AuditActions.Upload;
}

public sealed record MediaMovedNotification(Actor Actor, Guid Key, string Name, string? Details) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Move;
}

public sealed record MediaTrashedNotification(Actor Actor, Guid Key, string Name, string? Details) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Trash;
}

public sealed record MediaRestoredNotification(Actor Actor, Guid Key, string Name, string? Details) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Restore;
}

public sealed record MediaDeletedNotification(Actor Actor, Guid Key, string Name, string? Details) : MediaNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Delete;
}
