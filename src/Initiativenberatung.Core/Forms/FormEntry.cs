using System.Text.Json;
using System.Text.Json.Serialization;

namespace Initiativenberatung.Core.Forms;

public enum FormEntryState
{
    Submitted = 0,
    Approved = 1,
}

/// <summary>
/// One anonymous answer to a form. Deliberately without IP address, user agent, referrer, cookie or user id; the
/// submission time is stored at the form's precision (day by default).
/// </summary>
public sealed class FormEntry
{
    public long Id { get; set; }

    public Guid FormKey { get; set; }

    public DateTime SubmittedOn { get; set; }

    public FormEntryState State { get; set; }

    /// <summary>Alias → caption at submit time and values (see <see cref="FormEntryValues"/>).</summary>
    public string ValuesJson { get; set; } = "{}";

    /// <summary>The answer values case-folded for the free-text search (<see cref="FormEntrySearch"/>), filled on append.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>
/// One answer column ever stored for a form: the alias and the caption it was last stored under. Written when an entry with a
/// new alias (or a new caption) is appended, so the export knows the columns of removed fields without reading the entries.
/// </summary>
public sealed class FormEntryField
{
    public long Id { get; set; }

    public Guid FormKey { get; set; }

    public string Alias { get; set; } = "";

    public string Caption { get; set; } = "";
}

/// <summary>A stored form definition; <see cref="DefinitionJson"/> is the Forms delivery API shape.</summary>
public sealed class FormDefinitionRecord
{
    public Guid Key { get; set; }

    public string Alias { get; set; } = "";

    public string Name { get; set; } = "";

    public string DefinitionJson { get; set; } = "{}";

    public DateTime UpdatedAt { get; set; }
}

/// <summary>The answer to one field, with the field's caption at submit time (so removed fields still export under it).</summary>
public sealed record FormEntryValue(
    [property: JsonPropertyName("caption")] string Caption,
    [property: JsonPropertyName("values")] IReadOnlyList<string> Values);

/// <summary>(De)serializes an entry's values: <c>{ "alias": { "caption": "…", "values": ["…"] } }</c> in form order.</summary>
public static class FormEntryValues
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(IEnumerable<KeyValuePair<string, FormEntryValue>> values) =>
        JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), Options);

    /// <summary>Reads stored values; malformed JSON gives an empty set rather than an exception.</summary>
    public static IReadOnlyDictionary<string, FormEntryValue> Deserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, FormEntryValue>(StringComparer.Ordinal);
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, FormEntryValue>>(json, Options);
            return values is null
                ? new Dictionary<string, FormEntryValue>(StringComparer.Ordinal)
                : new Dictionary<string, FormEntryValue>(values.Where(v => v.Value is not null).Select(v =>
                    KeyValuePair.Create(v.Key, v.Value with { Caption = v.Value.Caption ?? v.Key, Values = v.Value.Values ?? [] })), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, FormEntryValue>(StringComparer.Ordinal);
        }
    }
}

public static class SubmittedAtPrecisions
{
    /// <summary>Cuts a UTC time down to the precision (day: midnight, hour: full hour, second: no fraction).</summary>
    public static DateTime Truncate(DateTime utc, SubmittedAtPrecision precision)
    {
        var ticks = precision switch
        {
            SubmittedAtPrecision.Day => TimeSpan.TicksPerDay,
            SubmittedAtPrecision.Hour => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerSecond,
        };
        return new DateTime(utc.Ticks - (utc.Ticks % ticks), DateTimeKind.Utc);
    }

    public static SubmittedAtPrecision? Parse(string? text) =>
        Enum.TryParse<SubmittedAtPrecision>(text?.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : null;
}
