using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Install;

/// <summary>
/// First-run setup (like Umbraco's installer): with the one-time link from the console, the first person creates the
/// administrator and is signed in. Answers 404 once any user exists or without the right token.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(
    FirstAdministrator first,
    SetupToken setupToken,
    SignInManager<BackOfficeUser> signIn,
    BackOfficeSignInService signIns,
    IStringLocalizer<UsersText> text) : UserFormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await IsOpenAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(cancellationToken))
        {
            return NotFound();
        }

        // Every problem at once: the page's own checks and all rules of the service (e-mail, each password rule).
        ModelState.Clear();
        AddNewUserErrors(await first.ValidateAsync(Email ?? "", DisplayName ?? "", Password ?? ""), DisplayName, Password, ConfirmPassword, text);
        if (ModelState.IsValid)
        {
            var result = await first.CreateAsync(Email ?? "", DisplayName ?? "", Password ?? "", new Actor(null, "Einrichtung"), cancellationToken);
            if (result is null)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                var user = result.User!;
                await signIn.SignInAsync(user, isPersistent: false);
                await signIns.RecordSignInAsync(user, text["Audit.SetupSignIn"], cancellationToken);
                return Redirect(BackOfficeRegistration.PathPrefix);
            }

            AddErrors(result);
        }

        Password = ConfirmPassword = "";
        return Page();
    }

    private async Task<bool> IsOpenAsync(CancellationToken cancellationToken) =>
        setupToken.Matches(Token) && await first.IsNeededAsync(cancellationToken);
}
