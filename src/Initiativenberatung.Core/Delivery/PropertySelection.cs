namespace Initiativenberatung.Core.Delivery;

/// <summary>
/// Which properties an <c>expand</c> or <c>fields</c> parameter selects, in the syntax of Umbraco's Delivery API v2:
/// <c>properties[$all]</c>, <c>properties[a,b]</c>, nested <c>properties[blocks[properties[title]]]</c>
/// (the nested part applies to the elements a picker or block list holds). v1's <c>all</c> and <c>property:a,b</c> are accepted too.
/// </summary>
public sealed class PropertySelection
{
    private static readonly IReadOnlyDictionary<string, PropertySelection?> NoAliases = new Dictionary<string, PropertySelection?>();

    private PropertySelection(bool all, IReadOnlyDictionary<string, PropertySelection?> aliases)
    {
        IsAll = all;
        Aliases = aliases;
    }

    /// <summary>Nothing selected (the default of <c>expand</c>).</summary>
    public static PropertySelection None { get; } = new(false, NoAliases);

    /// <summary>Everything selected (the default of <c>fields</c>).</summary>
    public static PropertySelection All { get; } = new(true, NoAliases);

    public bool IsAll { get; }

    /// <summary>Selected aliases with their nested selection (<c>null</c> when none was given).</summary>
    public IReadOnlyDictionary<string, PropertySelection?> Aliases { get; }

    public bool IsNone => !IsAll && Aliases.Count == 0;

    public bool Includes(string alias) => IsAll || Aliases.ContainsKey(alias);

    /// <summary>The nested selection for the elements below <paramref name="alias"/>, or <paramref name="fallback"/>.</summary>
    public PropertySelection Nested(string alias, PropertySelection fallback) =>
        Aliases.TryGetValue(alias, out var nested) && nested is not null ? nested : fallback;

    /// <summary>Parses the parameter; <paramref name="error"/> names the parameter and the problem.</summary>
    public static bool TryParse(string parameter, string? value, PropertySelection whenEmpty, out PropertySelection selection, out string? error)
    {
        selection = whenEmpty;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var text = value.Trim();
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            selection = All;
            return true;
        }

        if (text.StartsWith("property:", StringComparison.OrdinalIgnoreCase))
        {
            var aliases = text["property:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            selection = new PropertySelection(false, aliases.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => (PropertySelection?)null, StringComparer.Ordinal));
            return true;
        }

        var position = 0;
        if (!TryParseProperties(text, ref position, 0, out var parsed) || position != text.Length)
        {
            error = $"Der Parameter „{parameter}“ hat nicht die Form properties[$all] oder properties[alias1,alias2] (Wert: „{value}“).";
            return false;
        }

        selection = parsed!;
        return true;
    }

    // properties[ item (, item)* ]   item := $all | alias | alias[properties[...]]
    private static bool TryParseProperties(string text, ref int position, int depth, out PropertySelection? selection)
    {
        selection = null;
        const string Keyword = "properties[";
        if (depth > 8 || string.Compare(text, position, Keyword, 0, Keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        position += Keyword.Length;
        var all = false;
        var aliases = new Dictionary<string, PropertySelection?>(StringComparer.Ordinal);
        while (position < text.Length && text[position] != ']')
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '[' or ']'))
            {
                position++;
            }

            var alias = text[start..position].Trim();
            PropertySelection? nested = null;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                if (!TryParseProperties(text, ref position, depth + 1, out nested) || position >= text.Length || text[position] != ']')
                {
                    return false;
                }

                position++;
            }

            if (alias == "$all")
            {
                all = true;
            }
            else if (alias.Length > 0 && alias.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
            {
                aliases[alias] = nested;
            }
            else
            {
                return false;
            }

            if (position < text.Length && text[position] == ',')
            {
                position++;
            }
        }

        if (position >= text.Length)
        {
            return false;
        }

        position++;
        selection = new PropertySelection(all, aliases);
        return true;
    }
}
