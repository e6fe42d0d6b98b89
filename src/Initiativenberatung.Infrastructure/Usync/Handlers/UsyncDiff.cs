using System.Text.Json;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>Compares flattened items (property name → text) for the report.</summary>
public static class UsyncDiff
{
    /// <summary>One change per property whose value differs (empty and missing count as the same).</summary>
    public static List<UsyncPropertyChange> Compare(SortedDictionary<string, string?>? old, SortedDictionary<string, string?> incoming)
    {
        var changes = new List<UsyncPropertyChange>();
        var keys = (old?.Keys ?? Enumerable.Empty<string>()).Union(incoming.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var before = old?.GetValueOrDefault(key);
            var after = incoming.GetValueOrDefault(key);
            if (!string.Equals(Normalize(before), Normalize(after), StringComparison.Ordinal))
            {
                changes.Add(new UsyncPropertyChange(key, before, after));
            }
        }

        return changes;

        static string? Normalize(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Adds every non-empty value under its alias (the property values of media and documents).</summary>
    public static SortedDictionary<string, string?> WithValues(SortedDictionary<string, string?> result, IEnumerable<KeyValuePair<string, string?>>? values)
    {
        foreach (var (alias, value) in values ?? [])
        {
            if (!string.IsNullOrEmpty(value))
            {
                result[alias] = value;
            }
        }

        return result;
    }

    public static string SafeCanonicalJson(string? json)
    {
        try
        {
            return UsyncXml.CanonicalJson(json);
        }
        catch (JsonException)
        {
            return json ?? "";
        }
    }

    public static string Truncate(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
