using Initiativenberatung.Infrastructure.Users;
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
        // Every problem at once, and nothing created while any remains (a mistyped confirmation included).
        ModelState.Clear();
        var request = new NewBackOfficeUser(Email ?? "", DisplayName ?? "", Role ?? "", Password ?? "");
        AddNewUserErrors(await administration.ValidateNewAsync(request), DisplayName, Password, ConfirmPassword, text);
        var result = ModelState.IsValid ? await administration.CreateAsync(BackOfficeActor.For(User, identity.Value), request, cancellationToken) : null;
        if (result is { IsForbidden: true })
        {
            return Forbid();
        }

        if (result is not null)
        {
            AddErrors(result);
        }

        if (result is null || !ModelState.IsValid)
        {
            Password = ConfirmPassword = "";
            return Page();
        }

        return Redirect($"{BackOfficeRegistration.PathPrefix}/users/{Uri.EscapeDataString(result.User!.Id)}?saved=created");
    }
}
