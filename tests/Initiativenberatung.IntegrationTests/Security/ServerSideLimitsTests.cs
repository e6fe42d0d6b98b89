using System.Net;
using System.Text;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Every form rule (required, max length, pattern, allowed options, one value for a single choice, known fields) holds over the JSON Forms API.</summary>
[TestFixture]
public sealed class ServerSideLimitsTests
{
    private const string Api = "/umbraco/forms/delivery/api/v1/entries/";
    private const string ApiKey = "sec-forms-api-key-5e1b7c93a2";

    private CmsWebApplicationFactory _factory = null!;
    private FormDefinition _form = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _factory.Settings["Forms:DeliveryApi:ApiKey"] = ApiKey;
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.CreateClient().Dispose();
        _form = await _factory.CreateFormAsync("grenzen", change: form =>
        {
            var helped = form.FindField("wasHatGeholfen")!;
            helped.Regex = "^[A-Za-zÄÖÜäöüß ]+$";
            helped.MaxLength = 40;
        });
        await _factory.Services.GetRequiredService<FormDefinitionCache>().ReloadAsync();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Stores_the_entry_When_every_answer_keeps_the_rules()
    {
        var before = await CountAsync();

        using var response = await PostAsync(Values());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        Assert.That(await CountAsync(), Is.EqualTo(before + 1));
    }

    [TestCase("gemeindegroesse", null, TestName = "Answers_422_and_stores_nothing_When_a_mandatory_answer_is_missing")]
    [TestCase("gemeindegroesse", "\"   \"", TestName = "Answers_422_and_stores_nothing_When_a_mandatory_answer_is_blank")]
    [TestCase("einwilligung", null, TestName = "Answers_422_and_stores_nothing_When_the_consent_is_missing")]
    [TestCase("gemeindegroesse", "\"Millionenstadt\"", TestName = "Answers_422_and_stores_nothing_When_an_option_does_not_exist")]
    [TestCase("gemeindegroesse", "[\"über 100.000 Einwohner\", \"unter 5.000 Einwohner\"]", TestName = "Answers_422_and_stores_nothing_When_a_single_choice_gets_two_values")]
    [TestCase("initiativen", "[\"Foodsharing\", \"Foodsharing\"]", TestName = "Answers_422_and_stores_nothing_When_a_multiple_choice_repeats_a_value")]
    [TestCase("wasHatGeholfen", "\"Eine feste Ansprechperson, die wirklich immer da ist\"", TestName = "Answers_422_and_stores_nothing_When_an_answer_is_longer_than_its_max_length")]
    [TestCase("wasHatGeholfen", "\"=HYPERLINK(1)\"", TestName = "Answers_422_and_stores_nothing_When_an_answer_breaks_the_pattern")]
    [TestCase("bewertung", "\"11\"", TestName = "Answers_422_and_stores_nothing_When_a_rating_is_out_of_range")]
    [TestCase("gibtEsNicht", "\"x\"", TestName = "Answers_422_and_stores_nothing_When_a_field_does_not_exist")]
    public async Task Answers_422_and_stores_nothing_When_a_rule_is_broken(string alias, string? json)
    {
        var before = await CountAsync();
        var values = Values();
        if (json is null)
        {
            values.Remove(alias);
        }
        else
        {
            values[alias] = json;
        }

        using var response = await PostAsync(values);
        var body = await response.Content.ReadAsStringAsync();
        var after = await CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(body, Does.Contain($"\"{alias}\""), "the problem names the field");
            Assert.That(after, Is.EqualTo(before));
        });
    }

    private static Dictionary<string, string> Values() => new(StringComparer.Ordinal)
    {
        ["gemeindegroesse"] = "\"über 100.000 Einwohner\"",
        ["initiativen"] = "[\"Foodsharing\"]",
        ["bewertung"] = "\"4\"",
        ["wasHatGeholfen"] = "\"Eine feste Ansprechperson\"",
        ["einwilligung"] = "\"true\"",
    };

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> values)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        var json = "{ \"values\": { " + string.Join(", ", values.Select(v => $"\"{v.Key}\": {v.Value}")) + " } }";
        return await client.PostAsync(new Uri(Api + _form.Key, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private async Task<int> CountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.CountAsync(e => e.FormKey == _form.Key);
    }
}
