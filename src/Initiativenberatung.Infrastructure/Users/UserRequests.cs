namespace Initiativenberatung.Infrastructure.Users;

public sealed record NewBackOfficeUser(string Email, string DisplayName, string Role, string Password);

public sealed record BackOfficeUserChanges(string DisplayName, string Role, bool IsDisabled);

public sealed record BackOfficeUserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    bool IsDisabled,
    bool IsLockedOut,
    DateTime CreatedAt,
    DateTime? LastLoginAt);

/// <summary>One problem with a request, for the form field <see cref="Field"/> (see <see cref="UserErrorFields"/>).</summary>
public sealed record UserError(string Field, string Message);

public sealed record UserResult(IReadOnlyList<UserError> Errors, BackOfficeUser? User = null)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The acting user may not manage users (the page answers 403).</summary>
    public bool IsForbidden { get; init; }

    /// <summary>The user to change does not exist (the page answers 404).</summary>
    public bool IsNotFound { get; init; }
}

/// <summary>Which form field an Identity error code belongs to.</summary>
public static class UserErrorFields
{
    public const string Email = "Email";
    public const string DisplayName = "DisplayName";
    public const string Role = "Role";
    public const string Password = "Password";
    public const string CurrentPassword = "CurrentPassword";
    public const string IsDisabled = "IsDisabled";

    /// <summary>No field: shown in the summary only.</summary>
    public const string None = "";

    public static string ForCode(string code) => code switch
    {
        "PasswordMismatch" => CurrentPassword,
        _ when code.StartsWith("Password", StringComparison.Ordinal) => Password,
        "InvalidUserName" or "InvalidEmail" or "DuplicateUserName" or "DuplicateEmail" => Email,
        "InvalidRoleName" or "UserAlreadyInRole" or "UserNotInRole" => Role,
        _ => None,
    };
}
