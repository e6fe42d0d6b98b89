using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Settings;

/// <summary>The uSync dashboard: dry-run report, import and export buttons, on a temporary copy of the seed folder.</summary>
[TestFixture]
public sealed class UsyncDashboardTests
{
    private const string Admin = "admin-usync@example.org";
    private const string Dashboard = "/umbraco/settings/usync";
    private CmsWebApplicationFactory _factory = null!;
    private string _usyncFolder = "";
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartSite()
    {
        // A fresh site per test: the tests change the schema and depend on the state after first boot.
        _factory = SettingsTestSite.Create("None", out _usyncFolder);
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        _client = await _factory.SignedInClientAsync(Admin);
    }

    [TearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Shows_NoChange_for_every_seed_item_When_the_site_has_just_booted()
    {
        var page = await _client.GetDocumentAsync(Dashboard);
        var rows = page.QuerySelectorAll("table.st-usync > tbody > tr");
        var changes = rows.Select(r => (Change: r.GetAttribute("data-change"), File: r.QuerySelector("code")?.TextContent)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changes, Has.Count.GreaterThan(30), "one row per seed file");
            Assert.That(changes.Where(c => c.Change != "NoChange"), Is.Empty, "items that are not NoChange");
            Assert.That(rows[0].QuerySelector("uui-tag")?.TextContent, Is.EqualTo("Unverändert"));
            Assert.That(page.QuerySelector("#usync-summary")?.TextContent, Does.Contain("0 neu, 0 geändert").And.Contain("0 fehlgeschlagen"));
        }
    }

    [Test]
    public async Task Shows_Update_with_details_When_the_schema_changed_and_export_on_save_is_off()
    {
        var fileBefore = await File.ReadAllBytesAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config"));
        await AddSublineAsync();

        var page = await _client.GetDocumentAsync(Dashboard);
        var row = page.QuerySelectorAll("table.st-usync > tbody > tr").Single(r => r.QuerySelector("code")?.TextContent == "ContentTypes/textblock.config");
        var details = row.QuerySelector("details");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.GetAttribute("data-change"), Is.EqualTo("Update"));
            Assert.That(row.QuerySelector("uui-tag")?.GetAttribute("color"), Is.EqualTo("warning"));
            Assert.That(details?.QuerySelector("summary")?.TextContent, Does.Contain("geänderte Angabe"));
            Assert.That(details?.TextContent, Does.Contain("Property:subline"), "old → new per property");
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config")), Is.EqualTo(fileBefore), "export on save is off");
        }
    }

    [Test]
    public async Task Exports_the_change_into_the_folder_When_Exportieren_is_pressed()
    {
        var repositoryBefore = await File.ReadAllBytesAsync(SettingsTestSite.RepositoryTextBlockFile);
        await AddSublineAsync();
        var page = await _client.GetDocumentAsync(Dashboard);

        using var response = await _client.SubmitAsync(page, "form[action*='handler=Export'] button");
        var result = await SettingsTestSite.ParseAsync(response);
        var report = await _client.GetDocumentAsync(Dashboard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.QuerySelector("#result-heading")?.TextContent, Is.EqualTo("Ergebnis des Exports"));
            Assert.That(result.QuerySelectorAll("table.st-usync > tbody > tr").Single(r => r.QuerySelector("code")?.TextContent == "ContentTypes/textblock.config").GetAttribute("data-change"), Is.EqualTo("Update"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_usyncFolder, "ContentTypes", "textblock.config")), Does.Contain("<Alias>subline</Alias>"));
            Assert.That(report.QuerySelectorAll("table.st-usync > tbody > tr").Where(r => r.GetAttribute("data-change") != "NoChange"), Is.Empty, "files and database agree after the export");
            Assert.That(await File.ReadAllBytesAsync(SettingsTestSite.RepositoryTextBlockFile), Is.EqualTo(repositoryBefore), "the repository's uSync folder is untouched");
        }
    }

    [Test]
    public async Task Restores_the_files_state_When_Importieren_is_pressed()
    {
        await AddSublineAsync();
        var page = await _client.GetDocumentAsync(Dashboard);

        using var response = await _client.SubmitAsync(page, "form[action*='handler=Import'] button");
        var result = await SettingsTestSite.ParseAsync(response);
        var type = await _factory.Services.GetRequiredService<SchemaService>().GetContentTypeAsync(SettingsTestSite.TextBlockKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.QuerySelector("#result-heading")?.TextContent, Is.EqualTo("Ergebnis des Imports"));
            Assert.That(result.QuerySelector("form[action*='handler=Import']")?.GetAttribute("data-ib-progress"), Is.EqualTo("Import läuft …"), "progress text for long runs");
            Assert.That(result.QuerySelectorAll("table.st-usync > tbody > tr").Single(r => r.QuerySelector("code")?.TextContent == "ContentTypes/textblock.config").GetAttribute("data-change"), Is.EqualTo("Update"));
            Assert.That(type!.Properties.Select(p => p.Alias), Does.Not.Contain("subline"), "the file's state is back in the database");
        }
    }

    private async Task AddSublineAsync()
    {
        var schema = _factory.Services.GetRequiredService<SchemaService>();
        var type = (await schema.GetContentTypeAsync(SettingsTestSite.TextBlockKey))!;
        var form = Initiativenberatung.Web.BackOffice.Settings.ContentTypeForm.From(type);
        form.Properties.Add(new() { Key = Guid.NewGuid(), Name = "Unterzeile", Alias = "subline", DataTypeKey = SettingsTestSite.TextstringKey.ToString(), GroupAlias = "content" });
        var result = await schema.SaveContentTypeAsync(form.ToInput(type.Key, type.Kind), new Initiativenberatung.Core.Auditing.Actor(null, "test"));
        Assert.That(result.Errors, Is.Empty);
    }
}
