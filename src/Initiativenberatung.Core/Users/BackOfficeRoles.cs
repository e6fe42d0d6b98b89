namespace Initiativenberatung.Core.Users;

/// <summary>The back-office roles. Administrators can do everything; editors content and media; staff form entries only.</summary>
public static class BackOfficeRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Staff = "Staff";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Staff];

    /// <summary>Rank for "nobody grants more than they have": a higher rank includes the rights of the lower ones it outranks.</summary>
    public static int Rank(string role) => role switch
    {
        Administrator => 3,
        Editor => 2,
        Staff => 1,
        _ => 0,
    };

    /// <summary>German display name.</summary>
    public static string DisplayName(string role) => role switch
    {
        Administrator => Messages.Get("Role.Administrator"),
        Editor => Messages.Get("Role.Editor"),
        Staff => Messages.Get("Role.Staff"),
        _ => role,
    };
}
