using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>A change to a form definition (<c>Form</c> in the audit trail): the form caches reload, uSync writes it.</summary>
public abstract record FormNotification(Actor Actor, Guid Key, string Name, string? Details)
    : ChangeNotification(Actor, Key, Name, Details), IFormDefinitionNotification, ISettingsNotification
{
    public const string Entity = "Form";

    public Guid FormKey => Key;

    public override string EntityType => Entity;
}

public sealed record FormSavedNotification(Actor Actor, Guid Key, string Name, string? Details, bool Created) : FormNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => Created ? "Create" : AuditActions.Save;
}

/// <summary>Retention, storage or precision changed (Administrators only; old → new in <see cref="ChangeNotification.Details"/>).</summary>
public sealed record FormProtectedSettingsChangedNotification(Actor Actor, Guid Key, string Name, string? Details) : FormNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => "ChangeProtectedSettings";
}

/// <summary>The form was deleted with all its entries.</summary>
public sealed record FormDeletedNotification(Actor Actor, Guid Key, string Name, string? Details) : FormNotification(Actor, Key, Name, Details)
{
    public override string AuditAction => AuditActions.Delete;
}

/// <summary>A change to a form's entries (<c>FormEntry</c> in the audit trail; the key is the form's).</summary>
public abstract record FormEntriesNotification(Actor Actor, Guid FormKey, string FormName, string? Details, IReadOnlyList<long> EntryIds)
    : ChangeNotification(Actor, FormKey, FormName, Details)
{
    public const string Entity = "FormEntry";

    public override string EntityType => Entity;
}

/// <summary>Entries were approved or set back (the state names the new state).</summary>
public sealed record FormEntriesStateChangedNotification(Actor Actor, Guid FormKey, string FormName, string? Details, IReadOnlyList<long> EntryIds)
    : FormEntriesNotification(Actor, FormKey, FormName, Details, EntryIds)
{
    public override string AuditAction => "State";
}

public sealed record FormEntriesDeletedNotification(Actor Actor, Guid FormKey, string FormName, string? Details, IReadOnlyList<long> EntryIds)
    : FormEntriesNotification(Actor, FormKey, FormName, Details, EntryIds)
{
    public override string AuditAction => AuditActions.Delete;
}

/// <summary>The retention purge deleted entries older than the form's retention.</summary>
public sealed record FormEntriesPurgedNotification(Actor Actor, Guid FormKey, string FormName, string? Details, int Count)
    : FormEntriesNotification(Actor, FormKey, FormName, Details, [])
{
    public override string AuditAction => "Purge";
}
