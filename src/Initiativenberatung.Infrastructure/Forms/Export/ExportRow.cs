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
    private readonly IReadOnlyDictionary<string, object?>? byKey;
    private readonly ExportRowLayout? layout;
    private readonly object?[]? slots;

    public ExportRow(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        byKey = values;
    }

    /// <summary>A row whose values sit in column order (one slot per column of <paramref name="layout"/>).</summary>
    internal ExportRow(ExportRowLayout layout, object?[] slots)
    {
        this.layout = layout;
        this.slots = slots;
    }

    /// <summary>The value for <paramref name="key"/>, or null when the row has none.</summary>
    public object? this[string key] =>
        byKey is not null
            ? byKey.TryGetValue(key, out var value) ? value : null
            : layout!.IndexOf(key) is var index and >= 0 ? slots![index] : null;
}
