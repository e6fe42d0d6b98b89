using System.Runtime.CompilerServices;
using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>The export format.</summary>
public enum FormExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Turns the entries of a form into export columns and rows: entry id, submission date (ISO), state (Eingegangen/Freigegeben),
/// one column per answer field of the current definition in form order, then one per field that only older entries have
/// (header = their stored caption). Number answers and choices whose options are all numbers (ratings) become numbers, date
/// answers dates, checkboxes and consents Ja/Nein, multiple choices a list (joined by the writers).
/// </summary>
public sealed class FormEntryExport(FormEntryFieldCatalog catalog)
{
    public const string IdColumn = "_id";
    public const string SubmittedColumn = "_submitted";
    public const string StateColumn = "_state";

    /// <summary>The cell text of a ticked or unticked checkbox or consent.</summary>
    public const string Yes = "Ja";

    /// <inheritdoc cref="Yes"/>
    public const string No = "Nein";

    /// <summary>The German name of an entry's state, as the back office shows it.</summary>
    public static string StateText(FormEntryState state) => state == FormEntryState.Approved ? "Freigegeben" : "Eingegangen";

    /// <summary>
    /// The columns for a form: definition fields, then every field ever stored for the form but no longer in it (from the
    /// <see cref="FormEntryFieldCatalog"/>: one small indexed read, whatever the number of entries). The filter does not
    /// narrow the columns, so every export of a form has the same columns.
    /// </summary>
    public async Task<IReadOnlyList<ExportColumn>> ColumnsAsync(FormDefinition form, CancellationToken cancellationToken = default)
    {
        var columns = new List<ExportColumn>
        {
            new(IdColumn, "Eintrag", ExportValueKind.Number, "id"),
            new(SubmittedColumn, "Eingereicht am", ExportValueKind.Date, "submittedOn"),
            new(StateColumn, "Status", ExportValueKind.Text, "state"),
        };
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in AnswerFields(form))
        {
            known.Add(field.Alias);
            columns.Add(new ExportColumn(field.Alias, string.IsNullOrWhiteSpace(field.Caption) ? field.Alias : field.Caption, KindOf(field), field.Alias));
        }

        foreach (var (alias, caption) in await catalog.ListAsync(form.Key, cancellationToken))
        {
            if (known.Add(alias))
            {
                columns.Add(new ExportColumn(alias, string.IsNullOrWhiteSpace(caption) ? alias : caption, ExportValueKind.Text, alias));
            }
        }

        return columns;
    }

    /// <summary>The fields of a form that take an answer, in form order.</summary>
    public static IEnumerable<FormField> AnswerFields(FormDefinition form) =>
        form.AllFields().Where(f => FormFieldTypes.TakesInput(f.Type) && !string.IsNullOrEmpty(f.Alias));

    /// <summary>Rows for the entries, streamed.</summary>
    public static async IAsyncEnumerable<ExportRow> RowsAsync(
        IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<FormEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var layout = new ExportRowLayout(columns);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            yield return layout.ToRow(entry);
        }
    }

    /// <summary>
    /// One entry as a row: id, submission date (UTC), and per answer column its stored values – a number or date where the
    /// column says so and the answer parses, a list for multiple choices, else the text. Malformed values JSON gives a row
    /// with id and date only.
    /// </summary>
    public static ExportRow ToRow(IReadOnlyList<ExportColumn> columns, FormEntry entry) => new ExportRowLayout(columns).ToRow(entry);

    private static ExportValueKind KindOf(FormField field) => field.Type switch
    {
        FormFieldType.Number => ExportValueKind.Number,
        FormFieldType.Date => ExportValueKind.Date,
        FormFieldType.Checkbox or FormFieldType.DataConsent => ExportValueKind.YesNo,
        _ when field.AllowsMultiple => ExportValueKind.MultipleChoice,
        _ when IsNumericScale(field) => ExportValueKind.Number,
        _ => ExportValueKind.Text,
    };

    /// <summary>A single choice whose options are all numbers, such as a rating from 1 to 5.</summary>
    private static bool IsNumericScale(FormField field) =>
        FormFieldTypes.HasOptions(field.Type) && field.Options.Count > 0
        && field.Options.All(o => decimal.TryParse(o.Value, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _));
}
