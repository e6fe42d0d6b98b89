using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>
/// Show/hide conditions of the seeded survey on the real site: „Welche sonstigen Initiativen?“ (initiativenSonstige) depends on
/// „initiativen“ on the same page, so the page renders it with its condition as data (for survey-conditions.js) and a hint for
/// visitors without JavaScript; the server decides again on submit and never trusts the browser.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SurveyConditionTests
{
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private static readonly KeyValuePair<string, string>[] SecondPage =
    [
        new("wasHatGeholfen", "Kurze Wege"),
        new("einwilligung", "true"),
    ];

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private SurveyClient NewVisitor() =>
        new(_factory, _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    private async Task<IReadOnlyDictionary<string, FormEntryValue>?> SubmitAsync(params KeyValuePair<string, string>[] firstPage)
    {
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        var next = await visitor.PostAsync(firstPage, "weiter");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), visitor.Html);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var before = await db.FormEntries.CountAsync(e => e.FormKey == SurveyKey);
        var response = await visitor.PostAsync(SecondPage, "absenden", state: visitor.AgedState(TimeSpan.FromMinutes(2)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), visitor.Html);
        var entries = await db.FormEntries.AsNoTracking().Where(e => e.FormKey == SurveyKey).OrderBy(e => e.Id).ToListAsync();
        Assert.That(entries, Has.Count.EqualTo(before + 1));
        return FormEntryValues.Deserialize(entries[^1].ValuesJson);
    }

    [Test]
    public async Task Does_not_store_the_posted_answer_of_a_field_When_its_condition_hides_it()
    {
        var values = await SubmitAsync(
            new("gemeindegroesse", "unter 20.000 Einwohner"),
            new("initiativen", "Urbane Gärten"),
            new("initiativenSonstige", "vom Browser trotz Bedingung gesendet"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(values!["initiativen"].Values, Is.EqualTo(new[] { "Urbane Gärten" }));
            Assert.That(values.Keys, Does.Not.Contain("initiativenSonstige"));
            Assert.That(values.Values.SelectMany(v => v.Values), Has.None.Contains("trotz Bedingung"));
        }
    }

    [Test]
    public async Task Stores_the_answer_of_a_conditional_field_When_its_condition_holds()
    {
        var values = await SubmitAsync(
            new("gemeindegroesse", "unter 20.000 Einwohner"),
            new("initiativen", "Sonstige"),
            new("initiativenSonstige", "Nachbarschaftshilfe"));

        Assert.That(values!["initiativenSonstige"].Values, Is.EqualTo(new[] { "Nachbarschaftshilfe" }));
    }

    [Test]
    public async Task Renders_the_condition_as_data_attributes_and_a_hint_and_loads_the_script_When_the_condition_depends_on_the_same_page()
    {
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync("/umfrage/");
        var document = new HtmlParser().ParseDocument(html);
        var input = document.QuerySelector("#f-initiativenSonstige");
        var wrapper = input?.Closest("[data-condition-action]");
        var script = document.QuerySelectorAll("script").SingleOrDefault();
        Assert.That(wrapper, Is.Not.Null, html);
        using var rules = JsonDocument.Parse(wrapper!.GetAttribute("data-condition-rules")!);
        var rule = rules.RootElement.EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wrapper.GetAttribute("data-condition-action"), Is.EqualTo("Show"));
            Assert.That(wrapper.GetAttribute("data-condition-logic"), Is.EqualTo("All"));
            Assert.That(wrapper.HasAttribute("hidden"), Is.False, "without JavaScript the field is shown");
            Assert.That(rule.GetProperty("field").GetString(), Is.EqualTo("initiativen"), "the rule names the field by key in uSync; the page by its input name");
            Assert.That(rule.GetProperty("operator").GetString(), Is.EqualTo("Is"));
            Assert.That(rule.GetProperty("value").GetString(), Is.EqualTo("Sonstige"));
            Assert.That(document.QuerySelector("#f-initiativenSonstige-bedingung")?.TextContent, Is.EqualTo(
                "Nur beantworten, wenn Sie bei „Mit welchen Arten von Initiativen arbeitet Ihre Kommune zusammen?“ „Sonstige“ ausgewählt haben."));
            Assert.That(input!.GetAttribute("aria-describedby")!.Split(' '), Does.Contain("f-initiativenSonstige-bedingung"));
            Assert.That(document.QuerySelectorAll("[data-condition-action]"), Has.Length.EqualTo(1), "only fields with a condition carry one");
            Assert.That(script?.GetAttribute("type"), Is.EqualTo("module"));
            Assert.That(script?.GetAttribute("src"), Does.StartWith("/js/survey-conditions.js?v="));
        }

        using var scriptResponse = await client.GetAsync(script!.GetAttribute("src"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(scriptResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(scriptResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript").Or.EqualTo("application/javascript"));
            Assert.That(scriptResponse.Content.Headers.ContentLength, Is.LessThan(8 * 1024), "a few KB");
        }
    }

    [Test]
    public async Task Loads_no_script_When_the_page_has_no_condition_decided_in_the_browser_or_is_the_home_page()
    {
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        await visitor.PostAsync([new("gemeindegroesse", "unter 20.000 Einwohner")], "weiter");
        var secondPage = visitor.Html;
        using var client = _factory.CreateClient();
        var home = await client.GetStringAsync("/");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secondPage, Does.Contain("id=\"f-einwilligung\"").And.Not.Contain("<script"));
            Assert.That(home, Does.Not.Contain("<script"));
        }
    }
}
