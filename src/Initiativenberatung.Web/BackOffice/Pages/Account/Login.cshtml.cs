using System.ComponentModel.DataAnnotations;
using Initiativenberatung.Web.BackOffice.Users;
using Initiativenberatung.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(BackOfficeSignInService signIn, LoginThrottle throttle, IStringLocalizer<UsersText> text) : PageModel
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

    /// <summary>Set when the client address used up its failed attempts (answer 429).</summary>
    public string? Throttled { get; private set; }

    /// <summary>"Bitte warten Sie … Sekunden" after the failure message while the account name has to wait (known or not).</summary>
    public string? Wait { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.SignInAsync(Email, Password, HttpContext.Connection.RemoteIpAddress);
        if (outcome == SignInOutcome.Success)
        {
            // Only local addresses below /umbraco: never an open redirect.
            return LocalRedirect(BackOfficeReturnUrl.Sanitize(ReturnUrl));
        }

        if (outcome == SignInOutcome.Throttled)
        {
            Throttled = text["Login.Throttled"];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)LoginThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        // The same message for every failing state of every name; the wait only depends on the name's failures.
        Failure = "Login.Failed";
        if (throttle.AccountWait(Email) is { } wait)
        {
            var seconds = (int)wait.TotalSeconds;
            Wait = text.Plural("Login.Wait", seconds, seconds);
            if (outcome == SignInOutcome.Delayed)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return Page();
    }
}
