using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>The entries list and the export stay bounded with many entries: a fixed number of SQL commands per page, constant memory per export.</summary>
[TestFixture]
public sealed partial class FormEntriesScaleTests
{
    private const string Staff = "auswertung-scale@example.org";
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
    public async Task Runs_a_bounded_number_of_SQL_commands_and_shows_the_newest_page_When_the_form_has_50000_entries()
    {
        var form = await _factory.CreateFormAsync("viele");
        var today = DateTime.UtcNow.Date;
        const int count = 50_000;
        await _factory.BulkInsertAsync(form.Key, count, i => (today.AddDays(-(count - 1 - i) / 2000), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"Eintrag {i}"]))));
        await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries", UriKind.Relative));

        var before = _factory.SqlCommands.RequestCount;
        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?from=&to=&cols=fachbereich", UriKind.Relative));
        var commands = _factory.SqlCommands.RequestCount - before;
        var next = Regex.Match(html, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value;
        before = _factory.SqlCommands.RequestCount;
        var second = await _staff.GetStringAsync(new Uri(WebUtility.HtmlDecode(next), UriKind.Relative));
        var secondCommands = _factory.SqlCommands.RequestCount - before;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(commands, Is.LessThanOrEqualTo(8), "definition + page + count (+ sign-in checks)");
            Assert.That(secondCommands, Is.LessThanOrEqualTo(8));
            Assert.That(html, Does.Contain($"Eintrag {count - 1}<").And.Contain("50.000 Einträge"));
            Assert.That(IdsOnPage(html), Has.Count.EqualTo(50));
            Assert.That(IdsOnPage(html), Is.Ordered.Descending);
            Assert.That(IdsOnPage(second).Max(), Is.LessThan(IdsOnPage(html).Min()));
        }
    }

    [Test]
    public async Task Keeps_retained_managed_memory_small_When_100000_entries_are_exported_through_HTTP()
    {
        var form = await _factory.CreateFormAsync("export-gross");
        const int count = 100_000;
        var longAnswer = new string('x', 400);
        await _factory.BulkInsertAsync(form.Key, count, i => (DateTime.UtcNow.Date.AddDays(-(i % 300)), FormEntriesTestSite.Json(
            ("fachbereich", "Fachbereich", [$"Bereich {i}"]),
            ("initiativen", "Initiativen", ["Urbane Gärten", "Foodsharing"]),
            ("erfahrungen", "Erfahrungen", [longAnswer + i.ToString(CultureInfo.InvariantCulture)]))));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        long lines = 0;
        long peak = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
            if (lines % 25_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(lines, Is.EqualTo(count + 1));
            Assert.That(peak, Is.LessThan(32L * 1024 * 1024), $"retained managed memory during the export: {peak / 1024 / 1024} MB (the CSV is ~{count * 480L / 1024 / 1024} MB)");
        }
    }

    private static List<long> IdsOnPage(string html) =>
        IdPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("name=\"ids\" value=\"(\\d+)\"")]
    private static partial Regex IdPattern();
}
