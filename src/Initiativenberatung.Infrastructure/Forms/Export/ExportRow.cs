namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// The values of one entry, by column key. Supported values: <see cref="string"/>; numbers
/// (<see cref="decimal"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, ...);
/// <see cref="DateOnly"/> and <see cref="DateTime"/>; <see cref="IReadOnlyList{T}"/> of string (any
/// <see cref="IEnumerable{T}"/> of string) for multiple choices. A missing key or null is an empty
/// cell. Any other value is written as its invariant-culture text, like a text answer.
/// </summary>
public sealed class ExportRow
{
    private readonly IReadOnlyDictionary<string, object?> values;

    public ExportRow(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = values;
    }

    /// <summary>The value for <paramref name="key"/>, or null when the row has none.</summary>
    public object? this[string key] => values.TryGetValue(key, out var value) ? value : null;
}
