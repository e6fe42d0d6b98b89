using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>Umbraco Forms' headless API on the real site: definitions, entries, auth, limits, anonymity.</summary>
[TestFixture]
[NonParallelizable]
public sealed class FormsDeliveryApiTests
{
    private const string Api = "/umbraco/forms/delivery/api/v1/";
    private const string ApiKey = "it-forms-api-key-7c2f9d41b8";
    private const string UserAgent = "FormsApiProbeAgent/3.1 (anonymity-check-91ab)";
    private const string ForwardedFor = "198.51.100.213";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _factory.Settings["Forms:DeliveryApi:ApiKey"] = ApiKey;
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.Settings["Logging:LogLevel:Default"] = "Information";
        _factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private HttpClient Client(bool withKey = false)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        client.DefaultRequestHeaders.Referrer = new Uri("https://referrer-probe.example/forms-api");
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        }

        return client;
    }

    private async Task<int> EntryCountAsync(Guid? formKey = null)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var key = formKey ?? SurveyKey;
        return await db.FormEntries.CountAsync(e => e.FormKey == key);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ValidEntry(string extra = "", string? formToken = null) => $$"""
        {
          {{(formToken is null ? "" : $"\"formToken\": \"{formToken}\",")}}
          "values": {
            "gemeindegroesse": "über 100.000 Einwohner",
            "initiativen": ["Foodsharing", "Sonstige"],
            "initiativenSonstige": "Gemeinschaftsgarten am Bahnhof",
            "bewertung": "4",
            "wasHatGeholfen": "Eine feste Ansprechperson",
            "einwilligung": "true"{{extra}}
          },
          "contentId": "b4d1e0c2-7f3a-4c5e-9a1b-2d3e4f5a6b7c",
          "culture": "de-DE"
        }
        """;

    private async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"{(int)response.StatusCode}: not JSON: {text[..Math.Min(text.Length, 200)]}" + string.Join("\n", _factory.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(2)));
            throw;
        }
    }

    [Test]
    public async Task Returns_the_survey_in_Umbraco_Forms_shape_with_field_types_and_conditions_When_its_definition_is_requested()
    {
        using var response = await Client().GetAsync(Api + $"definitions/{SurveyKey}?contentId=1234&culture=de-DE");
        var form = await ReadJsonAsync(response);

        var fields = form.GetProperty("pages").EnumerateArray()
            .SelectMany(p => p.GetProperty("fieldsets").EnumerateArray())
            .SelectMany(s => s.GetProperty("columns").EnumerateArray())
            .SelectMany(c => c.GetProperty("fields").EnumerateArray())
            .ToDictionary(f => f.GetProperty("alias").GetString()!);
        var other = fields["initiativenSonstige"].GetProperty("condition");
        var size = fields["gemeindegroesse"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(form.GetProperty("id").GetString(), Is.EqualTo(SurveyKey.ToString("D")));
            Assert.That(form.GetProperty("name").GetString(), Is.EqualTo("Umfrage: Zusammenarbeit von Kommunen und Initiativen"));
            Assert.That(form.GetProperty("indicator").GetString(), Is.EqualTo("*"));
            Assert.That(form.GetProperty("messageOnSubmit").GetString(), Is.EqualTo("Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert."));
            Assert.That(form.GetProperty("submitLabel").GetString(), Is.Not.Empty);
            Assert.That(form.GetProperty("showValidationSummary").ValueKind, Is.EqualTo(JsonValueKind.True).Or.EqualTo(JsonValueKind.False));
            Assert.That(form.GetProperty("hideFieldValidation").GetBoolean(), Is.False);
            Assert.That(form.TryGetProperty("storeRecordsLocally", out _), Is.False, "internal settings stay inside");
            Assert.That(form.TryGetProperty("daysToRetainSubmittedRecordsFor", out _), Is.False);
            Assert.That(form.GetProperty("pages").GetArrayLength(), Is.EqualTo(2));
            Assert.That(fields.Keys, Is.SupersetOf(new[] { "gemeindegroesse", "fachbereich", "initiativen", "initiativenSonstige", "bewertung", "wasHatGeholfen", "einwilligung" }));
            Assert.That(size.GetProperty("type").GetProperty("id").GetString(), Is.EqualTo(FormFieldTypes.SingleChoiceId.ToString("D")));
            Assert.That(size.GetProperty("type").GetProperty("name").GetString(), Is.EqualTo("Single choice"));
            Assert.That(size.GetProperty("required").GetBoolean(), Is.True);
            Assert.That(size.GetProperty("requiredErrorMessage").GetString(), Is.EqualTo("Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“."));
            Assert.That(size.GetProperty("preValues").EnumerateArray().Select(p => p.GetProperty("value").GetString()), Does.Contain("20.000–100.000 Einwohner"));
            Assert.That(size.GetProperty("condition").GetProperty("rules").GetArrayLength(), Is.Zero);
            Assert.That(fields["initiativen"].GetProperty("type").GetProperty("name").GetString(), Is.EqualTo("Multiple choice"));
            Assert.That(fields["wasHatGeholfen"].GetProperty("type").GetProperty("name").GetString(), Is.EqualTo("Long answer"));
            Assert.That(fields["fachbereich"].GetProperty("placeholder").GetString(), Is.EqualTo("z. B. Umwelt, Stadtplanung, Bürgerbeteiligung"));
            Assert.That(fields["einwilligung"].GetProperty("type").GetProperty("id").GetString(), Is.EqualTo(FormFieldTypes.DataConsentId.ToString("D")));
            Assert.That(fields["einwilligung"].GetProperty("settings").GetProperty("acceptCopy").GetString(), Does.StartWith("Ich bin einverstanden"));
            Assert.That(other.GetProperty("actionType").GetString(), Is.EqualTo("Show"));
            Assert.That(other.GetProperty("logicType").GetString(), Is.EqualTo("All"));
            Assert.That(other.GetProperty("rules")[0].GetProperty("field").GetString(), Is.EqualTo(fields["initiativen"].GetProperty("id").GetString()));
            Assert.That(other.GetProperty("rules")[0].GetProperty("operator").GetString(), Is.EqualTo("Is"));
            Assert.That(other.GetProperty("rules")[0].GetProperty("value").GetString(), Is.EqualTo("Sonstige"));
        }
    }

    [Test]
    public async Task Runs_no_SQL_and_answers_304_with_the_same_ETag_When_the_definition_is_requested_again()
    {
        using var client = Client();
        using var warm = await client.GetAsync(Api + $"definitions/{SurveyKey}");
        var before = _factory.SqlCommands.Count;

        using var first = await client.GetAsync(Api + $"definitions/{SurveyKey}");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Api + $"definitions/{SurveyKey}");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, Api + $"definitions/{SurveyKey}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"anders\"", isWeak: true));
        using var third = await client.SendAsync(stale);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_factory.SqlCommands.Count, Is.EqualTo(before), "GET definitions must be served from memory");
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(first.Headers.ETag, Is.Not.Null);
            Assert.That(first.Headers.ETag, Is.EqualTo(warm.Headers.ETag));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase("definitions/0f0e0d0c-0b0a-4908-8706-050403020100")]
    [TestCase("definitions/keine-guid")]
    [TestCase("gibt-es-nicht")]
    public async Task Answers_404_problem_details_in_JSON_When_the_form_or_path_is_unknown(string path)
    {
        using var response = await Client().GetAsync(Api + path);
        var problem = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Nicht gefunden"));
        }
    }

    [TestCase("contentId=keine-id", "contentId")]
    [TestCase("culture=de_DE%3Cscript%3E", "culture")]
    [TestCase("contentId=-5&culture=de-DE", "contentId")]
    public async Task Answers_400_problem_details_naming_the_parameter_When_the_definition_is_requested_with_a_malformed_parameter(string query, string parameter)
    {
        using var response = await Client().GetAsync(Api + $"definitions/{SurveyKey}?{query}");
        var problem = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { parameter }));
            Assert.That(problem.GetProperty("errors").GetProperty(parameter)[0].GetString(), Does.Contain(parameter));
        }
    }

    [Test]
    public async Task Stores_one_entry_with_the_answers_and_answers_202_with_the_message_When_a_valid_entry_is_sent_with_the_api_key()
    {
        var before = await EntryCountAsync();

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry()));
        var body = await ReadJsonAsync(response);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var entry = await db.FormEntries.AsNoTracking().Where(e => e.FormKey == SurveyKey).OrderByDescending(e => e.Id).FirstAsync();
        var values = FormEntryValues.Deserialize(entry.ValuesJson);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
            Assert.That(body.GetProperty("messageOnSubmit").GetString(), Is.EqualTo("Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert."));
            Assert.That(body.GetProperty("messageOnSubmitIsHtml").GetBoolean(), Is.False);
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
            Assert.That(values["initiativen"].Values, Is.EqualTo(new[] { "Foodsharing", "Sonstige" }));
            Assert.That(values["initiativenSonstige"].Values, Is.EqualTo(new[] { "Gemeinschaftsgarten am Bahnhof" }));
            Assert.That(values["einwilligung"].Values, Is.EqualTo(new[] { "true" }));
            Assert.That(entry.SubmittedOn.TimeOfDay, Is.EqualTo(TimeSpan.Zero), "day precision");
            Assert.That(entry.ValuesJson, Does.Not.Contain("b4d1e0c2").And.Not.Contain("de-DE"), "contentId and culture are not stored");
        }
    }

    [Test]
    public async Task Answers_422_with_German_messages_keyed_by_alias_and_stores_nothing_When_answers_break_the_rules()
    {
        var before = await EntryCountAsync();
        var entry = $$"""
            {
              "values": {
                "initiativen": ["Foodsharing", "Kein solches Angebot"],
                "wasHatGeholfen": "{{new string('x', 4001)}}",
                "einwilligung": "true"
              }
            }
            """;

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(entry));
        var problem = await ReadJsonAsync(response);
        var errors = problem.GetProperty("errors");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(422));
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Einige Antworten sind nicht gültig."));
            Assert.That(errors.GetProperty("gemeindegroesse")[0].GetString(), Is.EqualTo("Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“."));
            Assert.That(errors.GetProperty("initiativen")[0].GetString(), Is.EqualTo("Bitte prüfen Sie Ihre Antwort auf die Frage „Mit welchen Arten von Initiativen arbeitet Ihre Kommune zusammen?“."));
            Assert.That(errors.GetProperty("wasHatGeholfen")[0].GetString(), Does.Contain("höchstens 4.000 Zeichen"));
            Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "gemeindegroesse", "initiativen", "wasHatGeholfen" }));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_422_naming_the_field_When_an_answer_names_a_field_the_form_does_not_have()
    {
        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry(", \"email\": \"a@b.example\"")));
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");

        Assert.That((response.StatusCode, errors.GetProperty("email")[0].GetString()),
            Is.EqualTo((HttpStatusCode.UnprocessableEntity, "Das Feld „email“ gibt es in diesem Formular nicht.")));
    }

    [TestCase(null, HttpStatusCode.Unauthorized, "RequestVerificationToken")]
    [TestCase("falscher-schluessel-123456", HttpStatusCode.Unauthorized, "Api-Key")]
    public async Task Rejects_with_problem_details_and_stores_nothing_When_neither_a_valid_api_key_nor_a_token_is_sent(string? key, HttpStatusCode expected, string named)
    {
        var before = await EntryCountAsync();
        using var client = Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Key", key);
        }

        using var response = await client.PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry()));
        var problem = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(named));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Stores_the_entry_When_a_browser_sends_the_antiforgery_token_of_the_page_in_the_header_and_rejects_a_forged_one()
    {
        var before = await EntryCountAsync();
        using var browser = _factory.CreateClient(); // keeps cookies, like a browser
        var page = await browser.GetStringAsync("/umfrage/");
        var token = new HtmlParser().ParseDocument(page).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.That(token, Is.Not.Null.And.Not.Empty);

        using var forged = new HttpRequestMessage(HttpMethod.Post, Api + $"entries/{SurveyKey}") { Content = Json(ValidEntry()) };
        forged.Headers.Add("RequestVerificationToken", "CfDJ8-gefaelscht");
        using var rejected = await browser.SendAsync(forged);
        using var valid = new HttpRequestMessage(HttpMethod.Post, Api + $"entries/{SurveyKey}") { Content = Json(ValidEntry(formToken: FormToken(shownAgo: TimeSpan.FromMinutes(2)))) };
        valid.Headers.Add("RequestVerificationToken", token);
        using var accepted = await browser.SendAsync(valid);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ReadJsonAsync(rejected)).GetProperty("detail").GetString(), Does.Contain("Antiforgery-Token"));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        }
    }

    /// <summary>A "form shown" token as GET definitions hands it out, shown <paramref name="shownAgo"/> before now.</summary>
    private string FormToken(TimeSpan shownAgo, Guid? formKey = null, TimeSpan? expiresIn = null)
    {
        var now = DateTimeOffset.UtcNow;
        return _factory.Services.GetRequiredService<FormShownTokenProtector>()
            .Protect(formKey ?? SurveyKey, now - shownAgo, now + (expiresIn ?? TimeSpan.FromHours(1)));
    }

    /// <summary>A client with the antiforgery cookie of the survey page and its request token (like a browser).</summary>
    private async Task<(HttpClient Browser, string Token)> BrowserAsync()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        var page = await browser.GetStringAsync("/umfrage/");
        var token = new HtmlParser().ParseDocument(page).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.That(token, Is.Not.Null.And.Not.Empty);
        return (browser, token!);
    }

    private static async Task<HttpResponseMessage> PostFromBrowserAsync(HttpClient browser, string antiforgeryToken, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api + $"entries/{SurveyKey}") { Content = Json(body) };
        request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        return await browser.SendAsync(request);
    }

    private async Task<string> LatestEntryValuesAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return (await db.FormEntries.AsNoTracking().Where(e => e.FormKey == SurveyKey).OrderByDescending(e => e.Id).FirstAsync()).ValuesJson;
    }

    [Test]
    public async Task Hands_out_a_fresh_form_token_and_the_honeypot_alias_and_keeps_the_ETag_When_the_definition_is_requested()
    {
        using var client = Client();
        using var first = await client.GetAsync(Api + $"definitions/{SurveyKey}");
        var body = await ReadJsonAsync(first);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Api + $"definitions/{SurveyKey}");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        var protector = _factory.Services.GetRequiredService<FormShownTokenProtector>();
        var token = body.GetProperty("formToken").GetString();
        var refreshed = notModified.Headers.TryGetValues("Form-Token", out var values) ? values.Single() : null;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("honeypotField").GetString(), Is.EqualTo(SurveyFormModel.HoneypotField));
            Assert.That(protector.ShownAt(token, SurveyKey), Is.Not.Null, "the token names the form and the time it was shown");
            Assert.That(protector.ShownAt(token, Guid.NewGuid()), Is.Null, "a token is bound to its form");
            Assert.That(first.Headers.CacheControl?.Private, Is.True, "the token is per visitor: no shared cache");
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(protector.ShownAt(refreshed, SurveyKey), Is.Not.Null, "a 304 carries a fresh token in the Form-Token header");
        }
    }

    [Test]
    public async Task Answers_202_and_stores_nothing_When_a_browser_fills_the_honeypot()
    {
        var before = await EntryCountAsync();
        var (browser, antiforgery) = await BrowserAsync();
        using var _ = browser;

        using var response = await PostFromBrowserAsync(browser, antiforgery,
            ValidEntry($", \"{SurveyFormModel.HoneypotField}\": \"https://spam.example\"", FormToken(shownAgo: TimeSpan.FromMinutes(2))));
        var body = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(body.GetProperty("messageOnSubmit").GetString(), Is.EqualTo("Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert."), "like success");
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_202_and_stores_nothing_When_a_browser_sends_the_entry_faster_than_the_minimum_fill_time()
    {
        var before = await EntryCountAsync();
        var (browser, antiforgery) = await BrowserAsync();
        using var _ = browser;
        using var definition = await browser.GetAsync(Api + $"definitions/{SurveyKey}");
        var formToken = (await ReadJsonAsync(definition)).GetProperty("formToken").GetString();

        using var response = await PostFromBrowserAsync(browser, antiforgery, ValidEntry(formToken: formToken));
        var body = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
            Assert.That(body.GetProperty("messageOnSubmit").GetString(), Is.Not.Empty, "like success");
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [TestCase("missing", "fehlt")]
    [TestCase("forged", "ungültig oder abgelaufen")]
    [TestCase("expired", "ungültig oder abgelaufen")]
    [TestCase("other-form", "ungültig oder abgelaufen")]
    [TestCase("wrong-type", "Zeichenkette")]
    public async Task Answers_400_naming_formToken_and_stores_nothing_When_a_browser_sends_no_valid_form_token(string kind, string message)
    {
        var before = await EntryCountAsync();
        var (browser, antiforgery) = await BrowserAsync();
        using var _ = browser;
        var body = kind switch
        {
            "missing" => ValidEntry(),
            "forged" => ValidEntry(formToken: "CfDJ8-gefaelschtes-token"),
            "expired" => ValidEntry(formToken: FormToken(shownAgo: TimeSpan.FromDays(2), expiresIn: TimeSpan.FromDays(-1))),
            "other-form" => ValidEntry(formToken: FormToken(shownAgo: TimeSpan.FromMinutes(2), formKey: Guid.NewGuid())),
            _ => ValidEntry().Replace("\"values\"", "\"formToken\": 42, \"values\"", StringComparison.Ordinal),
        };

        using var response = await PostFromBrowserAsync(browser, antiforgery, body);
        var problem = await ReadJsonAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").GetProperty("formToken")[0].GetString(), Does.Contain("formToken").And.Contain(message));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Stores_the_entry_without_the_honeypot_When_a_server_with_the_api_key_sends_no_form_token_and_a_filled_honeypot()
    {
        var before = await EntryCountAsync();
        var marker = "Server " + Guid.NewGuid().ToString("N")[..8];

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}",
            Json(ValidEntry($", \"erfahrungen\": \"{marker}\", \"{SurveyFormModel.HoneypotField}\": \"egal\"")));
        var latest = await LatestEntryValuesAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
            Assert.That(latest, Does.Contain(marker).And.Not.Contain(SurveyFormModel.HoneypotField));
        }
    }

    [Test]
    public async Task Holds_no_IP_or_user_agent_in_the_log_When_browser_posts_are_discarded_or_rejected_by_the_spam_defence()
    {
        var (browser, antiforgery) = await BrowserAsync();
        using var _ = browser;
        (await PostFromBrowserAsync(browser, antiforgery, ValidEntry($", \"{SurveyFormModel.HoneypotField}\": \"x\"", FormToken(TimeSpan.FromMinutes(2))))).Dispose();
        (await PostFromBrowserAsync(browser, antiforgery, ValidEntry(formToken: FormToken(TimeSpan.Zero)))).Dispose();
        (await PostFromBrowserAsync(browser, antiforgery, ValidEntry(formToken: "gefaelscht"))).Dispose();
        var log = _factory.Logs.Text;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(log, Does.Contain("/umbraco/forms/delivery/api/v1/entries/"), "the captured log should see the API posts");
            foreach (var secret in new[] { UserAgent, "FormsApiProbeAgent", ForwardedFor, "gefaelscht" })
            {
                Assert.That(log, Does.Not.Contain(secret), $"log holds {secret}");
            }
        }
    }

    [TestCase("{ \"values\": { \"gemeindegroesse\": ", "application/json", HttpStatusCode.BadRequest, "kein gültiges JSON")]
    [TestCase("{ \"values\": { \"gemeindegroesse\": { \"x\": 1 } } }", "application/json", HttpStatusCode.BadRequest, "Zeichenkette oder eine Liste")]
    [TestCase("{ \"values\": {}, \"remoteAddress\": \"1.2.3.4\" }", "application/json", HttpStatusCode.BadRequest, "nicht vorgesehen")]
    [TestCase("\"nur Text\"", "application/json", HttpStatusCode.BadRequest, "JSON-Objekt")]
    [TestCase("", "application/json", HttpStatusCode.BadRequest, "kein gültiges JSON")]
    [TestCase("gemeindegroesse=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "JSON")]
    public async Task Answers_4xx_with_a_clear_German_message_and_stores_nothing_When_the_body_is_malformed(string body, string mediaType, HttpStatusCode expected, string message)
    {
        var before = await EntryCountAsync();

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", new StringContent(body, Encoding.UTF8, mediaType));
        var text = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(text, Does.Contain(message));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_413_and_stores_nothing_When_the_body_is_larger_than_allowed()
    {
        var before = await EntryCountAsync();
        var huge = "{ \"values\": { \"erfahrungen\": \"" + new string('x', 300 * 1024) + "\" } }";

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(huge));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, Api + $"entries/{SurveyKey}")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var withoutLength = await Client(withKey: true).SendAsync(chunked);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(withoutLength.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_202_without_storing_When_the_form_does_not_store_entries()
    {
        var store = _factory.Services.GetRequiredService<FormDefinitionStore>();
        var form = (await store.GetAsync(SurveyKey))!;
        form.Key = Guid.NewGuid();
        form.Alias = "ohne-speichern-" + form.Key.ToString("N")[..8];
        form.StoreRecordsLocally = false;
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync())
        {
            db.FormDefinitions.Add(FormDefinitionStore.ToRecord(form, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await _factory.Services.GetRequiredService<FormDefinitionCache>().ReloadAsync();

        using var response = await Client(withKey: true).PostAsync(Api + $"entries/{form.Key}", Json(ValidEntry()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            Assert.That(await EntryCountAsync(form.Key), Is.Zero);
        }
    }

    [Test]
    public async Task Holds_no_IP_user_agent_or_referrer_in_the_database_file_or_the_log_When_entries_are_sent()
    {
        using (var accepted = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry())))
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        // Rejected posts are logged too: they must not carry them either.
        (await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json("{ \"values\": { \"gemeindegroesse\": \"nein\" } }"))).Dispose();
        (await Client().PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry()))).Dispose();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var file in Directory.GetFiles(_factory.TempDirectory, "site.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            bytes.AddRange(memory.ToArray());
        }

        var database = Encoding.Latin1.GetString([.. bytes]);
        var log = _factory.Logs.Text;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(log, Does.Contain("/umbraco/forms/delivery/api/v1/entries/"), "the captured log should see the API posts");
            foreach (var secret in new[] { UserAgent, "FormsApiProbeAgent", ForwardedFor, "referrer-probe", ApiKey })
            {
                Assert.That(database, Does.Not.Contain(secret), $"database holds {secret}");
                Assert.That(log, Does.Not.Contain(secret), $"log holds {secret}");
            }
        }
    }

    [Test]
    public async Task Appears_in_the_staff_CSV_export_When_a_survey_is_submitted_over_JSON()
    {
        const string Staff = "auswertung-forms-api@example.org";
        var marker = "Erfahrung über die API " + Guid.NewGuid().ToString("N")[..8];
        using (var accepted = await Client(withKey: true).PostAsync(Api + $"entries/{SurveyKey}", Json(ValidEntry($", \"erfahrungen\": \"{marker}\""))))
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        await _factory.CreateUserAsync(Staff, Initiativenberatung.Core.Users.BackOfficeRoles.Staff);
        using var staff = await _factory.SignedInClientAsync(Staff);
        using var export = await staff.GetAsync(new Uri($"/umbraco/forms/{SurveyKey}/export?format=csv&headers=aliases", UriKind.Relative));
        var rows = Forms.FormEntriesTests.ParseCsv(Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        var column = Array.IndexOf(rows[0], "erfahrungen");
        var row = rows.Single(r => column >= 0 && r[column] == marker);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(row[Array.IndexOf(rows[0], "initiativen")], Is.EqualTo("Foodsharing; Sonstige"));
            Assert.That(row[Array.IndexOf(rows[0], "gemeindegroesse")], Is.EqualTo("über 100.000 Einwohner"));
        }
    }

    [Test]
    public async Task Sends_CORS_headers_only_for_configured_origins_When_a_browser_asks_from_another_origin()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Api + $"entries/{SurveyKey}");
        preflight.Headers.Add("Origin", "https://fremd.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await Client().SendAsync(preflight);

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}

/// <summary>The site with the forms API left off (its default) and one allowed origin.</summary>
[TestFixture]
[NonParallelizable]
public sealed class FormsDeliveryApiDisabledTests
{
    private const string Entries = "/umbraco/forms/delivery/api/v1/entries/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:DeliveryApi:AllowedOrigins:0"] = "https://app.example.org";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Answers_404_and_stores_nothing_When_the_api_is_not_enabled()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("Api-Key", "irgendein-schluessel-123");

        using var definition = await client.GetAsync("/umbraco/forms/delivery/api/v1/definitions/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");
        using var entry = await client.PostAsync(Entries, new StringContent("{ \"values\": {} }", Encoding.UTF8, "application/json"));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await definition.Content.ReadAsStringAsync(), Does.Contain("Forms:DeliveryApi:Enabled"));
            Assert.That(entry.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await db.FormEntries.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task Allows_the_configured_origin_with_credentials_When_a_browser_sends_a_preflight()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Entries);
        preflight.Headers.Add("Origin", "https://app.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,requestverificationtoken");

        using var response = await _factory.CreateClient().SendAsync(preflight);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) ? origins.Single() : null, Is.EqualTo("https://app.example.org"));
            Assert.That(response.Headers.TryGetValues("Access-Control-Allow-Credentials", out var credentials) ? credentials.Single() : null, Is.EqualTo("true"));
        }
    }
}

/// <summary>The forms API shares the survey's rate limit (a tiny one here).</summary>
[TestFixture]
[NonParallelizable]
public sealed class FormsDeliveryApiRateLimitTests
{
    [Test]
    public async Task Answers_429_with_Retry_After_and_stores_nothing_When_more_posts_arrive_than_the_window_allows()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        factory.Settings["Forms:DeliveryApi:ApiKey"] = "rate-limit-test-key-0123";
        factory.Settings["Forms:Survey:RateLimitPermits"] = "2";
        factory.Settings["Forms:Survey:RateLimitWindowSeconds"] = "3600";
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Api-Key", "rate-limit-test-key-0123");
        const string Entries = "/umbraco/forms/delivery/api/v1/entries/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostAsync(Entries, new StringContent("{ \"values\": { \"gemeindegroesse\": \"unter 20.000 Einwohner\", \"einwilligung\": \"true\" } }", Encoding.UTF8, "application/json"));
            statuses.Add(last.StatusCode);
        }

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests }));
            Assert.That(last!.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(await last.Content.ReadAsStringAsync(), Does.Contain("zu viele Antworten"));
            Assert.That(await db.FormEntries.CountAsync(), Is.EqualTo(2));
        }

        last!.Dispose();
    }
}
