using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.Infrastructure.Users;

/// <summary>A person who signs in to the back office at <c>/umbraco</c>.</summary>
public sealed class BackOfficeUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Disabled users cannot sign in; their history stays.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastLoginAt { get; set; }
}
