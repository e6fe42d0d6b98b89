using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using global::CsvHelper;
using Initiativenberatung.Infrastructure.Forms.Export;
using static Initiativenberatung.UnitTests.Infrastructure.Forms.Export.ExportTestData;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms.Export;

[TestFixture]
public class CsvEntryWriterTests
{
    private static readonly IReadOnlyList<ExportColumn> AnswerColumns =
    [
        new("id", "Eintrag", ExportValueKind.Number, "id"),
        new("answer", "Ihre Antwort", ExportValueKind.Text, "answer"),
        new("rest", "Sonstiges", ExportValueKind.Text, "rest"),
    ];

    // Input typed as a text answer → the cell text a spreadsheet must see.
    private static readonly (string Input, string Expected)[] InjectionCases =
    [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("\0=1+1", "'=1+1"),
        ("a\0b", "ab"),
        ("sagte \"nein\"", "sagte \"nein\""),
        ("eins; zwei, drei", "eins; zwei, drei"),
        ("Zeile 1\r\nZeile 2\nZeile 3", "Zeile 1\r\nZeile 2\nZeile 3"),
        (" vorne und hinten ", " vorne und hinten "),
        ("Grün & schön ✓ 🚲", "Grün & schön ✓ 🚲"),
        ("1+1=2", "1+1=2"),
    ];

    [TestCase(';')]
    [TestCase(',')]
    [TestCase('\t')]
    public async Task Neutralizes_formula_cells_When_text_answer_starts_with_trigger(char delimiter)
    {
        var rows = InjectionCases.Select((c, i) => Row(("id", i), ("answer", c.Input), ("rest", "x"))).ToList();

        var (bytes, count) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { Delimiter = delimiter });
        var records = Parse(bytes, delimiter);

        Assert.That(count, Is.EqualTo(InjectionCases.Length));
        Assert.That(records, Has.Count.EqualTo(InjectionCases.Length + 1));
        Assert.That(records, Has.All.Length.EqualTo(3), "every record has exactly three cells");
        Assert.That(records.Skip(1).Select(r => r[1]), Is.EqualTo(InjectionCases.Select(c => c.Expected)));
        Assert.That(records.Skip(1).Select(r => r[2]), Has.All.EqualTo("x"));
    }

    [Test]
    public async Task Quotes_and_double_quotes_When_cell_has_quote_delimiter_newline_or_outer_space()
    {
        var rows = new[]
        {
            Row(("answer", "a\"b")),
            Row(("answer", "a;b")),
            Row(("answer", "a\nb")),
            Row(("answer", "a\rb")),
            Row(("answer", " a")),
            Row(("answer", "a ")),
            Row(("answer", "a,b\tc")),
        };

        var (bytes, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(
            "Eintrag;Ihre Antwort;Sonstiges\r\n" +
            ";\"a\"\"b\";\r\n" +
            ";\"a;b\";\r\n" +
            ";\"a\nb\";\r\n" +
            ";\"a\rb\";\r\n" +
            ";\" a\";\r\n" +
            ";\"a \";\r\n" +
            ";a,b\tc;\r\n"));
    }

    [Test]
    public async Task Quotes_neutralized_cell_When_it_also_needs_quoting()
    {
        var rows = new[] { Row(("answer", "=A1;\"x\"")), Row(("answer", "\tTab")) };

        var (bytes, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { IncludeBom = false, Delimiter = '\t' });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.EndWith(
            "\t\"'=A1;\"\"x\"\"\"\t\r\n" +
            "\t\"'\tTab\"\t\r\n"));
    }

    [Test]
    public async Task Writes_negative_number_bare_When_column_is_number_and_value_is_numeric()
    {
        IReadOnlyList<ExportColumn> columns =
        [
            new("n", "Zahl", ExportValueKind.Number),
            new("t", "Text", ExportValueKind.Text),
        ];
        var rows = new[]
        {
            Row(("n", -1.5m), ("t", -1m)),
            Row(("n", "-1"), ("t", "-1")),
            Row(("n", -3), ("t", 2.25)),
            Row(("n", 1234567.891m), ("t", -0.5d)),
        };

        var (bytes, _) = await WriteAsync(columns, rows, new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(
            "Zahl;Text\r\n" +
            "-1.5;'-1\r\n" +
            "'-1;'-1\r\n" +
            "-3;2.25\r\n" +
            "1234567.891;'-0.5\r\n"));
    }

    [Test]
    public async Task Writes_bom_When_include_bom_is_true()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", "a"))], new CsvExportOptions());

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes.AsSpan(3)), Does.StartWith("Eintrag;"));
    }

    [Test]
    public async Task Omits_bom_When_include_bom_is_false()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", "a"))], new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.StartWith("Eintrag;"));
    }

    [Test]
    public async Task Ends_every_record_with_cr_lf_When_options_are_default()
    {
        var rows = Enumerable.Range(0, 3).Select(i => Row(("id", i), ("answer", "a"), ("rest", "b"))).ToList();

        var (bytes, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(
            "Eintrag;Ihre Antwort;Sonstiges\r\n0;a;b\r\n1;a;b\r\n2;a;b\r\n"));
    }

    [TestCase("de-DE")]
    [TestCase("en-US")]
    [TestCase("ar-SA")]
    public async Task Writes_iso_dates_and_invariant_numbers_When_current_culture_is(string culture)
    {
        IReadOnlyList<ExportColumn> columns =
        [
            new("day", "Tag", ExportValueKind.Date),
            new("at", "Zeitpunkt", ExportValueKind.Date),
            new("n", "Zahl", ExportValueKind.Number),
        ];
        var rows = new[] { Row(("day", new DateOnly(2025, 3, 1)), ("at", new DateTime(2025, 3, 1, 14, 5, 9)), ("n", 1234.5m)) };
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        byte[] bytes;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            (bytes, _) = await WriteAsync(columns, rows, new CsvExportOptions { IncludeBom = false });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("Tag;Zeitpunkt;Zahl\r\n2025-03-01;2025-03-01T14:05:09;1234.5\r\n"));
    }

    [Test]
    public async Task Joins_multiple_choices_in_one_quoted_cell_When_value_is_a_list()
    {
        IReadOnlyList<ExportColumn> columns =
        [
            new("kinds", "Initiativen", ExportValueKind.MultipleChoice),
            new("after", "Danach", ExportValueKind.Text),
        ];
        IReadOnlyList<string> choices = ["Urbane Gärten", "Repair-Café", "Lastenradverleih"];

        var (bytes, _) = await WriteAsync(columns, [Row(("kinds", choices), ("after", "x"))], new CsvExportOptions { IncludeBom = false });
        var records = Parse(bytes, ';');

        Assert.That(Encoding.UTF8.GetString(bytes), Does.Contain("\"Urbane Gärten; Repair-Café; Lastenradverleih\";x\r\n"));
        Assert.That(records[1], Is.EqualTo(new[] { "Urbane Gärten; Repair-Café; Lastenradverleih", "x" }));
    }

    [Test]
    public async Task Neutralizes_joined_choices_When_first_choice_starts_with_trigger()
    {
        IReadOnlyList<ExportColumn> columns = [new("kinds", "Initiativen", ExportValueKind.MultipleChoice)];

        var (bytes, _) = await WriteAsync(columns, [Row(("kinds", new[] { "-Sonstige", "b" }))], new CsvExportOptions { Delimiter = ',' });

        Assert.That(Parse(bytes, ',')[1], Is.EqualTo(new[] { "'-Sonstige; b" }));
    }

    [Test]
    public async Task Writes_captions_When_header_mode_is_captions()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [], new CsvExportOptions { HeaderMode = ExportHeaderMode.Captions });

        Assert.That(Parse(bytes, ';'), Has.Count.EqualTo(1));
        Assert.That(Parse(bytes, ';')[0], Is.EqualTo(new[] { "Eintrag", "Ihre Antwort", "Sonstiges" }));
    }

    [Test]
    public async Task Writes_aliases_When_header_mode_is_aliases()
    {
        IReadOnlyList<ExportColumn> columns =
        [
            new("f1", "Größe der Kommune", ExportValueKind.Text, "municipalitySize"),
            new("f2", "Abteilung", ExportValueKind.Text),
        ];

        var (bytes, _) = await WriteAsync(columns, [], new CsvExportOptions { HeaderMode = ExportHeaderMode.Aliases });

        Assert.That(Parse(bytes, ';')[0], Is.EqualTo(new[] { "municipalitySize", "f2" }));
    }

    [Test]
    public async Task Neutralizes_header_When_caption_starts_with_trigger()
    {
        IReadOnlyList<ExportColumn> columns = [new("f", "=Frage", ExportValueKind.Text)];

        var (bytes, _) = await WriteAsync(columns, [], new CsvExportOptions());

        Assert.That(Parse(bytes, ';')[0], Is.EqualTo(new[] { "'=Frage" }));
    }

    [Test]
    public async Task Leaves_cell_empty_When_value_is_missing_or_null()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", null)), Row()], new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.EndWith("\r\n;;\r\n;;\r\n"));
    }

    [TestCase('|')]
    [TestCase('"')]
    [TestCase('a')]
    public void Rejects_delimiter_When_not_semicolon_comma_or_tab(char delimiter)
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(
            () => WriteAsync(AnswerColumns, [], new CsvExportOptions { Delimiter = delimiter }));

        Assert.That(ex!.Message, Does.StartWith("Das Trennzeichen muss"));
    }

    [Test]
    public void Rejects_export_When_there_are_no_columns()
    {
        Assert.ThrowsAsync<ArgumentException>(() => WriteAsync([], [], new CsvExportOptions()));
    }

    [Test]
    public async Task Writes_same_bytes_When_output_is_pipe_writer()
    {
        var rows = InjectionCases.Select((c, i) => Row(("id", i), ("answer", c.Input))).ToList();
        var (expected, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions());

        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer);
        var count = await CsvEntryWriter.WriteAsync(pipe, AnswerColumns, Async(rows), new CsvExportOptions());
        await pipe.CompleteAsync();

        Assert.That(count, Is.EqualTo(rows.Count));
        Assert.That(buffer.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Parses_back_every_generated_row_When_writing_many_rows()
    {
        var (bytes, count) = await WriteAsync(GeneratedColumns, Generated(3_000), new CsvExportOptions());
        var records = Parse(bytes, ';');

        Assert.That(count, Is.EqualTo(3_000));
        Assert.That(records, Has.Count.EqualTo(3_001));
        Assert.That(records, Has.All.Length.EqualTo(GeneratedColumns.Count));
        Assert.That(records[2], Is.EqualTo(new[]
        {
            "1", "2025-01-02", "'=SUMME(A1:A9)", "Repair-Café; Lastenradverleih", "-1", "Eintrag 1: \"gut\"; weiter so\r\nZeile zwei",
        }));
    }

    [Test]
    public async Task Keeps_memory_constant_and_writes_first_bytes_early_When_writing_200000_rows()
    {
        const int rowCount = 200_000;
        var produced = 0;
        var output = new CountingStream(() => produced);
        var probe = new RetainedMemoryProbe();

        var count = await CsvEntryWriter.WriteAsync(
            output,
            GeneratedColumns,
            Generated(rowCount, i =>
            {
                produced = i;
                if (i % 50_000 == 49_999)
                {
                    probe.Sample();
                }
            }),
            new CsvExportOptions());
        probe.Sample();
        TestContext.Out.WriteLine($"retained growth: {probe.MaxGrowth:N0} bytes, output {output.BytesWritten:N0} bytes");

        Assert.That(count, Is.EqualTo(rowCount));
        Assert.That(output.RowsProducedAtFirstWrite, Is.InRange(0, 999), "the header reaches the stream before the rows are consumed");
        Assert.That(output.BytesWritten, Is.GreaterThan(rowCount * 100L));
        Assert.That(probe.MaxGrowth, Is.LessThan(4 * 1024 * 1024), "retained managed memory while writing");
    }

    private static async Task<(byte[] Bytes, long Count)> WriteAsync(
        IReadOnlyList<ExportColumn> columns, IEnumerable<ExportRow> rows, CsvExportOptions options) =>
        await WriteAsync(columns, Async(rows), options);

    private static async Task<(byte[] Bytes, long Count)> WriteAsync(
        IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<ExportRow> rows, CsvExportOptions options)
    {
        using var output = new MemoryStream();
        var count = await CsvEntryWriter.WriteAsync(output, columns, rows, options);
        return (output.ToArray(), count);
    }

    /// <summary>Reads the CSV back with CsvHelper's RFC 4180 reader, as a standard parser sees it.</summary>
    private static List<string[]> Parse(byte[] bytes, char delimiter)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = CsvReader.Create(text, new CsvReaderOptions { Separator = delimiter, HasHeader = false, TrimWhitespace = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return records;
    }
}
