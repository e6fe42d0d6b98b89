using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Core.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>Shared parts of the users, account and setup pages: service errors into the form, error lookup, dates.</summary>
public abstract class UserFormPageModel : PageModel
{
    private readonly List<UserError> _errors = [];

    /// <summary>Every error in the order it was added, for the summary (ModelState orders its keys by length, not by form).</summary>
    public IReadOnlyList<UserError> Errors => _errors;

    /// <summary>Puts each error next to its field (and so into the summary); <paramref name="passwordField"/> names the page's new-password input.</summary>
    protected void AddErrors(UserResult result, string passwordField = UserErrorFields.Password)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Field == UserErrorFields.Password ? passwordField : error.Field;
            ModelState.AddModelError(field, error.Message);
            _errors.Add(error with { Field = field });
        }
    }

    /// <summary>
    /// The service's problems with a new user plus the form's own checks (a name is required, both passwords must match),
    /// all at once and in the order of the form's fields, so the summary reads top to bottom like the form.
    /// </summary>
    protected void AddNewUserErrors(IReadOnlyList<UserError> serviceErrors, string? displayName, string? password, string? confirmPassword, IStringLocalizer<UsersText> text)
    {
        var errors = serviceErrors.ToList();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(new UserError(UserErrorFields.DisplayName, text["Users.NameRequired"]));
        }

        if (!string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            errors.Add(new UserError("ConfirmPassword", text["Users.PasswordsDiffer"]));
        }

        string[] order = [UserErrorFields.Email, UserErrorFields.DisplayName, UserErrorFields.Role, UserErrorFields.Password, "ConfirmPassword"];
        AddErrors(new UserResult([.. errors.OrderBy(e => Array.IndexOf(order, e.Field) is var i and >= 0 ? i : order.Length)]));
    }

    public bool HasError(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    /// <summary><c>"true"</c> for <c>aria-invalid</c> when the field has an error, else <c>null</c> (attribute left out).</summary>
    public string? Invalid(string field) => HasError(field) ? "true" : null;

    /// <summary>A UTC time as German local time (see <see cref="GermanTime"/>), or a dash for none.</summary>
    public static string LocalTime(DateTime? utc) => GermanTime.Format(utc, "–");

    /// <summary>Every error of <paramref name="field"/>, in one line (the tag helper would show only the first).</summary>
    public string ErrorText(string field) =>
        ModelState.TryGetValue(field, out var entry) ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";
}

/// <summary>Model of the role select partial: the selected role and <c>aria-invalid</c>.</summary>
public sealed record RoleFieldModel(string? Selected, string? Invalid);
