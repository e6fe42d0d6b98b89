using Initiativenberatung.Core.Auditing;

namespace Initiativenberatung.Core.Notifications;

/// <summary>A change to a back-office user or their session (<c>User</c> in the audit trail; the name is the e-mail).</summary>
public abstract record UserNotification(Actor Actor, Guid? Key, string Email, string? Details) : ChangeNotification(Actor, Key, Email, Details)
{
    public const string Entity = "User";

    public override string EntityType => Entity;
}

public sealed record UserCreatedNotification(Actor Actor, Guid? Key, string Email, string? Details) : UserNotification(Actor, Key, Email, Details)
{
    public override string AuditAction => AuditActions.UserCreate;
}

/// <summary>Name, role, state or lock of a user changed (the details say which, old → new).</summary>
public sealed record UserUpdatedNotification(Actor Actor, Guid? Key, string Email, string? Details) : UserNotification(Actor, Key, Email, Details)
{
    public override string AuditAction => AuditActions.UserUpdate;
}

/// <summary>A password was changed by its owner or reset by an administrator.</summary>
public sealed record UserPasswordChangedNotification(Actor Actor, Guid? Key, string Email, string? Details) : UserNotification(Actor, Key, Email, Details)
{
    public override string AuditAction => AuditActions.PasswordChange;
}

public sealed record UserSignedInNotification(Actor Actor, string Email, string? Details) : UserNotification(Actor, null, Email, Details)
{
    public override string AuditAction => AuditActions.Login;
}

/// <summary>A sign-in was refused (unknown name, wrong password, disabled, waiting); the details never hold the password.</summary>
public sealed record UserSignInFailedNotification(Actor Actor, string Email, string? Details) : UserNotification(Actor, null, Email, Details)
{
    public override string AuditAction => AuditActions.LoginFailed;
}

public sealed record UserSignedOutNotification(Actor Actor, string Email, string? Details) : UserNotification(Actor, null, Email, Details)
{
    public override string AuditAction => AuditActions.Logout;
}
