using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// The columns of one export, prepared once: turns an entry into a row by reading its stored values JSON
/// (<c>{ "alias": { "caption": "…", "values": ["…"] } }</c>) with a forward-only reader straight into column slots – no
/// dictionary or record per answer, and answers without a column are skipped without allocating their text.
/// </summary>
internal sealed class ExportRowLayout
{
    private const int StackAliasLength = 256;

    private readonly IReadOnlyList<ExportColumn> columns;
    private readonly Dictionary<string, int> indexByKey;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> indexByAlias;
    private readonly int idIndex;
    private readonly int submittedIndex;
    private readonly int stateIndex;
    private readonly int[] yesNoIndexes;

    public ExportRowLayout(IReadOnlyList<ExportColumn> columns)
    {
        this.columns = columns;
        indexByKey = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            indexByKey.TryAdd(columns[i].Key, i);
        }

        indexByAlias = indexByKey.GetAlternateLookup<ReadOnlySpan<char>>();
        idIndex = IndexOf(FormEntryExport.IdColumn);
        submittedIndex = IndexOf(FormEntryExport.SubmittedColumn);
        stateIndex = IndexOf(FormEntryExport.StateColumn);
        yesNoIndexes = Enumerable.Range(0, columns.Count).Where(i => columns[i].Kind == ExportValueKind.YesNo).ToArray();
    }

    public int IndexOf(string key) => indexByKey.TryGetValue(key, out var index) ? index : -1;

    public ExportRow ToRow(FormEntry entry)
    {
        var slots = new object?[columns.Count];
        if (idIndex >= 0)
        {
            slots[idIndex] = entry.Id;
        }

        if (submittedIndex >= 0)
        {
            slots[submittedIndex] = DateTime.SpecifyKind(entry.SubmittedOn, DateTimeKind.Utc);
        }

        if (stateIndex >= 0)
        {
            slots[stateIndex] = FormEntryExport.StateText(entry.State);
        }

        var json = entry.ValuesJson;
        if (!string.IsNullOrEmpty(json))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
            try
            {
                var length = Encoding.UTF8.GetBytes(json, buffer);
                if (!TryReadAnswers(buffer.AsSpan(0, length), slots))
                {
                    ClearAnswers(slots);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        foreach (var index in yesNoIndexes)
        {
            slots[index] ??= FormEntryExport.No;
        }

        return new ExportRow(this, slots);
    }

    private bool IsEntryColumn(int index) => index == idIndex || index == submittedIndex || index == stateIndex;

    private void ClearAnswers(object?[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (!IsEntryColumn(i))
            {
                slots[i] = null;
            }
        }
    }

    /// <summary>Fills the answer slots; false for malformed JSON (the row then has id and date only, as before).</summary>
    private bool TryReadAnswers(ReadOnlySpan<byte> utf8, object?[] slots)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = ColumnOf(ref reader);
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType != JsonTokenType.StartObject || index < 0 || IsEntryColumn(index))
                {
                    reader.Skip();
                    continue;
                }

                var values = ReadValues(ref reader);
                if (values is { Count: > 0 })
                {
                    slots[index] = Convert(columns[index].Kind, values);
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private int ColumnOf(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > StackAliasLength)
        {
            return IndexOf(reader.GetString()!);
        }

        Span<char> alias = stackalloc char[StackAliasLength];
        var written = reader.CopyString(alias);
        return indexByAlias.TryGetValue(alias[..written], out var index) ? index : -1;
    }

    /// <summary>Reads one answer object (the reader is on its StartObject) and returns its "values".</summary>
    private static List<string>? ReadValues(ref Utf8JsonReader reader)
    {
        List<string>? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValues = reader.ValueTextEquals("values"u8);
            reader.Read();
            if (!isValues || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            values = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    values.Add(reader.GetString()!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return values;
    }

    private static object Convert(ExportValueKind kind, List<string> values) => kind switch
    {
        ExportValueKind.Number when values.Count == 1
            && decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => number,
        ExportValueKind.Date when values.Count == 1
            && DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        ExportValueKind.MultipleChoice => values,
        ExportValueKind.YesNo => values.Any(FormConditions.IsTicked) ? FormEntryExport.Yes : FormEntryExport.No,
        _ => values.Count == 1 ? values[0] : values,
    };
}
