using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>The form picker of the survey page offers the site's forms and keeps the chosen one.</summary>
[TestFixture]
public sealed class FormPickerTests
{
    private const string SurveyPage = "8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51";
    private const string SurveyForm = "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync("picker@example.org", BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Lists_the_forms_by_name_with_the_stored_one_selected_When_the_survey_page_is_edited()
    {
        using var client = await _factory.SignedInClientAsync("picker@example.org");

        var html = await client.GetStringAsync(new Uri($"/umbraco/content/edit/{SurveyPage}", UriKind.Relative));
        var options = new HtmlParser().ParseDocument(html).QuerySelectorAll("select option")
            .Where(o => o.GetAttribute("value") == SurveyForm).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options, Has.Count.EqualTo(1), "the survey form is offered once");
            Assert.That(options[0].TextContent, Does.Contain("Umfrage: Zusammenarbeit von Kommunen und Initiativen").And.Contain("kommunen-umfrage"));
            Assert.That(options[0].HasAttribute("selected"), Is.True, "the stored form is selected");
        }
    }
}
