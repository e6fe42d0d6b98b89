using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>The forms module on the real site: first boot imports the survey from uSync; the entries table is anonymous.</summary>
[TestFixture]
public sealed class FormsStartupTests
{
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Imports_the_survey_and_reports_NoChange_for_every_item_When_the_site_has_booted_for_the_first_time()
    {
        var form = await _factory.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey);
        var report = await _factory.Services.GetRequiredService<UsyncService>().ReportAsync(Initiativenberatung.Testing.RepositoryPaths.SeedFolder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(form?.Alias, Is.EqualTo("kommunen-umfrage"));
            Assert.That(form?.AllFields().Count(), Is.EqualTo(11));
            Assert.That(report.Items.Where(i => i.ItemType == "Form").Select(i => i.Change), Is.EqualTo(new[] { UsyncChangeKind.NoChange }));
            Assert.That(report.Items.Where(i => i.Change != UsyncChangeKind.NoChange).Select(i => $"{i.Change} {i.File}"), Is.Empty);
        }
    }

    [Test]
    public async Task Points_the_survey_page_at_the_imported_form_When_the_site_has_booted()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var page = await db.ContentNodes.SingleAsync(n => n.ContentTypeAlias == "surveyPage");
        var version = await db.ContentVersions.SingleAsync(v => v.Id == page.PublishedVersionId);

        Assert.That(version.Values["form"], Is.EqualTo(SurveyKey.ToString()));
    }

    [Test]
    public async Task Has_no_IP_user_agent_referrer_cookie_or_user_column_When_the_entries_table_of_the_site_is_inspected()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA table_info('FormEntries');";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(1));
            }
        }

        Assert.That(columns, Is.EquivalentTo(new[] { "Id", "FormKey", "SubmittedOn", "State", "ValuesJson", "SearchText" }));
    }

    [Test]
    public void Refuses_to_start_with_a_German_message_When_the_submission_time_precision_is_unknown()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["Forms:SubmittedAtPrecision"] = "Minute";

        var ex = Assert.Catch<Exception>(() => factory.CreateClient().Dispose());

        Assert.That(ex is OptionsValidationException ? ex.Message : ex?.ToString(), Does.Contain("Forms:SubmittedAtPrecision muss Day, Hour oder Second sein"));
    }
}
