using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.Localization;

/// <summary>
/// Texts that take a count, in singular and plural. A count text is stored under its key in the plural form
/// (<c>"{0} Einträge im gewählten Filter"</c>) with the singular under <c>Key.One</c> (<c>"{0} Eintrag im gewählten Filter"</c>)
/// and, where German says it differently, a text for none under <c>Key.Zero</c>. <see cref="Plural"/> picks the form by the
/// count; the count itself is passed among the format arguments at the place the text expects it (formatted by the caller).
/// </summary>
public static class PluralText
{
    /// <summary>Suffix of the singular form's key.</summary>
    public const string OneSuffix = ".One";

    /// <summary>Suffix of the optional form for a count of zero.</summary>
    public const string ZeroSuffix = ".Zero";

    /// <summary>The keys to try for <paramref name="count"/>, most specific first (the plural key always last).</summary>
    public static IReadOnlyList<string> KeysFor(string key, long count) => count switch
    {
        0 => [key + ZeroSuffix, key],
        1 or -1 => [key + OneSuffix, key],
        _ => [key],
    };

    /// <summary>The text of <paramref name="key"/> in the form for <paramref name="count"/>, formatted with <paramref name="arguments"/>.</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var keys = KeysFor(key, count);
        foreach (var candidate in keys.Take(keys.Count - 1))
        {
            var text = localizer[candidate, arguments];
            if (!text.ResourceNotFound)
            {
                return text;
            }
        }

        return localizer[key, arguments];
    }
}
