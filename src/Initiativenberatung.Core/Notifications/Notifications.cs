using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>
/// Something that happened to an aggregate (content, media, schema, form definitions, form entries, users), published by
/// the service that owns it after its unit of work committed (Umbraco's <c>ContentSavedNotification</c> is the model).
/// </summary>
public interface INotification;

/// <summary>Subscribes to notifications of <typeparamref name="T"/> (a notification type or one of its marker interfaces).</summary>
/// <remarks>
/// Runs after the commit, once per unit of work with all its notifications of that type, so a subscriber that only needs
/// to know that something changed (the snapshot rebuild) runs once for an import of a hundred items. A failing subscriber
/// never undoes the change: the failure is logged and reported as a German note.
/// </remarks>
public interface INotificationHandler<T>
    where T : INotification
{
    Task HandleAsync(IReadOnlyList<T> notifications, NotificationContext context, CancellationToken cancellationToken);
}

/// <summary>What subscribers share while they handle one unit of work's notifications: notes for the user.</summary>
public sealed class NotificationContext
{
    private readonly List<string> _messages = [];

    /// <summary>German notes for the person who made the change (e.g. „uSync-Datei geschrieben“).</summary>
    public IReadOnlyList<string> Messages => _messages;

    public void AddMessage(string message) => _messages.Add(message);
}

/// <summary>A notification that leaves a line in the audit trail (who did what to which item).</summary>
public interface IAuditedNotification : INotification
{
    Actor Actor { get; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    string AuditAction { get; }

    /// <summary><c>Document</c>, <c>Media</c>, <c>User</c>, <c>DataType</c>, <c>ContentType</c>, <c>Form</c>, …</summary>
    string EntityType { get; }

    Guid? EntityKey { get; }

    string EntityName { get; }

    /// <summary>What changed, in German, for the audit trail.</summary>
    string? Details { get; }
}

/// <summary>A change to what visitors see (published content, media, schema, redirects): the published snapshot is rebuilt.</summary>
public interface IPublishedStateNotification : INotification;

/// <summary>A form definition was created, changed or deleted: the form caches reload.</summary>
public interface IFormDefinitionNotification : INotification
{
    Guid FormKey { get; }
}

/// <summary>A change to what uSync's <c>Settings</c> group writes (data types, content types, forms): uSync export on save.</summary>
public interface ISettingsNotification : INotification;
