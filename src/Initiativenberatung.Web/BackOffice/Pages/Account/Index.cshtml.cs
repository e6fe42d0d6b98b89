using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Account;

/// <summary>
/// "Mein Konto" for every signed-in user: display name and own password. A new password renews the security stamp
/// and signs this session in again, so every other session of the user ends.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Access)]
public sealed class IndexModel(
    UserManager<BackOfficeUser> users,
    SignInManager<BackOfficeUser> signIn,
    UserAdministration administration,
    IStringLocalizer<UsersText> text) : UserFormPageModel
{
    private static readonly string[] Notices = ["name", "password"];

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmNewPassword { get; set; }

    public string Email { get; private set; } = "";

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? "";
        DisplayName = user.DisplayName;
        Notice = Notices.FirstOrDefault(n => n == saved);
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        ModelState.Clear();
        var result = await administration.ChangeOwnNameAsync(user, DisplayName ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            Email = user.Email ?? "";
            AddErrors(result);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        return Redirect(BackOfficeRegistration.PathPrefix + "/account?saved=name");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        ModelState.Clear();
        UserResult result;
        if (!string.Equals(NewPassword, ConfirmNewPassword, StringComparison.Ordinal))
        {
            result = new UserResult([new UserError(nameof(ConfirmNewPassword), text["Users.PasswordsDiffer"])]);
        }
        else if (string.IsNullOrEmpty(NewPassword))
        {
            result = new UserResult([new UserError(nameof(NewPassword), text["Users.PasswordRequired"])]);
        }
        else
        {
            result = await administration.ChangeOwnPasswordAsync(user, CurrentPassword ?? "", NewPassword, cancellationToken);
        }

        CurrentPassword = NewPassword = ConfirmNewPassword = "";
        if (!result.Succeeded)
        {
            Email = user.Email ?? "";
            DisplayName = user.DisplayName;
            AddErrors(result, passwordField: nameof(NewPassword));
            return Page();
        }

        // The stamp changed: this session gets a fresh cookie, every other one is rejected at its next request.
        await signIn.RefreshSignInAsync(user);
        return Redirect(BackOfficeRegistration.PathPrefix + "/account?saved=password");
    }
}
