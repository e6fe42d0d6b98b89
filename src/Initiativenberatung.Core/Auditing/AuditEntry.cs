namespace Initiativenberatung.Core.Auditing;

/// <summary>One line of the audit trail: who did what to which item, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Timestamp { get; set; }

    /// <summary>Back-office user id, or <c>null</c> for the system (import, scheduler).</summary>
    public string? UserId { get; set; }

    /// <summary>User name (e-mail) at the time of the action, kept even if the user is deleted later.</summary>
    public string UserName { get; set; } = "System";

    public string Action { get; set; } = "";

    /// <summary><c>Document</c>, <c>Media</c>, <c>User</c>, <c>DataType</c>, <c>ContentType</c>.</summary>
    public string EntityType { get; set; } = "";

    public Guid? EntityKey { get; set; }

    public string EntityName { get; set; } = "";

    public string? Details { get; set; }
}

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    public const string Save = "Save";
    public const string Publish = "Publish";
    public const string Unpublish = "Unpublish";
    public const string Rollback = "Rollback";
    public const string Move = "Move";
    public const string Sort = "Sort";
    public const string Trash = "Trash";
    public const string Restore = "Restore";
    public const string Delete = "Delete";
    public const string SchedulePublish = "SchedulePublish";
    public const string ScheduleUnpublish = "ScheduleUnpublish";
    public const string Upload = "Upload";
    public const string ReplaceFile = "ReplaceFile";
    public const string Login = "Login";
    public const string LoginFailed = "LoginFailed";
    public const string Logout = "Logout";
    public const string PasswordChange = "PasswordChange";
    public const string UserCreate = "UserCreate";
    public const string UserUpdate = "UserUpdate";
    public const string SchemaSave = "SchemaSave";
}
