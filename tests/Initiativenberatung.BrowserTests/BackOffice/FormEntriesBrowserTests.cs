using System.Text;
using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>The staff journey in Chromium: sign in as Staff, filter the survey's entries, export CSV and find the answer in the file; axe on list, detail and results.</summary>
[TestFixture]
public sealed class FormEntriesBrowserTests
{
    private const string Email = "auswertung-browser@example.org";
    private const string Password = "Kreishaus-Tabelle-2026!";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    [OneTimeSetUp]
    public Task CreateStaff() => BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Staff, "Auswertung (Browsertest)");

    [Test]
    public async Task Downloads_a_csv_with_the_submitted_answer_When_staff_filters_the_entries_and_exports()
    {
        var marker = "Stadtgrün " + Guid.NewGuid().ToString("N")[..8];
        await AppendAsync(("fachbereich", [marker]), ("initiativen", ["Urbane Gärten", "Foodsharing"]));
        await AppendAsync(("fachbereich", ["Anderer Fachbereich"]));
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync("/umbraco/forms");
        await page.GetByRole(AriaRole.Link, new() { Name = "Umfrage: Zusammenarbeit von Kommunen und Initiativen" }).ClickAsync();
        await page.GetByLabel("Freitextsuche in den Antworten").FillAsync(marker);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter anwenden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        var rows = page.Locator("table.ib-entries tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(1));
        Assert.That(await rows.First.InnerTextAsync(), Does.Contain(marker));

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Gefilterte Einträge exportieren" }).ClickAsync());
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path, Encoding.UTF8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(download.SuggestedFilename, Does.Match(@"^kommunen-umfrage-\d{4}-\d{2}-\d{2}\.csv$"));
            Assert.That(csv, Does.Contain(marker).And.Contain("Urbane Gärten; Foodsharing"));
            Assert.That(csv, Does.Not.Contain("Anderer Fachbereich"));
        }
    }

    [Test]
    public async Task Shows_progress_to_the_full_count_and_saves_every_row_When_staff_exports_300_entries_with_javascript()
    {
        var marker = "Fortschritt " + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 300; i++)
        {
            await AppendAsync(("fachbereich", [$"{marker} {i}"]), ("erfahrungen", ["Zeile mit \"Anführungszeichen\"\nund Umbruch"]));
        }

        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);
        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries?from=&to=&q={Uri.EscapeDataString(marker)}");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Gefilterte Einträge exportieren" }).ClickAsync());
        var progress = page.Locator("progress.ib-export-progress[data-complete='true']");
        await progress.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var status = page.Locator("[data-ib-export-status]");
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        var records = System.Text.RegularExpressions.Regex.Count(csv, System.Text.RegularExpressions.Regex.Escape(marker) + " \\d+");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await progress.GetAttributeAsync("data-total"), Is.EqualTo("300"), "N = the filtered count the page shows");
            Assert.That(await progress.GetAttributeAsync("data-rows"), Is.EqualTo("300"), "n counted from the CSV stream (quoted line breaks are not records)");
            Assert.That(await progress.EvaluateAsync<double>("p => p.value / p.max"), Is.EqualTo(1));
            Assert.That(await status.GetAttributeAsync("aria-live"), Is.EqualTo("polite"));
            Assert.That(await status.InnerTextAsync(), Is.EqualTo("Export fertig: 300 Einträge."));
            Assert.That(download.SuggestedFilename, Does.Match(@"^kommunen-umfrage-\d{4}-\d{2}-\d{2}\.csv$"));
            Assert.That(records, Is.EqualTo(300));
            Assert.That(page.Url, Does.Contain("/entries"), "the page stays; the file is saved by the script");
        }

        // "All entries": the page does not know that count, so the script asks the server (X-Entry-Count).
        var all = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Alle Einträge als CSV exportieren" }).ClickAsync());
        await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Export fertig: [0-9.]+ Einträge\\.$"));
        var allCsv = await File.ReadAllTextAsync(await all.PathAsync(), Encoding.UTF8);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(int.Parse(await progress.GetAttributeAsync("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(300));
            Assert.That(await progress.GetAttributeAsync("data-rows"), Is.EqualTo(await progress.GetAttributeAsync("data-total")));
            Assert.That(System.Text.RegularExpressions.Regex.Count(allCsv, System.Text.RegularExpressions.Regex.Escape(marker) + " \\d+"), Is.EqualTo(300));
        }
    }

    [Test]
    public async Task Approves_an_entry_and_finds_it_under_the_approved_filter_When_staff_uses_the_detail_view()
    {
        var marker = "Freigabe " + Guid.NewGuid().ToString("N")[..8];
        var entry = await AppendAsync(("fachbereich", [marker]));
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries/{entry.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Freigeben" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=state", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Status geändert.");
        await AssertAccessibleAsync(page, "Eintrag nach Freigabe");
        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries?from=&to=&q={Uri.EscapeDataString(marker)}");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Approved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter anwenden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("state=Approved", StringComparison.Ordinal));

        var rows = page.Locator("table.ib-entries tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(1));
        Assert.That(await rows.First.InnerTextAsync(), Does.Contain(marker).And.Contain("Freigegeben"));
    }

    [Test]
    public async Task Has_no_serious_axe_violations_When_staff_views_entries_list_detail_and_results()
    {
        var entry = await AppendAsync(("fachbereich", ["Umweltamt"]), ("bewertung", ["2 – gut"]), ("initiativen", ["Reparatur-Cafés"]));
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries");
        await AssertAccessibleAsync(page, "Einträge");
        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries/{entry.Id}");
        await AssertAccessibleAsync(page, "Eintrag");
        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/results");
        await AssertAccessibleAsync(page, "Auswertung");
        await page.GotoAsync("/umbraco/forms");
        await AssertAccessibleAsync(page, "Formulare");
    }

    [Test]
    public async Task Approves_the_ticked_entry_When_staff_uses_the_bulk_button_with_the_default_filter()
    {
        var marker = "Sammelfreigabe " + Guid.NewGuid().ToString("N")[..8];
        var entry = await AppendAsync(("fachbereich", [marker]));
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/entries");
        Assert.That(await page.GetByLabel("Eingereicht bis (JJJJ-MM-TT)").InputValueAsync(), Is.Not.Empty, "the default filter of the last month is active");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Eintrag {entry.Id} auswählen" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ausgewählte freigeben" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Einträge freigeben" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Der ausgewählte Eintrag erhält den Status „Freigegeben“.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "Freigabe bestätigen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Freigeben" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=state", StringComparison.Ordinal));

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Status von 1 Eintrag geändert.");
        var row = page.Locator("table.ib-entries tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }) });
        Assert.That(await row.InnerTextAsync(), Does.Contain("Freigegeben"));
        await AssertAccessibleAsync(page, "Einträge nach Sammelfreigabe");
    }

    [Test]
    public async Task Shows_shares_of_all_entries_and_how_many_answered_When_staff_opens_the_results()
    {
        await AppendAsync(("initiativen", ["Foodsharing"]));
        await AppendAsync(("fachbereich", ["Ohne Initiativen"]));
        var (total, answered, foodsharing) = await CountAsync("initiativen", "Foodsharing");
        var de = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync($"/umbraco/forms/{SurveyKey}/results");
        var section = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Mit welchen Arten von Initiativen arbeitet Ihre Kommune zusammen?" }) });
        var cells = await section.GetByRole(AriaRole.Row, new() { Name = "Foodsharing" }).Locator("td").AllInnerTextsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answered, Is.LessThan(total), "some entries did not answer the question");
            Assert.That(cells, Is.EqualTo(new[] { foodsharing.ToString("N0", de), (100.0 * foodsharing / total).ToString("0.#", de) + " %" }));
            Assert.That(await section.InnerTextAsync(), Does.Contain($"Beantwortet: {answered.ToString("N0", de)} von {total.ToString("N0", de)} Einträgen.")
                .And.Contain($"Die Anteile beziehen sich auf alle {total.ToString("N0", de)} Einträge"));
        }

        await AssertAccessibleAsync(page, "Auswertung mit Anteilen");
    }

    [Test]
    public async Task Shows_a_German_error_inside_the_back_office_When_staff_opens_an_address_that_does_not_exist()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        var response = await page.GotoAsync("/umbraco/forms/gibt-es-nicht");

        Assert.That(response!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seite nicht gefunden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Bereiche" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Fehlerkennung für Rückfragen:")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "Fehlerseite");
    }

    /// <summary>Entries of the survey, those that answered <paramref name="alias"/>, and those that chose <paramref name="option"/>.</summary>
    private static async Task<(int Total, int Answered, int Chose)> CountAsync(string alias, string option)
    {
        var (total, answered, chose) = (0, 0, 0);
        await foreach (var entry in BrowserSite.Services.GetRequiredService<FormEntryStore>().ReadAsync(SurveyKey))
        {
            total++;
            if (FormEntryValues.Deserialize(entry.ValuesJson).TryGetValue(alias, out var value) && value.Values.Count > 0)
            {
                answered++;
                chose += value.Values.Contains(option) ? 1 : 0;
            }
        }

        return (total, answered, chose);
    }

    private static async Task<FormEntry> AppendAsync(params (string Alias, string[] Values)[] answers)
    {
        var form = await BrowserSite.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey) ?? throw new AssertionException("survey missing");
        return await BrowserSite.Services.GetRequiredService<FormEntryStore>().AppendAsync(form, answers.Select(a =>
            KeyValuePair.Create(a.Alias, new FormEntryValue(form.FindField(a.Alias)!.Caption, a.Values))));
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (violations.Count > serious.Count)
        {
            await TestContext.Progress.WriteLineAsync(Axe.Describe(what + " (minor/moderate, not failing)", page.Url, [.. violations.Except(serious)]));
        }

        Assert.That(serious, Is.Empty, () => Axe.Describe(what, page.Url, serious));
    }
}
