using Initiativenberatung.Core.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Pages.Users;

/// <summary>Adds a back-office user with a role and an initial password.</summary>
[Authorize(Policy = BackOfficePolicies.Users)]
public sealed class CreateModel(UserAdministration administration, IOptions<IdentityOptions> identity, IStringLocalizer<UsersText> text) : UserFormPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; } = BackOfficeRoles.Editor;

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            ModelState.AddModelError(nameof(DisplayName), text["Users.NameRequired"]);
        }

        if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["Users.PasswordsDiffer"]);
        }

        var result = await administration.CreateAsync(
            BackOfficeActor.For(User, identity.Value), new NewBackOfficeUser(Email ?? "", DisplayName ?? "", Role ?? "", Password ?? ""), cancellationToken);
        if (result.IsForbidden)
        {
            return Forbid();
        }

        AddErrors(result);
        if (!ModelState.IsValid)
        {
            Password = ConfirmPassword = "";
            return Page();
        }

        return Redirect($"{BackOfficeRegistration.PathPrefix}/users/{Uri.EscapeDataString(result.User!.Id)}?saved=created");
    }
}
