using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>Shared parts of the users, account and setup pages: service errors into the form, error lookup, dates.</summary>
public abstract class UserFormPageModel : PageModel
{
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    /// <summary>Puts each error next to its field (and so into the summary); <paramref name="passwordField"/> names the page's new-password input.</summary>
    protected void AddErrors(UserResult result, string passwordField = UserErrorFields.Password)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Field == UserErrorFields.Password ? passwordField : error.Field;
            ModelState.AddModelError(field, error.Message);
        }
    }

    public bool HasError(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    /// <summary><c>"true"</c> for <c>aria-invalid</c> when the field has an error, else <c>null</c> (attribute left out).</summary>
    public string? Invalid(string field) => HasError(field) ? "true" : null;

    /// <summary>A UTC time as German local time (Europe/Berlin), e.g. <c>03.02.2026, 14:05</c>.</summary>
    public static string LocalTime(DateTime? utc) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), Berlin).ToString("dd.MM.yyyy, HH:mm", CultureInfo.GetCultureInfo("de-DE"))
        : "–";

    private static TimeZoneInfo FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>Model of the role select partial: the selected role and <c>aria-invalid</c>.</summary>
public sealed record RoleFieldModel(string? Selected, string? Invalid);
