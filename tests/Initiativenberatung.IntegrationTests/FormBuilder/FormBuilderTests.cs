using System.Net;
using AngleSharp.Html.Dom;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.IntegrationTests.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.FormBuilder;

/// <summary>The form builder at /umbraco/forms/builder: who may use it, saving with validation, audit and uSync export on save.</summary>
[TestFixture]
public sealed class FormBuilderTests
{
    private const string Editor = "redaktion-formbuilder@example.org";
    private const string Staff = "auswertung-formbuilder@example.org";
    private static readonly Guid SurveyKey = new("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");
    private static readonly string SurveyPath = $"/umbraco/forms/builder/{SurveyKey}";

    private static readonly string[] Pages = ["/umbraco/forms/builder", SurveyPath];

    private static readonly string[] Handlers =
    [
        "/umbraco/forms/builder?handler=Create",
        $"{SurveyPath}?handler=Save",
        $"{SurveyPath}?handler=AddPage",
        $"{SurveyPath}?handler=MovePage&p=0&offset=1",
        $"{SurveyPath}?handler=RemovePage&p=0",
        $"{SurveyPath}?handler=AddFieldset&p=0",
        $"{SurveyPath}?handler=RemoveFieldset&p=0&s=0",
        $"{SurveyPath}?handler=AddColumn&p=0&s=0",
        $"{SurveyPath}?handler=RemoveColumn&p=0&s=0&c=0",
        $"{SurveyPath}?handler=AddField&p=0&s=0&c=0",
        $"{SurveyPath}?handler=MoveField&p=0&s=0&c=0&f=0&offset=1",
        $"{SurveyPath}?handler=MoveFieldToPage&p=0&s=0&c=0&f=0",
        $"{SurveyPath}?handler=RemoveField&p=0&s=0&c=0&f=0",
        $"{SurveyPath}?handler=AddOption&p=0&s=0&c=0&f=0",
        $"{SurveyPath}?handler=MoveOption&p=0&s=0&c=0&f=0&o=0&offset=1",
        $"{SurveyPath}?handler=RemoveOption&p=0&s=0&c=0&f=0&o=0",
        $"{SurveyPath}?handler=AddRule&p=0&s=0&c=0&f=0",
        $"{SurveyPath}?handler=RemoveRule&p=0&s=0&c=0&f=0&r=0",
    ];

    private CmsWebApplicationFactory _factory = null!;
    private string _usyncFolder = "";

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = SettingsTestSite.Create("Settings", out _usyncFolder);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private string SurveyFile => Path.Combine(_usyncFolder, "Forms", "kommunen-umfrage.config");

    private async Task<FormDefinition> SurveyAsync() =>
        (await _factory.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey))!;

    [Test]
    public async Task Answers_403_on_every_builder_page_and_handler_When_a_staff_user_calls_it()
    {
        using var client = await _factory.SignedInClientAsync(Staff);
        var before = await SurveyAsync();
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            statuses["GET " + page] = response.StatusCode;
        }

        var fields = new Dictionary<string, string> { ["Form.Name"] = "Übernommen", ["Form.Alias"] = "kommunen-umfrage", ["NewName"] = "Fremd" };
        foreach (var handler in Handlers)
        {
            using var response = await client.PostFormAsync("/umbraco", fields, action: handler);
            statuses["POST " + handler] = response.StatusCode;
        }

        var forms = await _factory.Services.GetRequiredService<FormDefinitionStore>().ListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Where(s => s.Value != HttpStatusCode.Forbidden), Is.Empty, "requests that did not answer 403");
            Assert.That((await SurveyAsync()).Name, Is.EqualTo(before.Name));
            Assert.That(forms.Any(f => f.Name == "Fremd"), Is.False);
        }
    }

    [Test]
    public async Task Stores_the_field_writes_the_uSync_file_and_audits_When_an_editor_adds_reorders_and_saves_a_field()
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var page = await client.GetDocumentAsync(SurveyPath);
        var lastIndex = (await SurveyAsync()).Pages[0].Fieldsets[0].Columns[0].Fields.Count;

        // Add a short answer to the first column of page 1 (not saved yet).
        using var added = await client.SubmitAsync(page, "#add-field-0-0-0", f => f.Set("NewType-0-0-0", nameof(FormFieldType.ShortAnswer)));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        page = await SettingsTestSite.ParseAsync(added);
        var path = $"Form_Pages_0__Fieldsets_0__Columns_0__Fields_{lastIndex}_";
        Assert.That(page.QuerySelector($"#{path}_Caption"), Is.Not.Null, "the new field is on the page");
        Assert.That((await SurveyAsync()).AllFields().Any(f => f.Alias == "ansprechpartnerRolle"), Is.False, "adding does not save");

        // Fill it in, move it up by one, then save.
        using var moved = await client.SubmitAsync(page, $"#{path}_MoveUp", f =>
        {
            f.Set($"Form.Pages[0].Fieldsets[0].Columns[0].Fields[{lastIndex}].Caption", "Ihre Rolle in der Verwaltung");
            f.Set($"Form.Pages[0].Fieldsets[0].Columns[0].Fields[{lastIndex}].Alias", "ansprechpartnerRolle");
        });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        page = await SettingsTestSite.ParseAsync(moved);
        using var saved = await client.SubmitAsync(page, "button[formaction*='handler=Save']");
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());

        var survey = await SurveyAsync();
        var fields = survey.Pages[0].Fieldsets[0].Columns[0].Fields;
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityKey == SurveyKey && a.Action == "Save").ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fields[lastIndex - 1].Alias, Is.EqualTo("ansprechpartnerRolle"), "moved one up");
            Assert.That(fields[lastIndex - 1].Caption, Is.EqualTo("Ihre Rolle in der Verwaltung"));
            Assert.That(fields[lastIndex - 1].Type, Is.EqualTo(FormFieldType.ShortAnswer));
            Assert.That(survey.AllFields().Count(), Is.EqualTo(12));
            Assert.That(File.ReadAllText(SurveyFile), Does.Contain("ansprechpartnerRolle"), "uSync file in the temp folder");
            Assert.That(audit.Any(a => a.UserName == Editor), Is.True, "audit entry by the editor");
        }

        // Visitors see the new field at once: the survey's in-memory definition cache was refreshed, no SQL on the GET.
        using var visitor = _factory.CreateClient();
        var before = _factory.SqlCommands.Count;
        var publicSurvey = await visitor.GetStringAsync(new Uri("/umfrage/", UriKind.Relative));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(publicSurvey, Does.Contain("Ihre Rolle in der Verwaltung"));
            Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
        }
    }

    [TestCase("Alias", "1-falsch", "Der Alias „1-falsch“ des Feldes")]
    [TestCase("Alias", "fachbereich", "wird bereits vom Feld")]
    [TestCase("Regex", "([a-z", "Der reguläre Ausdruck des Feldes")]
    [TestCase("Type", "999", "Der Wert „999“ bei")]
    [TestCase("MaxLength", "viel", "Der Wert „viel“ bei")]
    [TestCase("MaxLength", "5000", "muss zwischen 1 und 4000 liegen")]
    public async Task Shows_a_German_error_naming_the_field_and_stores_nothing_When_a_field_is_invalid(string input, string value, string message)
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var before = File.ReadAllText(SurveyFile);
        var beforeJson = FormDefinitionJson.Write(await SurveyAsync());
        var page = await client.GetDocumentAsync(SurveyPath);
        using var response = await client.SubmitAsync(page, "button[formaction*='handler=Save']",
            f => f.Set($"Form.Pages[0].Fieldsets[0].Columns[0].Fields[0].{input}", value));
        var html = await response.Content.ReadAsStringAsync();
        var caption = (await SurveyAsync()).Pages[0].Fieldsets[0].Columns[0].Fields[0].Caption;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(WebUtility.HtmlDecode(html), Does.Contain(message).And.Contain(caption));
            Assert.That(html, Does.Contain("id=\"error-summary\""));
            Assert.That(FormDefinitionJson.Write(await SurveyAsync()), Is.EqualTo(beforeJson), "nothing stored");
            Assert.That(File.ReadAllText(SurveyFile), Is.EqualTo(before), "uSync file unchanged");
        }
    }

    [Test]
    public async Task Shows_a_German_error_and_keeps_the_posted_state_When_a_choice_field_has_no_options()
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var beforeJson = FormDefinitionJson.Write(await SurveyAsync());
        var page = await client.GetDocumentAsync(SurveyPath);
        // The first field of the survey is a single choice ("gemeindegroesse"): drop all its option rows.
        using var response = await client.SubmitAsync(page, "button[formaction*='handler=Save']", f =>
        {
            f.RemoveAll(x => x.Key.StartsWith("Form.Pages[0].Fieldsets[0].Columns[0].Fields[0].Options", StringComparison.Ordinal));
            f.Set("Form.Name", "Geänderter Name bleibt stehen");
        });
        var document = await SettingsTestSite.ParseAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document.QuerySelector("#error-summary")?.TextContent, Does.Contain("Das Auswahlfeld „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“ braucht mindestens eine Option."));
            Assert.That((document.QuerySelector("#Form_Name") as IHtmlInputElement)?.Value, Is.EqualTo("Geänderter Name bleibt stehen"));
            Assert.That(FormDefinitionJson.Write(await SurveyAsync()), Is.EqualTo(beforeJson), "nothing stored");
        }
    }

    [Test]
    public async Task Shows_a_German_error_and_stores_nothing_When_a_condition_refers_to_an_unknown_field()
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var beforeJson = FormDefinitionJson.Write(await SurveyAsync());
        var page = await client.GetDocumentAsync(SurveyPath);
        using var withRule = await client.SubmitAsync(page, "#Form_Pages_0__Fieldsets_0__Columns_0__Fields_1__AddRule");
        page = await SettingsTestSite.ParseAsync(withRule);
        using var response = await client.SubmitAsync(page, "button[formaction*='handler=Save']",
            f => f.Set("Form.Pages[0].Fieldsets[0].Columns[0].Fields[1].Condition.Rules[0].Field", "gibtEsNicht"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("verweist auf „gibtEsNicht“; das ist kein Feld auf dieser oder einer früheren Seite."));
            Assert.That(FormDefinitionJson.Write(await SurveyAsync()), Is.EqualTo(beforeJson), "nothing stored");
        }
    }

    [Test]
    public async Task Creates_an_empty_form_with_its_uSync_file_When_an_editor_enters_a_name()
    {
        using var client = await _factory.SignedInClientAsync(Editor);
        var page = await client.GetDocumentAsync("/umbraco/forms/builder");
        using var response = await client.SubmitAsync(page, "form[action*='handler=Create'] button", f => f.Set("NewName", "Anmeldung Workshop Grünflächen"));
        var forms = await _factory.Services.GetRequiredService<FormDefinitionStore>().ListAsync();
        var created = forms.SingleOrDefault(f => f.Alias == "anmeldung-workshop-gruenflaechen");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(created, Is.Not.Null);
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/umbraco/forms/builder/{created?.Key}"));
            Assert.That(File.Exists(Path.Combine(_usyncFolder, "Forms", "anmeldung-workshop-gruenflaechen.config")), Is.True);
        }

        using var again = await client.SubmitAsync(await client.GetDocumentAsync("/umbraco/forms/builder"), "form[action*='handler=Create'] button",
            f => f.Set("NewName", "Anmeldung Workshop Grünflächen"));
        Assert.That(WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), Does.Contain("Es gibt bereits ein Formular mit dem Alias „anmeldung-workshop-gruenflaechen“."));
    }
}
