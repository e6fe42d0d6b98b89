using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Account;

/// <summary>Signs out and renews the security stamp, so copies of the old cookie stop working too.</summary>
public sealed class LogoutModel(SignInManager<BackOfficeUser> signIn, UserManager<BackOfficeUser> users, UserSessions sessions) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.RecordSignOutAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect(BackOfficeRegistration.PathPrefix + "/login");
    }
}
