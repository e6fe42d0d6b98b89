using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>
/// Section <c>Setup</c>: the first administrator, created on the first start when the database has no users
/// (environment <c>Setup__AdminEmail</c>, <c>Setup__AdminPassword</c>, optional <c>Setup__AdminName</c>).
/// Without it, the console shows a one-time setup link instead.
/// </summary>
public sealed class SetupOptions
{
    public const string SectionName = "Setup";

    [EmailAddress(ErrorMessage = "Setup:AdminEmail ist keine gültige E-Mail-Adresse.")]
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    [StringLength(255, ErrorMessage = "Setup:AdminName darf höchstens 255 Zeichen lang sein.")]
    public string? AdminName { get; set; }

    /// <summary>Both e-mail and password are given.</summary>
    public bool HasAdministrator => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrEmpty(AdminPassword);
}

/// <summary>E-mail and password of the first administrator come together or not at all.</summary>
public sealed class SetupOptionsValidator : IValidateOptions<SetupOptions>
{
    public ValidateOptionsResult Validate(string? name, SetupOptions options)
    {
        var hasEmail = !string.IsNullOrWhiteSpace(options.AdminEmail);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        if (hasEmail && !hasPassword)
        {
            return ValidateOptionsResult.Fail("Setup:AdminEmail ist gesetzt, Setup:AdminPassword fehlt. Geben Sie beide an oder keines.");
        }

        if (hasPassword && !hasEmail)
        {
            return ValidateOptionsResult.Fail("Setup:AdminPassword ist gesetzt, Setup:AdminEmail fehlt. Geben Sie beide an oder keines.");
        }

        return ValidateOptionsResult.Success;
    }
}
