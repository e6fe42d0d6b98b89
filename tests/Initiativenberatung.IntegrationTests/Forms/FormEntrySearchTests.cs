using System.Net;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>The entries' free-text search folds case for all of Unicode on SQLite, and the migration fills the search text of old entries.</summary>
[TestFixture]
public sealed class FormEntrySearchTests
{
    private const string Staff = "auswertung-suche@example.org";
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

    [TestCase("übergänge")]
    [TestCase("ÜBERGÄNGE")]
    [TestCase("U\u0308bergänge")]
    [TestCase("strasse")]
    public async Task Finds_the_entry_whatever_the_case_When_staff_searches_for(string term)
    {
        var form = await _factory.CreateFormAsync("suche-" + Guid.NewGuid().ToString("N")[..8]);
        var match = await _factory.AppendAsync(form, ("fachbereich", ["Übergänge an der Straße"]));
        var other = await _factory.AppendAsync(form, ("fachbereich", ["Kämmerei"]));

        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries?q={Uri.EscapeDataString(term)}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        using var export = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&q={Uri.EscapeDataString(term)}", UriKind.Relative));
        var csv = await export.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain($"/entries/{match.Id}\"").And.Not.Contain($"/entries/{other.Id}\""));
            Assert.That(csv, Does.Contain("Übergänge an der Straße").And.Not.Contain("Kämmerei"));
        }
    }

    [Test]
    public async Task Finds_nothing_in_captions_or_aliases_When_the_term_is_only_a_field_name()
    {
        var form = await _factory.CreateFormAsync("suche-feldname");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));

        var html = await _staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?q=fachbereich", UriKind.Relative));

        Assert.That(html, Does.Contain("Keine Einträge im gewählten Filter."));
    }

    [Test]
    public async Task Fills_the_search_text_of_existing_entries_When_the_migration_runs_on_SQLite()
    {
        var file = Path.Combine(_factory.TempDirectory, "migration-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(options, $"Data Source={file}");
        await using (var db = new CmsDbContext(options.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync("FormEntryFieldsAndSortIndexes");
            var json = FormEntriesTestSite.Json(("fachbereich", "Fachbereich", ["Übergänge"]), ("initiativen", "Initiativen", ["ΣΟΦΊΑ", "Straße"]));
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO FormEntries (FormKey, SubmittedOn, State, ValuesJson) VALUES ({Guid.NewGuid()}, {DateTime.UtcNow}, 0, {json})");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO FormEntries (FormKey, SubmittedOn, State, ValuesJson) VALUES ({Guid.NewGuid()}, {DateTime.UtcNow}, 0, {"kein JSON"})");
            await db.Database.MigrateAsync();
        }

        await using var after = new CmsDbContext(options.Options);
        var texts = await after.FormEntries.OrderBy(e => e.Id).Select(e => e.SearchText).ToListAsync();
        var found = await after.FormEntries.CountAsync(e => e.SearchText.Contains(FormEntrySearch.Fold("ÜBERGÄNGE")));
        SqliteConnection.ClearAllPools();

        Assert.That(texts, Is.EqualTo(new[] { "übergänge\nσοφία\nstrasse", "" }));
        Assert.That(found, Is.EqualTo(1));
    }
}
