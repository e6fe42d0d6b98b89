using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms.Export;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>export-stages --db FILE [--limit 200000]</c>: a P5 diagnostic in one process, without HTTP and EF Core. Reads the first
/// <c>limit</c> entries of the survey in export order with a plain SQLite reader and times three stages: (a) reading the rows,
/// (b) plus <see cref="FormEntryExport.ToRow"/> (values JSON → row), (c) plus <see cref="CsvEntryWriter"/> into
/// <see cref="Stream.Null"/>. The site's export rate compared with these shows what EF Core, keyset batches and HTTP add.
/// </summary>
public static class ExportStages
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var limit = options.GetInt("limit", 200_000);
        var formKey = Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey));
        using var connection = new SqliteConnection($"Data Source={options.Get("db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var form = SurveyAnswers.LoadForm(connection, formKey);
        var columns = Columns(form);

        var read = await TimeAsync(() => CountAsync(Entries(connection, formKey, limit)));
        var toRow = await TimeAsync(() => CountAsync(FormEntryExport.RowsAsync(columns, Entries(connection, formKey, limit))));
        var csv = await TimeAsync(() => CsvEntryWriter.WriteAsync(Stream.Null, columns, FormEntryExport.RowsAsync(columns, Entries(connection, formKey, limit)), new CsvExportOptions()));
        Figures.Print("rows", read.Count);
        Figures.Print("read_rows_per_s", read.Count / read.Seconds);
        Figures.Print("read_to_row_rows_per_s", toRow.Count / toRow.Seconds);
        Figures.Print("read_to_row_csv_rows_per_s", csv.Count / csv.Seconds);
        return 0;
    }

    /// <summary>The export's columns for the definition (entry id, date, answer fields); stored-only fields do not occur here.</summary>
    private static List<ExportColumn> Columns(FormDefinition form) =>
    [
        new(FormEntryExport.IdColumn, "Eintrag", ExportValueKind.Number, "id"),
        new(FormEntryExport.SubmittedColumn, "Eingereicht am", ExportValueKind.Date, "submittedOn"),
        .. FormEntryExport.AnswerFields(form).Select(f => new ExportColumn(f.Alias, f.Caption, f.Type switch
        {
            FormFieldType.Number => ExportValueKind.Number,
            FormFieldType.Date => ExportValueKind.Date,
            _ when f.AllowsMultiple => ExportValueKind.MultipleChoice,
            _ => ExportValueKind.Text,
        }, f.Alias)),
    ];

    private static async IAsyncEnumerable<FormEntry> Entries(SqliteConnection connection, Guid formKey, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, FormKey, SubmittedOn, State, ValuesJson FROM FormEntries WHERE FormKey = $key ORDER BY SubmittedOn, Id LIMIT $limit";
        command.Parameters.AddWithValue("$key", formKey.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new FormEntry
            {
                Id = reader.GetInt64(0),
                FormKey = Guid.Parse(reader.GetString(1)),
                SubmittedOn = DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                State = (FormEntryState)reader.GetInt32(3),
                ValuesJson = reader.GetString(4),
            };
        }
    }

    private static async Task<long> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        long count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }

    private static async Task<(long Count, double Seconds)> TimeAsync(Func<Task<long>> stage)
    {
        var watch = Stopwatch.StartNew();
        var count = await stage();
        return (count, watch.Elapsed.TotalSeconds);
    }
}
