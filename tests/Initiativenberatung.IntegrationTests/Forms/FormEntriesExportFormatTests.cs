using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>What a staff member sees in the exported files: the state, consents as Ja/Nein, ratings as numbers, German dates in XLSX.</summary>
[TestFixture]
public sealed class FormEntriesExportFormatTests
{
    private const string Staff = "auswertung-export@example.org";
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _staff = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        _staff = await _factory.SignedInClientAsync(Staff);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _staff.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Exports_the_state_and_the_consent_as_Ja_When_staff_exports_CSV()
    {
        var form = await _factory.CreateFormAsync("export-status");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("bewertung", ["4"]), ("einwilligung", ["true"]));

        var csv = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv", UriKind.Relative));
        var rows = FormEntriesTests.ParseCsv(csv.TrimStart('\uFEFF'));
        var header = rows[0].ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(header.Take(3), Is.EqualTo(new[] { "Eintrag", "Eingereicht am", "Status" }));
            Assert.That(rows[1][header.IndexOf("Status")], Is.EqualTo("Eingegangen"));
            Assert.That(rows[1][header.Count - 1], Is.EqualTo("Ja"), "consent, the survey's last field");
            Assert.That(rows[1], Has.None.EqualTo("true"));
            Assert.That(rows[1][header.FindIndex(h => h.StartsWith("Wie bewerten", StringComparison.Ordinal))], Is.EqualTo("4"));
        }
    }

    [Test]
    public async Task Writes_ratings_as_number_cells_and_the_day_as_a_German_date_cell_When_staff_exports_XLSX()
    {
        var form = await _factory.CreateFormAsync("export-xlsx");
        await _factory.AppendAsync(form, ("bewertung", ["4"]), ("einwilligung", ["true"]));

        var bytes = await _staff.GetByteArrayAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=xlsx", UriKind.Relative));
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var codes = document.WorkbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var rows = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        var cells = rows[1].Elements<Cell>().ToDictionary(c => header[ColumnIndex(c.CellReference!.Value!)]);
        var rating = cells[header.First(h => h.StartsWith("Wie bewerten", StringComparison.Ordinal))];
        var submitted = cells["Eingereicht am"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rating.DataType, Is.Null, "a number cell");
            Assert.That(rating.CellValue!.Text, Is.EqualTo("4"));
            Assert.That(submitted.DataType, Is.Null, "a date cell");
            Assert.That(codes[formats[(int)submitted.StyleIndex!.Value].NumberFormatId!.Value], Is.EqualTo("dd.mm.yyyy"), "day precision: no time");
            Assert.That(DateTime.FromOADate(double.Parse(submitted.CellValue!.Text, CultureInfo.InvariantCulture)), Is.EqualTo(DateTime.UtcNow.Date));
            Assert.That(cells["Status"].InnerText, Is.EqualTo("Eingegangen"));
            Assert.That(cells.Values.Select(c => c.InnerText), Has.Some.EqualTo("Ja").And.None.EqualTo("true"));
        }
    }

    [Test]
    public async Task Shows_the_consent_as_Ja_When_staff_opens_the_entries_list_and_the_entry()
    {
        var form = await _factory.CreateFormAsync("einwilligung-anzeige");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("einwilligung", ["true"]));

        var list = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?cols=einwilligung", UriKind.Relative));
        var detail = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries/{entry.Id}", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list, Does.Contain("<td>Ja</td>").And.Not.Contain("<td>true</td>"));
            Assert.That(detail, Does.Contain("<span class=\"ib-answer\">Ja</span>").And.Not.Contain(">true<"));
        }
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var letter in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (letter - 'A' + 1);
        }

        return index - 1;
    }
}
