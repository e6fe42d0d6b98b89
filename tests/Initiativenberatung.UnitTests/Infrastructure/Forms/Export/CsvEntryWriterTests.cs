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
    public async Task Does_NeutralizeFormulaCells_When_TextAnswerStartsWithTrigger(char delimiter)
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
    public async Task Does_QuoteAndDoubleQuotes_When_CellHasQuoteDelimiterNewlineOrOuterSpace()
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
    public async Task Does_QuoteNeutralizedCell_When_ItAlsoNeedsQuoting()
    {
        var rows = new[] { Row(("answer", "=A1;\"x\"")), Row(("answer", "\tTab")) };

        var (bytes, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { IncludeBom = false, Delimiter = '\t' });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.EndWith(
            "\t\"'=A1;\"\"x\"\"\"\t\r\n" +
            "\t\"'\tTab\"\t\r\n"));
    }

    [Test]
    public async Task Does_WriteNegativeNumberBare_When_ColumnIsNumberAndValueIsNumeric()
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
    public async Task Does_WriteBom_When_IncludeBomIsTrue()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", "a"))], new CsvExportOptions());

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes.AsSpan(3)), Does.StartWith("Eintrag;"));
    }

    [Test]
    public async Task Does_OmitBom_When_IncludeBomIsFalse()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", "a"))], new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.StartWith("Eintrag;"));
    }

    [Test]
    public async Task Does_EndEveryRecordWithCrLf_When_OptionsAreDefault()
    {
        var rows = Enumerable.Range(0, 3).Select(i => Row(("id", i), ("answer", "a"), ("rest", "b"))).ToList();

        var (bytes, _) = await WriteAsync(AnswerColumns, rows, new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(
            "Eintrag;Ihre Antwort;Sonstiges\r\n0;a;b\r\n1;a;b\r\n2;a;b\r\n"));
    }

    [TestCase("de-DE")]
    [TestCase("en-US")]
    [TestCase("ar-SA")]
    public async Task Does_WriteIsoDatesAndInvariantNumbers_When_CurrentCultureIs(string culture)
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
    public async Task Does_JoinMultipleChoicesInOneQuotedCell_When_ValueIsAList()
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
    public async Task Does_NeutralizeJoinedChoices_When_FirstChoiceStartsWithTrigger()
    {
        IReadOnlyList<ExportColumn> columns = [new("kinds", "Initiativen", ExportValueKind.MultipleChoice)];

        var (bytes, _) = await WriteAsync(columns, [Row(("kinds", new[] { "-Sonstige", "b" }))], new CsvExportOptions { Delimiter = ',' });

        Assert.That(Parse(bytes, ',')[1], Is.EqualTo(new[] { "'-Sonstige; b" }));
    }

    [Test]
    public async Task Does_WriteCaptions_When_HeaderModeIsCaptions()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [], new CsvExportOptions { HeaderMode = ExportHeaderMode.Captions });

        Assert.That(Parse(bytes, ';'), Has.Count.EqualTo(1));
        Assert.That(Parse(bytes, ';')[0], Is.EqualTo(new[] { "Eintrag", "Ihre Antwort", "Sonstiges" }));
    }

    [Test]
    public async Task Does_WriteAliases_When_HeaderModeIsAliases()
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
    public async Task Does_NeutralizeHeader_When_CaptionStartsWithTrigger()
    {
        IReadOnlyList<ExportColumn> columns = [new("f", "=Frage", ExportValueKind.Text)];

        var (bytes, _) = await WriteAsync(columns, [], new CsvExportOptions());

        Assert.That(Parse(bytes, ';')[0], Is.EqualTo(new[] { "'=Frage" }));
    }

    [Test]
    public async Task Does_LeaveCellEmpty_When_ValueIsMissingOrNull()
    {
        var (bytes, _) = await WriteAsync(AnswerColumns, [Row(("answer", null)), Row()], new CsvExportOptions { IncludeBom = false });

        Assert.That(Encoding.UTF8.GetString(bytes), Does.EndWith("\r\n;;\r\n;;\r\n"));
    }

    [TestCase('|')]
    [TestCase('"')]
    [TestCase('a')]
    public void Does_RejectDelimiter_When_NotSemicolonCommaOrTab(char delimiter)
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(
            () => WriteAsync(AnswerColumns, [], new CsvExportOptions { Delimiter = delimiter }));

        Assert.That(ex!.Message, Does.StartWith("Das Trennzeichen muss"));
    }

    [Test]
    public void Does_RejectExport_When_ThereAreNoColumns()
    {
        Assert.ThrowsAsync<ArgumentException>(() => WriteAsync([], [], new CsvExportOptions()));
    }

    [Test]
    public async Task Does_WriteSameBytes_When_OutputIsPipeWriter()
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
    public async Task Does_ParseBackEveryGeneratedRow_When_WritingManyRows()
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
    public async Task Does_KeepMemoryConstantAndWriteFirstBytesEarly_When_Writing200000Rows()
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
