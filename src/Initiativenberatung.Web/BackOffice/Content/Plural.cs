using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>German plural forms from the resx: <c>Key.One</c> for exactly one, <c>Key.Other</c> for every other count (0 included).</summary>
public static class Plural
{
    /// <summary>The text for <paramref name="count"/> (argument <c>{0}</c>); <paramref name="more"/> fills <c>{1}</c> and after.</summary>
    public static string Count(this IStringLocalizer localizer, string key, int count, params object[] more) =>
        localizer[key + (count == 1 ? ".One" : ".Other"), [count, .. more]];
}
