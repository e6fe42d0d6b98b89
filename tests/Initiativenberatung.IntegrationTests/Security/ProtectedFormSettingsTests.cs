using Initiativenberatung.Core.Auditing;
using System.Net;
using AngleSharp.Html.Dom;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.IntegrationTests.Settings;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Sensitive settings by role: retention, local storage and time precision of a form decide over entry data, so only
/// administrators change them, each change confirmed and audited with old → new values; a shortened retention deletes
/// nothing for seven days and the purge logs what it deletes first; the builder warns when uSync overwrites it at start.
/// </summary>
[TestFixture]
public sealed class ProtectedFormSettingsTests
{
    private const string Admin = "admin-geschuetzt@example.org";
    private const string Editor = "redaktion-geschuetzt@example.org";
    private static readonly Guid SurveyKey = FormEntriesTestSite.SurveyKey;
    private static readonly string SurveyPath = $"/umbraco/forms/builder/{SurveyKey}";
    private const string Save = "button[formaction*='handler=Save']";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = SettingsTestSite.Create("None", out _);
        _factory.Settings["uSync:Settings:ImportAtStartup"] = "Settings";
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private async Task<FormDefinition> SurveyAsync() =>
        (await _factory.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey))!;

    [Test]
    public async Task Keeps_retention_storage_and_precision_When_an_editor_posts_changed_values_to_the_builder()
    {
        var before = await SurveyAsync();
        using var client = await _factory.SignedInClientAsync(Editor);
        var page = await client.GetDocumentAsync(SurveyPath);

        using var saved = await client.SubmitAsync(page, Save, f =>
        {
            f.Set("Form.RetentionDays", "1");
            f.Set("Form.StoreRecordsLocally", "false");
            f.Set("Form.SubmittedAtPrecision", "Second");
            f.Set("Form.Name", before.Name + " (Redaktion)");
        });

        var after = await SurveyAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
            Assert.That(page.QuerySelector(".fb-readonly")?.TextContent, Does.Contain("Einträge speichern"), "shown read-only to editors");
            Assert.That(page.QuerySelector("input#Form_RetentionDays"), Is.Null, "no retention input for editors");
            Assert.That(after.Name, Is.EqualTo(before.Name + " (Redaktion)"), "the rest of the form is saved");
            Assert.That(after.RetentionDays, Is.EqualTo(before.RetentionDays));
            Assert.That(after.StoreRecordsLocally, Is.True);
            Assert.That(after.SubmittedAtPrecision, Is.EqualTo(before.SubmittedAtPrecision));
        }

        await _factory.Services.GetRequiredService<FormBuilderService>().SaveAsync(before, created: false, new Actor(null, Admin), ProtectedSettingsMode.Change);
    }

    [Test]
    public async Task Asks_for_confirmation_naming_old_and_new_values_before_it_stores_and_audits_When_an_administrator_changes_the_retention()
    {
        var before = await SurveyAsync();
        Assert.That(before.RetentionDays, Is.Not.EqualTo(30), "the test changes it to 30");
        using var client = await _factory.SignedInClientAsync(Admin);
        var page = await client.GetDocumentAsync(SurveyPath);

        using var unconfirmed = await client.SubmitAsync(page, Save, f => f.Set("Form.RetentionDays", "30"));
        var asked = await SettingsTestSite.ParseAsync(unconfirmed);
        var expected = $"Aufbewahrung der Einträge in Tagen: {Days(before.RetentionDays)} → 30 Tage";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(asked.QuerySelector("#error-summary")?.TextContent, Does.Contain(expected));
            Assert.That((await SurveyAsync()).RetentionDays, Is.EqualTo(before.RetentionDays), "nothing stored without the confirmation");
        }

        using var confirmed = await client.SubmitAsync(asked, Save, f => f.Add(new("ProtectedChangeConfirmed", "true")));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityKey == SurveyKey && a.Action == "ChangeProtectedSettings").ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await confirmed.Content.ReadAsStringAsync());
            Assert.That((await SurveyAsync()).RetentionDays, Is.EqualTo(30));
            Assert.That(audit.Select(a => a.Details), Has.Some.Contains(expected));
            Assert.That(audit.Select(a => a.UserName), Has.All.EqualTo(Admin));
        }

        await _factory.Services.GetRequiredService<FormBuilderService>().SaveAsync(before, created: false, new Actor(null, Admin), ProtectedSettingsMode.Change);
    }

    [Test]
    public async Task Deletes_nothing_for_seven_days_and_logs_what_it_deletes_first_When_an_administrator_shortens_the_retention()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 5, 3, 8, 0, 0, TimeSpan.Zero));
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var form = await _factory.CreateFormAsync("frist-verkuerzt");
        var today = clock.GetUtcNow().UtcDateTime.Date;
        await _factory.BulkInsertAsync(form.Key, 3, _ => (today.AddDays(-10), "{}"));
        form.RetentionDays = 1;
        var saved = await factory.Services.GetRequiredService<FormBuilderService>().SaveAsync(form, created: false, new Actor(null, Admin), ProtectedSettingsMode.Change);
        Assert.That(saved.Succeeded, Is.True, string.Join(", ", saved.Errors.Select(e => e.Message)));
        var retention = factory.Services.GetRequiredService<FormEntriesRetention>();

        clock.Advance(TimeSpan.FromDays(6));
        var early = await retention.PurgeAsync(Actor.System, "frist-verkuerzt");
        var countAfterSixDays = await _factory.CountAsync(form.Key);
        clock.Advance(TimeSpan.FromDays(1.1));
        await retention.PurgeAsync(Actor.System, "frist-verkuerzt");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(early.Single().Removed, Is.Zero);
            Assert.That(countAfterSixDays, Is.EqualTo(3), "six days after the change nothing is deleted");
            Assert.That(await _factory.CountAsync(form.Key), Is.Zero, "seven days after the change the new retention applies (this purge or the daily job's)");
            Assert.That(_factory.Logs.Text, Does.Contain("3 Einträge des Formulars frist-verkuerzt werden gelöscht"));
        }
    }

    [Test]
    public async Task Warns_before_saving_that_the_next_start_overwrites_the_form_When_usync_imports_settings_without_export_on_save()
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var page = await client.GetDocumentAsync(SurveyPath);

        Assert.That(page.QuerySelector(".bo-message--warning")?.TextContent, Does.Contain("gilt deshalb nur bis zum nächsten Neustart"));
    }

    [Test]
    public async Task Shows_no_overwrite_warning_When_export_on_save_writes_the_settings_back()
    {
        using var factory = SettingsTestSite.Create("Settings", out _);
        factory.Settings["uSync:Settings:ImportAtStartup"] = "Settings";
        await factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        using var client = await factory.SignedInClientAsync(Editor);

        var page = await client.GetDocumentAsync(SurveyPath);

        Assert.That(page.QuerySelector(".bo-message--warning"), Is.Null);
    }

    private static string Days(int? days) => days switch { null => "unbegrenzt", 1 => "1 Tag", { } d => $"{d} Tage" };
}
