using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Pages.Users;

/// <summary>One user: name, role, disable/enable, unlock, and a new password set by an administrator.</summary>
[Authorize(Policy = BackOfficePolicies.Users)]
public sealed class EditModel(UserAdministration administration, IOptions<IdentityOptions> identity, IStringLocalizer<UsersText> text) : UserFormPageModel
{
    private static readonly string[] Notices = ["created", "saved", "unlocked", "password"];

    public BackOfficeUserSummary Target { get; private set; } = null!;

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public bool IsDisabled { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmNewPassword { get; set; }

    /// <summary>Key of the success message after a redirect (<c>?saved=…</c>), only known keys.</summary>
    public string? Notice { get; private set; }

    /// <summary>The administrator looks at their own account: role and disabling are not offered.</summary>
    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        DisplayName = Target.DisplayName;
        Role = Target.Role;
        IsDisabled = Target.IsDisabled;
        Notice = Notices.FirstOrDefault(n => n == saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await administration.UpdateAsync(Actor, id, new BackOfficeUserChanges(DisplayName ?? "", Role ?? "", IsDisabled), cancellationToken);
        return await AfterAsync(id, result, "saved", cancellationToken);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        var result = await administration.UnlockAsync(Actor, id, cancellationToken);
        return await AfterAsync(id, result, "unlocked", cancellationToken);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        UserResult result;
        if (!string.Equals(NewPassword, ConfirmNewPassword, StringComparison.Ordinal))
        {
            result = new UserResult([new UserError(nameof(ConfirmNewPassword), text["Users.PasswordsDiffer"])]);
        }
        else
        {
            result = await administration.ResetPasswordAsync(Actor, id, NewPassword ?? "", cancellationToken);
        }

        NewPassword = ConfirmNewPassword = "";
        return await AfterAsync(id, result, "password", cancellationToken, passwordField: nameof(NewPassword));
    }

    private Core.Auditing.Actor Actor => BackOfficeActor.For(User, identity.Value);

    private async Task<IActionResult> AfterAsync(string id, UserResult result, string notice, CancellationToken cancellationToken, string passwordField = UserErrorFields.Password)
    {
        if (result.IsForbidden)
        {
            return Forbid();
        }

        if (result.IsNotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return Redirect($"{BackOfficeRegistration.PathPrefix}/users/{Uri.EscapeDataString(id)}?saved={notice}");
        }

        ModelState.Clear();
        AddErrors(result, passwordField);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await administration.FindAsync(id, cancellationToken) is not { } target)
        {
            return false;
        }

        Target = target;
        IsSelf = string.Equals(target.Id, Actor.UserId, StringComparison.Ordinal);
        return true;
    }
}
