using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>A data type was created or changed (value converters depend on it, uSync writes it).</summary>
public sealed record DataTypeSavedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created)
    : ChangeNotification(Actor, Key, Name, Details), IPublishedStateNotification, ISettingsNotification
{
    public const string Entity = "DataType";

    public override string AuditAction => AuditActions.SchemaSave;

    public override string EntityType => Entity;
}

/// <summary>A document, element or media type was created or changed.</summary>
public sealed record ContentTypeSavedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created)
    : ChangeNotification(Actor, Key, Name, Details), IPublishedStateNotification, ISettingsNotification
{
    public const string Entity = "ContentType";

    public override string AuditAction => AuditActions.SchemaSave;

    public override string EntityType => Entity;
}

/// <summary>A data type was deleted (a uSync delete marker).</summary>
public sealed record DataTypeDeletedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ChangeNotification(Actor, Key, Name, Details), IPublishedStateNotification, ISettingsNotification
{
    public override string AuditAction => AuditActions.Delete;

    public override string EntityType => DataTypeSavedNotification.Entity;
}

/// <summary>A document, element or media type was deleted (a uSync delete marker).</summary>
public sealed record ContentTypeDeletedNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ChangeNotification(Actor, Key, Name, Details), IPublishedStateNotification, ISettingsNotification
{
    public override string AuditAction => AuditActions.Delete;

    public override string EntityType => ContentTypeSavedNotification.Entity;
}
