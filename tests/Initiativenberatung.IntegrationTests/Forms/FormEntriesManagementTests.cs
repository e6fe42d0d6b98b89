using Initiativenberatung.Core.Auditing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.IntegrationTests.Settings;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>Export columns from the field catalogue, sortable columns, entry states and deleting a form.</summary>
[TestFixture]
public sealed partial class FormEntriesManagementTests
{
    private const string Admin = "admin-manage@example.org";
    private const string Editor = "redaktion-manage@example.org";
    private const string Staff = "auswertung-manage@example.org";
    private CmsWebApplicationFactory _factory = null!;
    private string _usyncFolder = null!;
    private HttpClient _staff = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = SettingsTestSite.Create("Settings", out _usyncFolder);
        _factory.CreateClient().Dispose();
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        _staff = await _factory.SignedInClientAsync(Staff);
        _admin = await _factory.SignedInClientAsync(Admin);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _staff.Dispose();
        _admin.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Reads_the_columns_from_the_catalogue_without_scanning_entries_When_exporting_a_form_with_a_removed_field()
    {
        var form = await _factory.CreateFormAsync("katalog");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("erfahrungen", ["Alt"]));
        foreach (var column in form.Pages.SelectMany(p => p.Fieldsets).SelectMany(s => s.Columns))
        {
            column.Fields.RemoveAll(f => f.Alias == "erfahrungen");
        }

        await _factory.SaveFormAsync(form);
        await _factory.AppendAsync(form, ("fachbereich", ["Bauen"]));

        var before = _factory.SqlCommands.Count;
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative));
        var texts = _factory.SqlCommands.RecentTexts.TakeLast(_factory.SqlCommands.Count - before).ToList();
        var rows = FormEntriesTests.ParseCsv(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        var removed = Array.IndexOf(rows[0], "Möchten Sie uns noch etwas zu Ihren Erfahrungen mitteilen?");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Has.None.Contains("json_each"), string.Join("\n---\n", texts));
            Assert.That(texts, Has.Some.Contains("FormEntryFields"));
            Assert.That(removed, Is.GreaterThan(1));
            Assert.That(rows.Skip(1).Select(r => r[removed]), Is.EquivalentTo(new[] { "Alt", "" }));
        }
    }

    [Test]
    public async Task Writes_the_catalogue_only_for_new_aliases_When_entries_are_appended()
    {
        var form = await _factory.CreateFormAsync("katalog-schreiben");
        await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var before = _factory.SqlCommands.Count;
        await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var repeated = _factory.SqlCommands.RecentTexts.TakeLast(_factory.SqlCommands.Count - before).ToList();
        await _factory.AppendAsync(form, ("fachbereich", ["C"]), ("erfahrungen", ["neu"]));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(repeated, Has.None.Contains("FormEntryFields"), string.Join("\n---\n", repeated));
            Assert.That(await db.FormEntryFields.Where(f => f.FormKey == form.Key).OrderBy(f => f.Id).Select(f => f.Alias).ToListAsync(),
                Is.EqualTo(new[] { "fachbereich", "erfahrungen" }));
        }
    }

    [Test]
    public async Task Sends_the_first_csv_line_within_a_second_When_the_form_has_200000_entries()
    {
        var form = await _factory.CreateFormAsync("erstes-byte");
        await _factory.BulkInsertAsync(form.Key, 200_000, i => (DateTime.UtcNow.Date.AddDays(-(i % 30)),
            FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"Bereich {i}"]), ("alt" + (i % 7).ToString(CultureInfo.InvariantCulture), "Alte Frage " + (i % 7).ToString(CultureInfo.InvariantCulture), ["x"]))));

        var watch = Stopwatch.StartNew();
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var header = await reader.ReadLineAsync();
        var first = await reader.ReadLineAsync();
        var elapsed = watch.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(header, Does.Contain("Alte Frage 6"));
            Assert.That(first, Does.Contain("Bereich"));
        }
    }

    [Test]
    public async Task Sends_the_entry_count_header_only_When_the_progress_script_asks_for_it()
    {
        var form = await _factory.CreateFormAsync("zaehlen");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var b = await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        await _factory.AppendAsync(form, ("fachbereich", ["C"]));
        using var plain = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative));
        using var all = new HttpRequestMessage(HttpMethod.Get, new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative));
        all.Headers.Add("X-Want-Entry-Count", "1");
        using var allResponse = await _staff.SendAsync(all);
        using var selected = new HttpRequestMessage(HttpMethod.Get, new Uri($"/umbraco/forms/{form.Key}/export?format=xlsx&ids={a.Id},{b.Id}", UriKind.Relative));
        selected.Headers.Add("X-Want-Entry-Count", "1");
        using var selectedResponse = await _staff.SendAsync(selected);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Headers.Contains("X-Entry-Count"), Is.False);
            Assert.That(allResponse.Headers.GetValues("X-Entry-Count"), Is.EqualTo(new[] { "3" }));
            Assert.That(selectedResponse.Headers.GetValues("X-Entry-Count"), Is.EqualTo(new[] { "2" }));
        }
    }

    [Test]
    public async Task Sorts_by_id_both_ways_with_aria_sort_and_keyset_pages_When_staff_clicks_the_id_header()
    {
        var form = await _factory.CreateFormAsync("sortieren-id");
        var today = DateTime.UtcNow.Date;

        // Ids and dates disagree on purpose: id order must not be date order.
        await _factory.BulkInsertAsync(form.Key, 120, i => (today.AddDays(-(i % 5)), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"E{i}"]))));
        var all = await IdsAsync(form.Key);

        var list = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries", UriKind.Relative));
        var idHeader = SortLink(list, "id");
        var desc = await _staff.GetStringAsync(new Uri(idHeader, UriKind.Relative));
        var descPage2 = await _staff.GetStringAsync(new Uri(Link(desc, "next")!, UriKind.Relative));
        var descPage3 = await _staff.GetStringAsync(new Uri(Link(descPage2, "next")!, UriKind.Relative));
        var back = await _staff.GetStringAsync(new Uri(Link(descPage3, "prev")!, UriKind.Relative));
        var asc = await _staff.GetStringAsync(new Uri(SortLink(desc, "id"), UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Regex.IsMatch(list, "aria-sort=\"descending\">\\s*<a class=\"ib-sort\"[^>]*data-sort-column=\"date\""), Is.True, "date is the default sort");
            Assert.That(idHeader, Does.Contain("sort=id-desc"));
            Assert.That(Regex.IsMatch(desc, "aria-sort=\"descending\">\\s*<a class=\"ib-sort\"[^>]*data-sort-column=\"id\""), Is.True);
            Assert.That(Ids(desc).Concat(Ids(descPage2)).Concat(Ids(descPage3)), Is.EqualTo(all.OrderDescending()));
            Assert.That(Ids(back), Is.EqualTo(Ids(descPage2)));
            Assert.That(Ids(asc), Is.EqualTo(all.Order().Take(50)));
            Assert.That(Regex.IsMatch(asc, "aria-sort=\"ascending\">\\s*<a class=\"ib-sort\"[^>]*data-sort-column=\"id\""), Is.True);
        }
    }

    [Test]
    public async Task Lists_approved_entries_together_across_pages_When_sorted_by_state()
    {
        var form = await _factory.CreateFormAsync("sortieren-status");
        await _factory.BulkInsertAsync(form.Key, 70, i => (DateTime.UtcNow.Date.AddDays(-(i % 3)), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"E{i}"]))));
        var all = await IdsAsync(form.Key);
        var approved = all.Where((_, i) => i % 3 == 0).ToList();
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync())
        {
            await db.FormEntries.Where(e => approved.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.State, FormEntryState.Approved));
        }

        var before = _factory.SqlCommands.Count;
        var page1 = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?sort=state-desc", UriKind.Relative));
        var texts = _factory.SqlCommands.RecentTexts.TakeLast(_factory.SqlCommands.Count - before).ToList();
        var page2 = await _staff.GetStringAsync(new Uri(Link(page1, "next")!, UriKind.Relative));
        var back = await _staff.GetStringAsync(new Uri(Link(page2, "prev")!, UriKind.Relative));
        var ordered = Ids(page1).Concat(Ids(page2)).ToList();
        before = _factory.SqlCommands.Count;
        var filtered = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?state=Approved", UriKind.Relative));
        var filteredTexts = _factory.SqlCommands.RecentTexts.TakeLast(_factory.SqlCommands.Count - before).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts.Count(t => t.Contains("INDEXED BY \"IX_FormEntries_FormKey_State_SubmittedOn_Id\"", StringComparison.Ordinal)), Is.EqualTo(2),
                "one index seek per state (SQLite would otherwise scan the date range for each state)");
            Assert.That(filteredTexts.Count(t => t.Contains("INDEXED BY", StringComparison.Ordinal)), Is.EqualTo(2), "page and count of a state filter seek the state index");
            Assert.That(Ids(filtered), Is.EquivalentTo(approved));
            Assert.That(ordered, Has.Count.EqualTo(70));
            Assert.That(ordered.Take(approved.Count), Is.EquivalentTo(approved));
            Assert.That(ordered, Is.Unique);
            Assert.That(Ids(back), Is.EqualTo(Ids(page1)));
            Assert.That(Regex.IsMatch(page1, "aria-sort=\"descending\">\\s*<a class=\"ib-sort\"[^>]*data-sort-column=\"state\""), Is.True);
        }
    }

    [Test]
    public async Task Approves_and_resets_one_entry_with_an_audit_entry_When_staff_uses_the_detail_view()
    {
        var form = await _factory.CreateFormAsync("status-einzeln");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));
        var path = $"/umbraco/forms/{form.Key}/entries/{entry.Id}";

        using var approve = await _staff.PostFormAsync(path, new Dictionary<string, string> { ["state"] = "Approved" }, path + "?handler=State");
        var afterApprove = await StateAsync(entry.Id);
        var page = await _staff.GetStringAsync(new Uri(path + "?done=state", UriKind.Relative));
        var filtered = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?state=Approved", UriKind.Relative));
        using var reset = await _staff.PostFormAsync(path, new Dictionary<string, string> { ["state"] = "Submitted" }, path + "?handler=State");

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(afterApprove, Is.EqualTo(FormEntryState.Approved));
            Assert.That(page, Does.Contain("Freigegeben").And.Contain("Auf „Eingegangen“ zurücksetzen"));
            Assert.That(Ids(filtered), Is.EqualTo(new[] { entry.Id }));
            Assert.That(await StateAsync(entry.Id), Is.EqualTo(FormEntryState.Submitted));
            Assert.That(await db.AuditEntries.CountAsync(a => a.EntityKey == form.Key && a.Action == "State" && a.UserName == Staff), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Approves_only_the_selected_entries_after_confirmation_When_staff_selects_entries_in_the_list()
    {
        var form = await _factory.CreateFormAsync("status-auswahl");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var b = await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var c = await _factory.AppendAsync(form, ("fachbereich", ["C"]));
        var list = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries", UriKind.Relative));
        var confirmPath = $"/umbraco/forms/{form.Key}/entries/state?target=Approved&ids={a.Id}&ids={c.Id}";

        var confirm = await _staff.GetStringAsync(new Uri(confirmPath, UriKind.Relative));
        var unchanged = await StateAsync(a.Id);
        using var response = await _staff.PostFormAsync(confirmPath, new Dictionary<string, string> { ["target"] = "Approved", ["ids"] = $"{a.Id},{c.Id}" },
            $"/umbraco/forms/{form.Key}/entries/state");
        var done = await _staff.GetStringAsync(new Uri(response.Headers.Location!.OriginalString, UriKind.Relative));
        var approvedList = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?state=Approved", UriKind.Relative));
        var submittedList = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?state=Submitted", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list, Does.Contain("formaction=\"/umbraco/forms/" + form.Key + "/entries/state\" name=\"target\" value=\"Approved\""));
            Assert.That(confirm, Does.Contain("2 ausgewählte Einträge erhalten den Status „Freigegeben“"));
            Assert.That(unchanged, Is.EqualTo(FormEntryState.Submitted));
            Assert.That(done, Does.Contain("Status von 2 Einträgen geändert."));
            Assert.That(Ids(approvedList), Is.EquivalentTo(new[] { a.Id, c.Id }));
            Assert.That(Ids(submittedList), Is.EqualTo(new[] { b.Id }));
        }
    }

    [Test]
    public async Task Rejects_a_state_change_When_the_token_is_missing_or_the_user_is_an_editor()
    {
        var form = await _factory.CreateFormAsync("status-verboten");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var fields = new Dictionary<string, string> { ["target"] = "Approved", ["ids"] = entry.Id.ToString(CultureInfo.InvariantCulture) };
        using var noToken = await _staff.PostAsync(new Uri($"/umbraco/forms/{form.Key}/entries/state", UriKind.Relative), new FormUrlEncodedContent(fields));
        using var editor = await _factory.SignedInClientAsync(Editor);
        using var editorGet = await editor.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries/state?target=Approved&ids={entry.Id}", UriKind.Relative));
        using var badState = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries/state?target=1&ids={entry.Id}", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(editorGet.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(badState.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await StateAsync(entry.Id), Is.EqualTo(FormEntryState.Submitted));
        }
    }

    [Test]
    public async Task Deletes_the_form_its_entries_and_its_usync_file_with_an_audit_entry_When_an_administrator_confirms()
    {
        var form = await _factory.CreateFormAsync("wird-geloescht");
        await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var file = Path.Combine(_usyncFolder, "Forms", "wird-geloescht.config");
        await File.WriteAllTextAsync(file, "<Form />");
        var path = $"/umbraco/forms/{form.Key}/delete";

        var confirm = await _admin.GetStringAsync(new Uri(path, UriKind.Relative));
        using var response = await _admin.PostFormAsync(path, new Dictionary<string, string>());
        var index = await _admin.GetStringAsync(new Uri(response.Headers.Location!.OriginalString, UriKind.Relative));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(confirm, Does.Contain("seine 2 Einträge werden endgültig gelöscht"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(index, Does.Contain("mit 2 Einträgen gelöscht"));
            Assert.That(await db.FormDefinitions.AnyAsync(f => f.Key == form.Key), Is.False);
            Assert.That(await db.FormEntries.AnyAsync(e => e.FormKey == form.Key), Is.False);
            Assert.That(await db.FormEntryFields.AnyAsync(e => e.FormKey == form.Key), Is.False);
            Assert.That(File.Exists(file), Is.False, "uSync export on save removes the stale form file");
            Assert.That(File.Exists(Path.Combine(_usyncFolder, "Forms", "kommunen-umfrage.config")), Is.True);
            Assert.That(await db.AuditEntries.AnyAsync(a => a.EntityKey == form.Key && a.Action == "Delete" && a.EntityType == "Form" && a.UserName == Admin), Is.True);
        }
    }

    [Test]
    public async Task Returns_403_and_keeps_the_form_When_staff_or_an_editor_tries_to_delete_a_form()
    {
        var form = await _factory.CreateFormAsync("bleibt");
        using var editor = await _factory.SignedInClientAsync(Editor);
        using var staffGet = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/delete", UriKind.Relative));
        using var editorGet = await editor.GetAsync(new Uri($"/umbraco/forms/{form.Key}/delete", UriKind.Relative));
        var staffIndex = await _staff.GetStringAsync(new Uri("/umbraco/forms", UriKind.Relative));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(staffGet.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(editorGet.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(staffIndex, Does.Not.Contain($"/umbraco/forms/{form.Key}/delete"));
            Assert.That(await db.FormDefinitions.AnyAsync(f => f.Key == form.Key), Is.True);
        }
    }

    [Test]
    public async Task Points_show_hide_rules_at_the_new_alias_When_the_form_builder_renames_a_field_alias()
    {
        var form = await _factory.CreateFormAsync("umbenennen", change: f => f.FindField("erfahrungen")!.Condition = new FormCondition
        {
            ActionType = FormConditionActionType.Show,
            LogicType = FormConditionLogicType.All,
            Rules = [new FormConditionRule { Field = "fachbereich", Operator = FormConditionOperator.Is, Value = "Umwelt" }],
        });
        var builder = _factory.Services.GetRequiredService<FormBuilderService>();
        var edited = await builder.GetAsync(form.Key) ?? throw new AssertionException("form missing");
        edited.FindField("fachbereich")!.Alias = "bereich";

        var result = await builder.SaveAsync(edited, created: false, new Actor(null, Admin));
        var stored = await _factory.Services.GetRequiredService<FormDefinitionStore>().GetAsync(form.Key);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(stored!.FindField("erfahrungen")!.Condition!.Rules.Single().Field, Is.EqualTo("bereich"));
    }

    private async Task<List<long>> IdsAsync(Guid formKey)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.Where(e => e.FormKey == formKey).Select(e => e.Id).ToListAsync();
    }

    private async Task<FormEntryState> StateAsync(long id)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.Where(e => e.Id == id).Select(e => e.State).SingleAsync();
    }

    private static List<long> Ids(string html) =>
        IdPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static string? Link(string html, string rel) =>
        Regex.Match(html, $"rel=\"{rel}\" href=\"([^\"]+)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string SortLink(string html, string column) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<a class=\"ib-sort\" href=\"([^\"]+)\" data-sort-column=\"{column}\"").Groups[1].Value);

    [GeneratedRegex("name=\"ids\" value=\"(\\d+)\"")]
    private static partial Regex IdPattern();
}
