using System.Globalization;
using System.Net.Mail;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.Infrastructure.Users;

/// <summary>The checks of a request that need no stored state: e-mail, name, role and the password rules.</summary>
public sealed partial class UserAdministration
{
    /// <summary>Runs every password rule (length, block list, e-mail name) and returns German messages.</summary>
    private static async Task<List<UserError>> ValidatePasswordAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new UserError(UserErrorFields.Password, Messages.Get("Users.PasswordRequired"))];
        }

        var errors = new List<UserError>();
        foreach (var validator in manager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(manager, user, password);
            errors.AddRange(ToErrors(result));
        }

        return errors;
    }

    private async Task<(BackOfficeUser User, string? Role, List<UserError> Errors)> CheckNewAsync(UserManager<BackOfficeUser> manager, NewBackOfficeUser request)
    {
        var email = (request.Email ?? "").Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        var errors = new List<UserError>();
        ValidateEmail(email, errors);
        ValidateDisplayName(displayName, errors);
        var role = ValidateRole(request.Role, errors);
        var user = new BackOfficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        errors.AddRange(await ValidatePasswordAsync(manager, user, request.Password));
        return (user, role, errors);
    }

    private static void ValidateEmail(string email, List<UserError> errors)
    {
        if (email.Length == 0)
        {
            errors.Add(new UserError(UserErrorFields.Email, Messages.Get("Users.EmailRequired")));
        }
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new UserError(UserErrorFields.Email, Messages.Get("Users.EmailInvalid", email)));
        }
    }

    private static void ValidateDisplayName(string displayName, List<UserError> errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add(new UserError(UserErrorFields.DisplayName, Messages.Get("Users.NameRequired")));
        }
        else if (displayName.Length > 255)
        {
            errors.Add(new UserError(UserErrorFields.DisplayName, Messages.Get("Users.NameTooLong", 255)));
        }
    }

    /// <summary>The canonical role name, or <c>null</c> with an error when the role is not one of <see cref="BackOfficeRoles.All"/>.</summary>
    private static string? ValidateRole(string? role, List<UserError> errors)
    {
        var known = BackOfficeRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            errors.Add(new UserError(UserErrorFields.Role, string.IsNullOrWhiteSpace(role)
                ? Messages.Get("Users.RoleRequired")
                : Messages.Get("Users.RoleUnknown", role, string.Join(", ", BackOfficeRoles.All))));
        }

        return known;
    }

    private static Guid? KeyOf(BackOfficeUser user) => Guid.TryParse(user.Id, CultureInfo.InvariantCulture, out var key) ? key : null;

    private static List<UserError> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => new UserError(UserErrorFields.ForCode(e.Code), e.Description)).ToList();

    private static UserResult Fail(string field, string message) => new([new UserError(field, message)]);

    private static UserResult NotFound() => new([new UserError(UserErrorFields.None, Messages.Get("Users.NotFound"))]) { IsNotFound = true };
}
