using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>
/// Text for the content search: the readable words of a stored value (rich text without tags, the strings inside block
/// and link JSON without keys and ids) and a folded form for comparing regardless of case, umlaut spelling and accents.
/// </summary>
public static partial class SearchText
{
    /// <summary>
    /// Folds <paramref name="text"/> for comparison: Unicode lower case, ä/ö/ü → ae/oe/ue and ß → ss (so „Übergänge“,
    /// „übergänge“ and „uebergaenge“ are the same), other accents removed (é → e), runs of white space collapsed.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var builder = new StringBuilder(lower.Length + 8);
        var space = false;
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'ä': builder.Append("ae"); break;
                case 'ö': builder.Append("oe"); break;
                case 'ü': builder.Append("ue"); break;
                case 'ß' or 'ẞ': builder.Append("ss"); break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        if (!space && builder.Length > 0)
                        {
                            builder.Append(' ');
                        }

                        space = true;
                        continue;
                    }

                    builder.Append(c);
                    break;
            }

            space = false;
        }

        var decomposed = builder.ToString().TrimEnd().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(c);
            }
        }

        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Keys of block and link JSON whose values describe the structure, not the text (<c>"editorAlias": "Umbraco.TextBox"</c>).</summary>
    private static readonly HashSet<string> TechnicalKeys = new(StringComparer.Ordinal)
    {
        "alias", "editorAlias", "contentTypeAlias", "mediaTypeAlias", "culture", "segment", "udi", "url", "target", "type", "queryString",
    };

    /// <summary>The readable pieces of one stored value (several for block lists and link lists).</summary>
    public static IEnumerable<string> Readable(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            yield break;
        }

        var trimmed = raw.TrimStart();
        if (trimmed[0] is '{' or '[')
        {
            List<string>? strings = null;
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                strings = [];
                Collect(document.RootElement, strings);
            }
            catch (JsonException)
            {
                // Not JSON after all: read it as text below.
            }

            if (strings is not null)
            {
                foreach (var text in strings.Select(Plain).Where(s => s.Length > 0))
                {
                    yield return text;
                }

                yield break;
            }
        }

        var plain = Plain(raw);
        if (plain.Length > 0)
        {
            yield return plain;
        }
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject().Where(p => !TechnicalKeys.Contains(p.Name)))
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
            case JsonValueKind.String:
                var value = element.GetString() ?? "";
                if (!IsTechnical(value))
                {
                    // A string may itself hold JSON (nested block values) or HTML.
                    strings.AddRange(value.TrimStart().StartsWith('{') || value.TrimStart().StartsWith('[') ? Readable(value) : [value]);
                }

                break;
        }
    }

    /// <summary>Ids, UDIs, URLs and aliases are not what editors search for.</summary>
    private static bool IsTechnical(string value) =>
        value.Length == 0 || Guid.TryParse(value, out _) || value.StartsWith("umb://", StringComparison.Ordinal)
        || value.StartsWith('/') || value.StartsWith("http", StringComparison.OrdinalIgnoreCase) || AliasPattern().IsMatch(value);

    private static string Plain(string text) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(text, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>camelCase identifiers such as <c>contentTypeKey</c> or <c>richTextBlock</c>.</summary>
    [GeneratedRegex("^[a-z]+(?:[A-Z][a-z0-9]*)+$")]
    private static partial Regex AliasPattern();
}
