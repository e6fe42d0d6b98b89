using System.Globalization;
using System.Net;
using System.Text;
using global::CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>Entries view, export and results in the back office: Staff and Administrators only, filtered, paged by keyset, exported safely.</summary>
[TestFixture]
public sealed class FormEntriesTests
{
    private const string Editor = "redaktion-entries@example.org";
    private const string Staff = "auswertung-entries@example.org";
    private static readonly string Survey = FormEntriesTestSite.SurveyKey.ToString();

    private static readonly string[] ForbiddenForEditors =
    [
        "/umbraco/forms",
        $"/umbraco/forms/{Survey}/entries",
        $"/umbraco/forms/{Survey}/entries/1",
        $"/umbraco/forms/{Survey}/entries/delete?ids=1",
        $"/umbraco/forms/{Survey}/results",
        $"/umbraco/forms/{Survey}/export?format=csv",
        $"/umbraco/forms/{Survey}/export?format=xlsx",
    ];

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _staff = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        _staff = await _factory.SignedInClientAsync(Staff);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _staff.Dispose();
        _factory.Dispose();
    }

    [TestCaseSource(nameof(ForbiddenForEditors))]
    public async Task Returns_403_When_an_editor_opens_a_forms_page_or_the_export(string path)
    {
        using var editor = await _factory.SignedInClientAsync(Editor);
        using var response = await editor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Returns_403_When_an_editor_posts_the_delete_confirmation()
    {
        var form = await _factory.CreateFormAsync("editor-delete");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));
        var token = BackOfficeTestClient.AntiforgeryToken(await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries/delete?ids={entry.Id}", UriKind.Relative)));
        using var editor = await _factory.SignedInClientAsync(Editor);
        using var response = await editor.PostAsync(new Uri($"/umbraco/forms/{form.Key}/entries/delete", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = entry.Id.ToString(CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = token! }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _factory.CountAsync(form.Key), Is.EqualTo(1));
    }

    [Test]
    public async Task Lists_forms_with_entry_count_When_staff_opens_the_forms_section()
    {
        var form = await _factory.CreateFormAsync("liste");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Bauen"]));

        var html = await _staff.GetStringAsync(new Uri("/umbraco/forms", UriKind.Relative));

        Assert.That(html, Does.Contain("Test liste").And.Contain($"/umbraco/forms/{form.Key}/entries"));
        Assert.That(html, Does.Contain("<td>2</td>"));
    }

    [Test]
    public async Task Shows_only_matching_entries_When_staff_filters_by_free_text()
    {
        var form = await _factory.CreateFormAsync("filter-text");
        var match = await _factory.AppendAsync(form, ("fachbereich", ["Stadtplanung"]));
        var other = await _factory.AppendAsync(form, ("fachbereich", ["Kämmerei"]));

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?q=stadtplan&cols=fachbereich", UriKind.Relative));

        Assert.That(html, Does.Contain($"/entries/{match.Id}\"").And.Contain("Stadtplanung"));
        Assert.That(html, Does.Not.Contain($"/entries/{other.Id}\""));
    }

    [Test]
    public async Task Shows_entries_of_the_last_month_only_When_no_date_range_is_given()
    {
        var form = await _factory.CreateFormAsync("filter-datum");
        await _factory.BulkInsertAsync(form.Key, 1, _ => (DateTime.UtcNow.Date.AddMonths(-3), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", ["Alt-Eintrag"]))));
        await _factory.AppendAsync(form, ("fachbereich", ["Neu-Eintrag"]));

        var recent = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?cols=fachbereich", UriKind.Relative).ToString().Replace("?cols", "?cols", StringComparison.Ordinal));
        var all = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?from=&to=&cols=fachbereich", UriKind.Relative));

        Assert.That(recent, Does.Contain("Neu-Eintrag").And.Not.Contain("Alt-Eintrag"));
        Assert.That(all, Does.Contain("Neu-Eintrag").And.Contain("Alt-Eintrag"));
    }

    [Test]
    public async Task Shows_a_German_message_and_no_500_When_the_date_filter_is_not_a_date()
    {
        var form = await _factory.CreateFormAsync("filter-falsch");
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries?from=gestern&state=Unsinn", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("„Eingereicht ab“ muss ein Datum").And.Contain("„Status“ muss"));
    }

    [Test]
    public async Task Pages_forward_and_back_by_cursor_When_there_are_more_entries_than_one_page()
    {
        var form = await _factory.CreateFormAsync("blaettern");
        var today = DateTime.UtcNow.Date;
        await _factory.BulkInsertAsync(form.Key, 120, i => (today.AddDays(-(i % 10)), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"Nr{i:000}"]))));
        var ids = await EntryIdsNewestFirstAsync(form.Key);

        var first = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries", UriKind.Relative));
        var next = NextLink(first, "next") ?? throw new AssertionException("no next link");
        var second = await _staff.GetStringAsync(new Uri(next, UriKind.Relative));
        var back = NextLink(second, "prev") ?? throw new AssertionException("no previous link");
        var firstAgain = await _staff.GetStringAsync(new Uri(back, UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next, Does.Contain("after=").And.Not.Contain("offset").And.Not.Contain("page="));
            Assert.That(LinkedIds(first), Is.EqualTo(ids.Take(50)));
            Assert.That(LinkedIds(second), Is.EqualTo(ids.Skip(50).Take(50)));
            Assert.That(LinkedIds(firstAgain), Is.EqualTo(ids.Take(50)));
        }
    }

    [Test]
    public async Task Shows_every_answer_with_caption_and_removed_fields_When_staff_opens_an_entry()
    {
        var form = await _factory.CreateFormAsync("detail");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt <b>amt</b>"]), ("initiativen", ["Urbane Gärten", "Foodsharing"]));
        await _factory.BulkInsertAsync(form.Key, 1, _ => (DateTime.UtcNow.Date, FormEntriesTestSite.Json(("altesFeld", "Alte Frage zur Anzahl", ["42"]))));
        var removedId = (await EntryIdsNewestFirstAsync(form.Key)).Max();

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries/{entry.Id}", UriKind.Relative));
        var removed = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries/{removedId}", UriKind.Relative));

        Assert.That(html, Does.Contain("In welchem Fachbereich arbeiten Sie?").And.Contain("Umwelt &lt;b&gt;amt&lt;/b&gt;").And.Contain("<li>Foodsharing</li>"));
        Assert.That(removed, Does.Contain("Alte Frage zur Anzahl").And.Contain("Feld nicht mehr im Formular").And.Contain("42"));
    }

    [Test]
    public async Task Returns_404_When_the_entry_belongs_to_another_form()
    {
        var form = await _factory.CreateFormAsync("fremd-a");
        var other = await _factory.CreateFormAsync("fremd-b");
        var entry = await _factory.AppendAsync(other, ("fachbereich", ["Geheim"]));

        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries/{entry.Id}", UriKind.Relative));
        using var export = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?ids={entry.Id}", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await export.Content.ReadAsStringAsync(), Does.Not.Contain("Geheim"));
    }

    [Test]
    public async Task Deletes_selected_entries_only_after_confirmation_When_staff_confirms()
    {
        var form = await _factory.CreateFormAsync("loeschen");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var b = await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var c = await _factory.AppendAsync(form, ("fachbereich", ["C"]));
        var confirmPath = $"/umbraco/forms/{form.Key}/entries/delete?ids={a.Id}&ids={b.Id}";

        var confirm = await _staff.GetStringAsync(new Uri(confirmPath, UriKind.Relative));
        var countAfterGet = await _factory.CountAsync(form.Key);
        using var response = await _staff.PostFormAsync(confirmPath, new Dictionary<string, string> { ["ids"] = $"{a.Id},{b.Id}" }, $"/umbraco/forms/{form.Key}/entries/delete");

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(confirm, Does.Contain("endgültig gelöscht"));
            Assert.That(countAfterGet, Is.EqualTo(3));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await db.FormEntries.Where(e => e.FormKey == form.Key).Select(e => e.Id).ToListAsync(), Is.EqualTo(new[] { c.Id }));
            Assert.That(await db.AuditEntries.AnyAsync(e => e.EntityKey == form.Key && e.Action == "Delete" && e.UserName == Staff), Is.True);
        }
    }

    [Test]
    public async Task Returns_400_without_deleting_When_the_delete_post_has_no_antiforgery_token()
    {
        var form = await _factory.CreateFormAsync("loeschen-ohne-token");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        using var response = await _staff.PostAsync(new Uri($"/umbraco/forms/{form.Key}/entries/delete", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = a.Id.ToString(CultureInfo.InvariantCulture) }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _factory.CountAsync(form.Key), Is.EqualTo(1));
    }

    [Test]
    public async Task Parses_back_to_neutralized_values_with_all_columns_When_answers_contain_formula_triggers()
    {
        var form = await _factory.CreateFormAsync("injektion");
        string[] nasty = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@x", "\tTab", "Zitat \"a\"", "a;b", "Zeile1\r\nZeile2"];
        foreach (var value in nasty)
        {
            await _factory.AppendAsync(form, ("fachbereich", [value]), ("initiativen", ["Urbane Gärten", "Foodsharing"]));
        }

        var csv = await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=");
        var rows = ParseCsv(csv);
        var header = rows[0];
        var column = Array.IndexOf(header, "In welchem Fachbereich arbeiten Sie?");
        var choices = Array.IndexOf(header, "Mit welchen Arten von Initiativen arbeitet Ihre Kommune zusammen?");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows, Has.Count.EqualTo(nasty.Length + 1));
            Assert.That(rows.Select(r => r.Length).Distinct(), Is.EqualTo(new[] { header.Length }));
            Assert.That(header[..2], Is.EqualTo(new[] { "Eintrag", "Eingereicht am" }));
            Assert.That(rows.Skip(1).Select(r => r[column]), Is.EqualTo(new[]
            {
                "'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-1", "'@x", "'\tTab", "Zitat \"a\"", "a;b", "Zeile1\r\nZeile2",
            }));
            Assert.That(rows[1][choices], Is.EqualTo("Urbane Gärten; Foodsharing"));
            Assert.That(rows[1][1], Does.Match(@"^\d{4}-\d{2}-\d{2}T00:00:00$"));
        }
    }

    [Test]
    public async Task Has_the_same_rows_as_the_csv_When_exported_as_xlsx()
    {
        var form = await _factory.CreateFormAsync("xlsx");
        await _factory.AppendAsync(form, ("fachbereich", ["=1+1"]), ("initiativen", ["Foodsharing"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));

        var csv = ParseCsv(await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&from=&to="));
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=xlsx&from=&to=", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(CellText).ToArray()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            Assert.That(rows, Has.Count.EqualTo(csv.Count));
            Assert.That(rows[0], Is.EqualTo(csv[0]));
            Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(csv.Skip(1).Select(r => r[0])));
            Assert.That(rows[1], Does.Contain("=1+1"), "XLSX keeps text as inline strings; never evaluated");
        }
    }

    [Test]
    public async Task Exports_only_those_rows_When_ids_are_selected()
    {
        var form = await _factory.CreateFormAsync("auswahl");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var c = await _factory.AppendAsync(form, ("fachbereich", ["C"]));

        var rows = ParseCsv(await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&ids={a.Id}&ids={c.Id}"));

        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { a.Id.ToString(CultureInfo.InvariantCulture), c.Id.ToString(CultureInfo.InvariantCulture) }));
    }

    [Test]
    public async Task Exports_only_matching_rows_When_the_filter_of_the_list_is_given()
    {
        var form = await _factory.CreateFormAsync("export-filter");
        var match = await _factory.AppendAsync(form, ("fachbereich", ["Grünflächenamt"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Ordnungsamt"]));
        await _factory.BulkInsertAsync(form.Key, 1, _ => (DateTime.UtcNow.Date.AddYears(-1), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", ["Grünflächenamt alt"]))));

        var rows = ParseCsv(await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&q=Grünfläche"));

        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { match.Id.ToString(CultureInfo.InvariantCulture) }), "text filter and the default date range (last month)");
    }

    [Test]
    public async Task Keeps_no_answer_columns_on_the_next_page_When_staff_hides_all_columns()
    {
        var form = await _factory.CreateFormAsync("spalten");
        await _factory.BulkInsertAsync(form.Key, 60, i => (DateTime.UtcNow.Date, FormEntriesTestSite.Json(("fachbereich", "Fachbereich", ["Sichtbar?"]))));

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?cols=", UriKind.Relative));
        var next = System.Text.RegularExpressions.Regex.Match(html, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value;
        var second = await _staff.GetStringAsync(new Uri(WebUtility.HtmlDecode(next), UriKind.Relative));

        Assert.That(html, Does.Not.Contain("<th scope=\"col\">In welchem Fachbereich"));
        Assert.That(second, Does.Not.Contain("<th scope=\"col\">In welchem Fachbereich"));
    }

    [Test]
    public async Task Exports_answers_under_their_old_caption_When_the_field_was_removed_from_the_form()
    {
        var form = await _factory.CreateFormAsync("entfernt");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("erfahrungen", ["Gute Erfahrungen"]));
        foreach (var formColumn in form.Pages.SelectMany(p => p.Fieldsets).SelectMany(s => s.Columns))
        {
            formColumn.Fields.RemoveAll(f => f.Alias == "erfahrungen");
        }

        await _factory.SaveFormAsync(form);
        var rows = ParseCsv(await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=&headers=captions"));
        var column = Array.IndexOf(rows[0], "Möchten Sie uns noch etwas zu Ihren Erfahrungen mitteilen?");

        Assert.That(column, Is.GreaterThan(1));
        Assert.That(rows[1][column], Is.EqualTo("Gute Erfahrungen"));
    }

    [Test]
    public async Task Names_the_file_after_the_alias_and_today_with_a_BOM_and_semicolons_When_exporting_csv()
    {
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{Survey}/export?format=csv", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo($"kommunen-umfrage-{today}.csv"));
            Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
            Assert.That(Encoding.UTF8.GetString(bytes), Does.StartWith("\uFEFFEintrag;Eingereicht am;").And.Contain("\r\n"));
        }
    }

    [TestCase("format=pdf")]
    [TestCase("format=csv&delimiter=x")]
    [TestCase("format=csv&headers=egal")]
    [TestCase("format=csv&from=morgen")]
    public async Task Returns_400_with_a_German_message_When_export_parameters_are_invalid(string query)
    {
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{Survey}/export?{query}", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("muss"));
    }

    [Test]
    public async Task Uses_commas_and_aliases_When_requested()
    {
        var form = await _factory.CreateFormAsync("komma");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));

        var csv = await ExportCsvAsync($"/umbraco/forms/{form.Key}/export?format=csv&delimiter=,&headers=aliases&from=&to=");

        Assert.That(csv, Does.StartWith("id,submittedOn,state,gemeindegroesse,fachbereich,"));
    }

    [Test]
    public async Task Shows_bar_charts_with_counts_and_a_table_When_staff_opens_the_results()
    {
        var form = await _factory.CreateFormAsync("auswertung");
        await _factory.AppendAsync(form, ("initiativen", ["Urbane Gärten", "Foodsharing"]));
        await _factory.AppendAsync(form, ("initiativen", ["Foodsharing"]));
        await _factory.AppendAsync(form, ("gemeindegroesse", ["unter 20.000 Einwohner"]));

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/results", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("role=\"img\"").And.Contain("<title id=\"chart-"));
            Assert.That(html, Does.Contain("2 (66,7 %)"), "Foodsharing: 2 of all 3 entries");
            Assert.That(html, Does.Contain("<th scope=\"row\">Foodsharing</th><td>2</td><td>66,7 %</td>"));
            Assert.That(html, Does.Contain("3 Einträge insgesamt."));
        }
    }

    [Test]
    public async Task Shows_shares_of_all_entries_and_how_many_answered_When_one_of_three_entries_answered_a_multiple_choice()
    {
        var form = await _factory.CreateFormAsync("auswertung-anteile");
        await _factory.AppendAsync(form, ("initiativen", ["Urbane Gärten", "Foodsharing"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Bauen"]));

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/results", UriKind.Relative));
        var question = html[html.IndexOf("Mit welchen Arten von Initiativen", StringComparison.Ordinal)..];
        question = question[..question.IndexOf("</section>", StringComparison.Ordinal)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(question, Does.Contain("<th scope=\"row\">Foodsharing</th><td>1</td><td>33,3 %</td>"));
            Assert.That(question, Does.Contain("<th scope=\"row\">Urbane Gärten</th><td>1</td><td>33,3 %</td>"));
            Assert.That(question, Does.Contain("<th scope=\"row\">Keine Antwort</th><td>2</td><td>66,7 %</td>"));
            Assert.That(question, Does.Contain("Beantwortet: 1 von 3 Einträgen.").And.Contain("Die Anteile beziehen sich auf alle 3 Einträge"));
            Assert.That(question, Does.Not.Contain("50 %"));
        }
    }

    private async Task<List<long>> EntryIdsNewestFirstAsync(Guid formKey)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.Where(e => e.FormKey == formKey).OrderByDescending(e => e.SubmittedOn).ThenByDescending(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private async Task<string> ExportCsvAsync(string path)
    {
        using var response = await _staff.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
    }

    internal static List<string[]> ParseCsv(string csv, char delimiter = ';')
    {
        using var reader = CsvReader.Create(new StringReader(csv), new CsvReaderOptions { Separator = delimiter, HasHeader = false, TrimWhitespace = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    private static string CellText(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";

    private static string? NextLink(string html, string rel) =>
        System.Text.RegularExpressions.Regex.Match(html, $"rel=\"{rel}\" href=\"([^\"]+)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static List<long> LinkedIds(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "name=\"ids\" value=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
}
