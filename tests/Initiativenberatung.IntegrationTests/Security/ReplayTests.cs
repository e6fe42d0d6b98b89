using System.Net;
using System.Text;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Forms;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Replay of public form posts: a survey's signed page state and a Forms API <c>formToken</c> are single-use. A replayed
/// final post gets the normal answer (303 to the thank-you page, 202) and stores nothing; the spent id is in the database
/// (same transaction as the entry), so another node sharing it refuses the replay too, and a burst of copies stores one.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReplayTests
{
    private const string ApiKey = "it-replay-api-key-5d8e1f20c4";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private static readonly KeyValuePair<string, string>[] FirstPage =
    [
        new("gemeindegroesse", "20.000–100.000 Einwohner"),
        new("fachbereich", "Wiederholung"),
        new("initiativen", "Urbane Gärten"),
    ];

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
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _factory.Settings["Forms:DeliveryApi:ApiKey"] = ApiKey;
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Stores_one_entry_and_answers_every_copy_with_the_thank_you_page_When_the_final_survey_post_is_sent_five_times()
    {
        var visitor = Visitor(_factory);
        var final = await FinalStateAsync(visitor);
        var before = await EntryCountAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await visitor.PostAsync(SecondPage, "absenden", state: final));
        }

        // Any later post of the spent survey (here: back to page one) is answered like the completed survey, too.
        var previous = await visitor.PostAsync(SecondPage, "zurueck", state: final);

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.StatusCode), Has.All.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(answers.Select(a => a.Headers.Location?.ToString()).Distinct(), Is.EqualTo(new[] { $"/formulare/danke/{SurveyKey}" }));
            Assert.That(previous.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        });
    }

    [Test]
    public async Task Stores_one_entry_When_copies_of_the_final_survey_post_arrive_in_one_burst()
    {
        var visitor = Visitor(_factory);
        var final = await FinalStateAsync(visitor);
        var before = await EntryCountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => visitor.PostAsync(SecondPage, "absenden", state: final)));

        Assert.That(answers.Select(a => a.StatusCode), Has.All.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task Refuses_the_replay_on_another_node_When_the_nodes_share_the_database()
    {
        var visitor = Visitor(_factory);
        var final = await FinalStateAsync(visitor);
        using var first = await visitor.PostAsync(SecondPage, "absenden", state: final);
        var before = await EntryCountAsync();

        using var otherNode = new CmsWebApplicationFactory();
        otherNode.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_factory.TempDirectory, "site.db")}";
        var replayer = Visitor(otherNode);
        await replayer.OpenAsync(); // a fresh antiforgery token of that node, the spent state of the first
        using var replay = await replayer.PostAsync(SecondPage, "absenden", state: final);

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Stores_one_entry_and_answers_202_every_time_When_one_form_token_is_posted_five_times()
    {
        var (browser, antiforgery) = await BrowserAsync();
        var formToken = _factory.Services.GetRequiredService<FormShownTokenProtector>()
            .Protect(SurveyKey, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddHours(1));
        var before = await EntryCountAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FormsDeliveryApiEndpoints.RoutePrefix + $"/entries/{SurveyKey}") { Content = Json(ApiEntry(formToken)) };
            request.Headers.Add("RequestVerificationToken", antiforgery);
            using var response = await browser.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task Stores_every_post_When_a_server_caller_with_the_api_key_sends_the_same_answers_three_times()
    {
        using var server = _factory.CreateClient();
        server.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        var before = await EntryCountAsync();

        for (var i = 0; i < 3; i++)
        {
            using var response = await server.PostAsync(FormsDeliveryApiEndpoints.RoutePrefix + $"/entries/{SurveyKey}", Json(ApiEntry(formToken: null)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        Assert.That(await EntryCountAsync(), Is.EqualTo(before + 3));
    }

    [Test]
    public async Task Isolates_the_duplicate_and_commits_the_rest_When_a_burst_holds_a_spent_token_twice()
    {
        var store = _factory.Services.GetRequiredService<FormEntryStore>();
        var form = _factory.Services.GetRequiredService<Initiativenberatung.Web.Forms.Survey.FormDefinitionCache>().Get(SurveyKey)!;
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var shared = SubmissionToken.For("test", Guid.NewGuid().ToString("N"), expires);
        var before = await EntryCountAsync();

        var appends = Enumerable.Range(0, 20)
            .Select(i => store.AppendOnceAsync(form, Answer($"Burst {i}"), i % 4 == 0 ? shared : SubmissionToken.For("test", Guid.NewGuid().ToString("N"), expires)))
            .Concat(Enumerable.Range(0, 5).Select(i => store.AppendOnceAsync(form, Answer($"ohne Token {i}"), null)))
            .ToList();
        var results = await Task.WhenAll(appends);

        Assert.Multiple(async () =>
        {
            Assert.That(results.Count(r => r is null), Is.EqualTo(4), "four of the five copies of the shared token are refused");
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 21));
        });
    }

    [Test]
    public async Task Purges_spent_tokens_that_expired_and_keeps_the_others_When_the_retention_job_runs()
    {
        var expired = SubmissionToken.For("test", "abgelaufen", DateTimeOffset.UtcNow.AddMinutes(-1));
        var valid = SubmissionToken.For("test", "gueltig", DateTimeOffset.UtcNow.AddHours(1));
        var store = _factory.Services.GetRequiredService<FormEntryStore>();
        var form = _factory.Services.GetRequiredService<Initiativenberatung.Web.Forms.Survey.FormDefinitionCache>().Get(SurveyKey)!;
        await store.AppendOnceAsync(form, Answer("alt"), expired);
        await store.AppendOnceAsync(form, Answer("neu"), valid);

        await _factory.Services.GetRequiredService<FormEntriesRetentionJob>().RunOnceAsync();

        Assert.That(await store.IsSpentAsync(expired), Is.False);
        Assert.That(await store.IsSpentAsync(valid), Is.True);
    }

    private static KeyValuePair<string, FormEntryValue>[] Answer(string text) =>
        [KeyValuePair.Create("fachbereich", new FormEntryValue("In welchem Fachbereich arbeiten Sie?", [text]))];

    private static SurveyClient Visitor(CmsWebApplicationFactory site) =>
        new(site, site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>Answers page one and returns the page-two state, aged past the minimum fill time.</summary>
    private static async Task<string> FinalStateAsync(SurveyClient visitor)
    {
        await visitor.OpenAsync();
        using var next = await visitor.PostAsync(FirstPage, "weiter");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), visitor.Html);
        return visitor.AgedState(TimeSpan.FromMinutes(2));
    }

    private async Task<(HttpClient Browser, string Token)> BrowserAsync()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var visitor = new SurveyClient(_factory, browser);
        await visitor.OpenAsync();
        return (browser, visitor.Token);
    }

    private async Task<int> EntryCountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.CountAsync(e => e.FormKey == SurveyKey);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ApiEntry(string? formToken) => $$"""
        {
          {{(formToken is null ? "" : $"\"formToken\": \"{formToken}\",")}}
          "values": {
            "gemeindegroesse": "über 100.000 Einwohner",
            "initiativen": ["Foodsharing"],
            "wasHatGeholfen": "Eine feste Ansprechperson",
            "einwilligung": "true"
          }
        }
        """;
}
