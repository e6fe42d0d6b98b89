using System.ComponentModel.DataAnnotations;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(BackOfficeSignInService signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Login.EmailRequired")]
    [EmailAddress(ErrorMessage = "Login.EmailInvalid")]
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Login.PasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.SignInAsync(Email, Password);
        if (outcome == SignInOutcome.Success)
        {
            // Only local addresses: never an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith(BackOfficeRegistration.PathPrefix, StringComparison.OrdinalIgnoreCase)
                ? ReturnUrl
                : BackOfficeRegistration.PathPrefix);
        }

        Failure = outcome == SignInOutcome.LockedOut ? "Login.LockedOut" : "Login.Failed";
        return Page();
    }
}
