using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Initiativenberatung.Infrastructure.Forms.Export;
using static Initiativenberatung.UnitTests.Infrastructure.Forms.Export.ExportTestData;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms.Export;

[TestFixture]
public class XlsxEntryWriterTests
{
    private static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("id", "Eintrag", ExportValueKind.Number, "id"),
        new("day", "Eingegangen am", ExportValueKind.Date, "submitted"),
        new("at", "Zeitpunkt", ExportValueKind.Date, "at"),
        new("answer", "Ihre Antwort", ExportValueKind.Text, "answer"),
        new("kinds", "Initiativen", ExportValueKind.MultipleChoice, "kinds"),
        new("rating", "Bewertung", ExportValueKind.Number, "rating"),
    ];

    [Test]
    public async Task Reads_back_same_rows_with_number_and_date_cells_When_opened_with_open_xml_sdk()
    {
        var rows = new[]
        {
            Row(("id", 1), ("day", new DateOnly(2025, 3, 1)), ("at", new DateTime(2025, 3, 1, 14, 5, 9)),
                ("answer", "=HYPERLINK(\"http://x\",\"y\")"), ("kinds", new[] { "Urbane Gärten", "Repair-Café" }), ("rating", -1.5m)),
            Row(("id", 2L), ("answer", "-1")),
            Row(("id", 3), ("answer", " Zeile 1\r\nZeile 2; \"zitiert\" "), ("rating", 4)),
        };

        var (document, count) = await WriteAndOpenAsync(Columns, rows, new XlsxExportOptions());
        using (document)
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var formats = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            var written = sheet.Descendants<Row>().ToList();

            Assert.That(count, Is.EqualTo(3));
            Assert.That(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value, Is.EqualTo("Einträge"));
            Assert.That(written, Has.Count.EqualTo(4));
            Assert.That(written[0].Elements<Cell>().Select(Text), Is.EqualTo(Columns.Select(c => c.Header)));
            Assert.That(formats[(int)written[0].Elements<Cell>().First().StyleIndex!.Value].ApplyFont!.Value, Is.True, "bold header");

            var first = written[1].Elements<Cell>().ToList();
            Assert.That(first.Select(c => c.CellReference!.Value), Is.EqualTo(new[] { "A2", "B2", "C2", "D2", "E2", "F2" }));
            AssertNumber(first[0], 1m);
            AssertDate(first[1], formats, new DateTime(2025, 3, 1), 164U);
            AssertDate(first[2], formats, new DateTime(2025, 3, 1, 14, 5, 9), 165U);
            Assert.That(Text(first[3]), Is.EqualTo("=HYPERLINK(\"http://x\",\"y\")"), "kept exactly as entered");
            Assert.That(first[3].CellFormula, Is.Null);
            Assert.That(Text(first[4]), Is.EqualTo("Urbane Gärten; Repair-Café"));
            AssertNumber(first[5], -1.5m);

            var second = written[2].Elements<Cell>().ToList();
            Assert.That(second.Select(c => c.CellReference!.Value), Is.EqualTo(new[] { "A3", "D3" }), "missing values leave no cell");
            Assert.That(Text(second[1]), Is.EqualTo("-1"));
            Assert.That(second[1].DataType!.Value, Is.EqualTo(CellValues.InlineString));

            var third = written[3].Elements<Cell>().ToList();
            Assert.That(Text(third[1]), Is.EqualTo(" Zeile 1\nZeile 2; \"zitiert\" "), "line break as Excel stores it");
            AssertNumber(third[2], 4m);

            var pane = sheet.Descendants<Pane>().Single();
            Assert.That(pane.State!.Value, Is.EqualTo(PaneStateValues.Frozen));
            Assert.That(pane.VerticalSplit!.Value, Is.EqualTo(1D));
        }
    }

    [Test]
    public async Task Shows_German_dates_without_time_for_days_and_with_time_otherwise_When_dates_are_written()
    {
        IReadOnlyList<ExportColumn> columns = [new("at", "Eingereicht am", ExportValueKind.Date, "at")];
        var rows = new[] { Row(("at", new DateTime(2026, 12, 6))), Row(("at", new DateTime(2026, 12, 6, 9, 30, 15))), Row(("at", new DateOnly(2026, 12, 6))) };

        var (document, _) = await WriteAndOpenAsync(columns, rows, new XlsxExportOptions());
        using (document)
        {
            var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
            var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            var codes = stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
            var cells = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Single()).ToList();

            Assert.That(codes, Is.EqualTo(new Dictionary<uint, string?> { [164U] = "dd.mm.yyyy", [165U] = "dd.mm.yyyy hh:mm" }));
            AssertDate(cells[0], formats, new DateTime(2026, 12, 6), 164U);
            AssertDate(cells[1], formats, new DateTime(2026, 12, 6, 9, 30, 15), 165U);
            AssertDate(cells[2], formats, new DateTime(2026, 12, 6), 164U);
        }
    }

    [Test]
    public async Task Passes_open_xml_validation_When_written()
    {
        var (document, _) = await WriteAndOpenAsync(GeneratedColumns, Generated(50), new XlsxExportOptions());
        using (document)
        {
            var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

            Assert.That(errors, Is.Empty);
        }
    }

    [Test]
    public async Task Writes_aliases_When_header_mode_is_aliases()
    {
        var (document, _) = await WriteAndOpenAsync(Columns, [], new XlsxExportOptions { HeaderMode = ExportHeaderMode.Aliases });
        using (document)
        {
            var header = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Single();

            Assert.That(header.Elements<Cell>().Select(Text), Is.EqualTo(new[] { "id", "submitted", "at", "answer", "kinds", "rating" }));
        }
    }

    [Test]
    public async Task Removes_only_characters_xml_cannot_carry_When_text_has_control_characters()
    {
        IReadOnlyList<ExportColumn> columns = [new("answer", "Antwort", ExportValueKind.Text)];

        var (document, _) = await WriteAndOpenAsync(columns, [Row(("answer", "a\0b\u0001c\td 🚲"))], new XlsxExportOptions());
        using (document)
        {
            var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Last();

            Assert.That(Text(cell), Is.EqualTo("abc\td 🚲"));
        }
    }

    [Test]
    public async Task Writes_date_as_iso_text_When_date_is_before_excel_serial_range()
    {
        IReadOnlyList<ExportColumn> columns = [new("day", "Tag", ExportValueKind.Date)];

        var (document, _) = await WriteAndOpenAsync(columns, [Row(("day", new DateOnly(1899, 12, 31)))], new XlsxExportOptions());
        using (document)
        {
            var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Last();

            Assert.That(Text(cell), Is.EqualTo("1899-12-31"));
        }
    }

    [TestCase("")]
    [TestCase("Einträge/2025")]
    [TestCase("Diese Tabelle hat einen viel zu langen Namen")]
    public void Rejects_sheet_name_When_excel_would_not_accept_it(string name)
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(
            () => XlsxEntryWriter.WriteAsync(Stream.Null, Columns, Async([]), new XlsxExportOptions { SheetName = name }));

        Assert.That(ex!.Message, Does.StartWith("Der Tabellenname"));
    }

    [Test]
    public async Task Keeps_memory_constant_When_writing_50000_rows()
    {
        const int rowCount = 50_000;
        var output = new CountingStream(() => 0);
        var probe = new RetainedMemoryProbe();

        var count = await XlsxEntryWriter.WriteAsync(
            output,
            GeneratedColumns,
            Generated(rowCount, i =>
            {
                if (i % 12_500 == 12_499)
                {
                    probe.Sample();
                }
            }),
            new XlsxExportOptions());
        probe.Sample();
        TestContext.Out.WriteLine($"retained growth: {probe.MaxGrowth:N0} bytes, output {output.BytesWritten:N0} bytes");

        Assert.That(count, Is.EqualTo(rowCount));
        Assert.That(output.BytesWritten, Is.GreaterThan(100_000));
        Assert.That(probe.MaxGrowth, Is.LessThan(4 * 1024 * 1024), "retained managed memory while writing");
    }

    private static async Task<(SpreadsheetDocument Document, long Count)> WriteAndOpenAsync(
        IReadOnlyList<ExportColumn> columns, IEnumerable<ExportRow> rows, XlsxExportOptions options) =>
        await WriteAndOpenAsync(columns, Async(rows), options);

    private static async Task<(SpreadsheetDocument Document, long Count)> WriteAndOpenAsync(
        IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<ExportRow> rows, XlsxExportOptions options)
    {
        var output = new MemoryStream();
        var count = await XlsxEntryWriter.WriteAsync(output, columns, rows, options);
        output.Position = 0;
        return (SpreadsheetDocument.Open(output, isEditable: false), count);
    }

    private static string Text(Cell cell) => cell.InlineString?.Text?.Text ?? string.Empty;

    private static void AssertNumber(Cell cell, decimal expected)
    {
        Assert.That(cell.DataType, Is.Null.Or.Property("Value").EqualTo(CellValues.Number), "a number cell");
        Assert.That(decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    private static void AssertDate(Cell cell, List<CellFormat> formats, DateTime expected, uint numberFormatId)
    {
        Assert.That(cell.DataType, Is.Null, "a number cell holding a serial date");
        Assert.That(formats[(int)cell.StyleIndex!.Value].NumberFormatId!.Value, Is.EqualTo(numberFormatId));
        Assert.That(DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)), Is.EqualTo(expected));
    }
}
