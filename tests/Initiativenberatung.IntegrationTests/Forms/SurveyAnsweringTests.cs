using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>The public survey on the real site: answering, spam defence, server-side limits and anonymity.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SurveyAnsweringTests
{
    private const string UserAgent = "SurveyProbeAgent/9.7 (anonymity-check-5e1d)";
    private const string ForwardedFor = "203.0.113.177";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private static readonly KeyValuePair<string, string>[] FirstPage =
    [
        new("gemeindegroesse", "20.000–100.000 Einwohner"),
        new("fachbereich", "Umwelt; \"Klima\" = Zukunft"),
        new("initiativen", "Urbane Gärten"),
        new("initiativen", "Reparatur-Cafés"),
    ];

    private static readonly KeyValuePair<string, string>[] SecondPage =
    [
        new("wasHatGeholfen", "Kurze Wege\nim Rathaus"),
        new("angebote", "Workshops"),
        new("einwilligung", "true"),
    ];

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.Settings["Logging:LogLevel:Default"] = "Information";
        _factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private SurveyClient NewVisitor()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        client.DefaultRequestHeaders.Referrer = new Uri("https://referrer-probe.example/secret-path");
        return new SurveyClient(_factory, client);
    }

    private async Task<List<FormEntry>> EntriesAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.AsNoTracking().Where(e => e.FormKey == SurveyKey).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Answers page one, goes on, answers page two and submits with a state older than the minimum fill time.</summary>
    private static async Task<HttpResponseMessage> SubmitValidAsync(SurveyClient visitor, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        await visitor.OpenAsync();
        var next = await visitor.PostAsync(FirstPage, "weiter");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), visitor.Html);
        return await visitor.PostAsync(SecondPage.Concat(extra ?? []), "absenden", state: visitor.AgedState(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task Stores_exact_values_and_captions_at_day_precision_and_redirects_303_to_the_thank_you_message_When_a_valid_survey_is_submitted()
    {
        var before = (await EntriesAsync()).Count;
        var visitor = NewVisitor();

        var response = await SubmitValidAsync(visitor);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        var location = response.Headers.Location!.ToString();
        var thanks = await visitor.Http.GetStringAsync(location);
        var entries = await EntriesAsync();
        var entry = entries[^1];
        var values = FormEntryValues.Deserialize(entry.ValuesJson);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries, Has.Count.EqualTo(before + 1));
            Assert.That(location, Does.Not.Contain(entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/").And.StartWith("/formulare/danke/"));
            Assert.That(thanks, Does.Contain("Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert."));
            Assert.That(entry.SubmittedOn, Is.EqualTo(DateTime.UtcNow.Date).Within(TimeSpan.FromDays(1)));
            Assert.That(entry.SubmittedOn.TimeOfDay, Is.EqualTo(TimeSpan.Zero));
            Assert.That(values["gemeindegroesse"].Caption, Is.EqualTo("Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?"));
            Assert.That(values["gemeindegroesse"].Values, Is.EqualTo(new[] { "20.000–100.000 Einwohner" }));
            Assert.That(values["wasHatGeholfen"].Caption, Is.EqualTo("Was hat die Zusammenarbeit erleichtert?"));
            Assert.That(values["fachbereich"].Values, Is.EqualTo(new[] { "Umwelt; \"Klima\" = Zukunft" }));
            Assert.That(values["initiativen"].Values, Is.EqualTo(new[] { "Urbane Gärten", "Reparatur-Cafés" }));
            Assert.That(values["wasHatGeholfen"].Values, Is.EqualTo(new[] { "Kurze Wege\nim Rathaus" }));
            Assert.That(values["angebote"].Values, Is.EqualTo(new[] { "Workshops" }));
            Assert.That(values["einwilligung"].Values, Is.EqualTo(new[] { "true" }));
            Assert.That(values.Keys, Does.Not.Contain("initiativenSonstige"));
        }
    }

    [Test]
    public async Task Keeps_the_answers_of_page_one_When_the_visitor_goes_on_and_back()
    {
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        await visitor.PostAsync(FirstPage, "weiter");
        Assert.That(visitor.Html, Does.Contain("Seite 2 von 2"));

        var back = await visitor.PostAsync([new("wasHatGeholfen", "Zwischenstand")], "zurueck");

        var document = new HtmlParser().ParseDocument(visitor.Html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document.QuerySelector("input[name=gemeindegroesse][value='20.000–100.000 Einwohner']")?.HasAttribute("checked"), Is.True);
            Assert.That(document.QuerySelector("input[name=fachbereich]")?.GetAttribute("value"), Is.EqualTo("Umwelt; \"Klima\" = Zukunft"));
            Assert.That(visitor.Html, Does.Contain("Seite 1 von 2"));
        }
    }

    [Test]
    public async Task Holds_no_IP_user_agent_or_referrer_in_the_database_file_or_the_log_When_a_survey_is_submitted()
    {
        var visitor = NewVisitor();
        Assert.That((await SubmitValidAsync(visitor)).StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        // A rejected post is logged too: it must not carry them either.
        await visitor.PostAsync([new("gemeindegroesse", "gibt es nicht")], "weiter");
        await visitor.PostAsync(FirstPage, "weiter", withToken: false);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(_factory.TempDirectory, "site.db*");
        var bytes = new List<byte>();
        foreach (var file in files)
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
            Assert.That(log, Does.Contain("/formulare/absenden"), "the captured log should see the survey posts");
            foreach (var secret in new[] { UserAgent, "SurveyProbeAgent", ForwardedFor, "referrer-probe" })
            {
                Assert.That(database, Does.Not.Contain(secret), $"database holds {secret}");
                Assert.That(log, Does.Not.Contain(secret), $"log holds {secret}");
            }
        }
    }

    [Test]
    public async Task Answers_like_success_and_stores_nothing_When_the_honeypot_is_filled()
    {
        var before = (await EntriesAsync()).Count;

        var response = await SubmitValidAsync(NewVisitor(), [new("__homepage", "https://spam.example")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(response.Headers.Location?.ToString(), Does.StartWith("/formulare/danke/"));
            Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Answers_like_success_and_stores_nothing_When_the_survey_is_sent_faster_than_the_minimum_fill_time()
    {
        var before = (await EntriesAsync()).Count;
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        await visitor.PostAsync(FirstPage, "weiter");

        var response = await visitor.PostAsync(SecondPage, "absenden");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Rejects_with_400_naming_the_field_When_an_answer_is_longer_than_allowed()
    {
        var before = (await EntriesAsync()).Count;
        var visitor = NewVisitor();
        await visitor.OpenAsync();

        var response = await visitor.PostAsync([new("gemeindegroesse", "unter 20.000 Einwohner"), new("fachbereich", new string('x', 256))], "weiter");

        var document = new HtmlParser().ParseDocument(visitor.Html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(document.QuerySelector("[role=alert]")?.TextContent, Does.Contain("„In welchem Fachbereich arbeiten Sie?“ darf höchstens 255 Zeichen lang sein."));
            Assert.That(document.QuerySelector("[role=alert] a")?.GetAttribute("href"), Is.EqualTo("#f-fachbereich"));
            Assert.That(document.QuerySelector("#f-fachbereich")?.GetAttribute("aria-invalid"), Is.EqualTo("true"));
            Assert.That(document.QuerySelector("#f-fachbereich")?.GetAttribute("aria-describedby"), Does.Contain("f-fachbereich-fehler"));
            Assert.That(document.QuerySelector("#f-fachbereich-fehler")?.TextContent, Does.Contain("255 Zeichen"));
            Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Rejects_with_400_naming_the_field_When_an_option_does_not_exist()
    {
        var visitor = NewVisitor();
        await visitor.OpenAsync();

        var response = await visitor.PostAsync([new("gemeindegroesse", "eine Million Einwohner")], "weiter");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(visitor.Html, Does.Contain("Bitte prüfen Sie Ihre Antwort auf die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“."));
        }
    }

    [Test]
    public async Task Shows_German_errors_for_a_missing_mandatory_answer_When_page_one_is_sent_empty()
    {
        var visitor = NewVisitor();
        await visitor.OpenAsync();

        var response = await visitor.PostAsync([], "weiter");

        var document = new HtmlParser().ParseDocument(visitor.Html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(document.QuerySelector("[role=alert] a[href='#f-gemeindegroesse-0']")?.TextContent,
                Is.EqualTo("Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“."));
            Assert.That(document.QuerySelector("#f-gemeindegroesse-0")?.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        }
    }

    [Test]
    public async Task Rejects_with_a_German_400_page_When_the_antiforgery_token_is_missing()
    {
        var before = (await EntriesAsync()).Count;
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        await visitor.PostAsync(FirstPage, "weiter");

        var response = await visitor.PostAsync(SecondPage, "absenden", withToken: false, state: visitor.AgedState(TimeSpan.FromMinutes(2)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(visitor.Html, Does.Contain("Die Sicherheitsprüfung des Formulars ist fehlgeschlagen"));
            Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Runs_no_SQL_and_sets_no_cookie_but_antiforgery_When_the_survey_page_is_requested()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        await client.GetAsync("/umfrage/"); // warm-up (view compilation)
        var before = _factory.SqlCommands.Count;

        using var response = await client.GetAsync("/umfrage/");
        var html = await response.Content.ReadAsStringAsync();

        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("name=\"__state\"").And.Contain("Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?"));
            Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
            Assert.That(cookies, Is.Not.Empty);
            Assert.That(cookies, Has.All.StartWith(".AspNetCore.Antiforgery."));
        }
    }

    [Test]
    public async Task Gives_every_visitor_an_own_token_and_state_and_denies_framing_When_the_survey_page_is_requested_twice()
    {
        var first = NewVisitor();
        var second = NewVisitor();

        var response = await first.OpenAsync();
        await second.OpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Token, Is.Not.Empty.And.Not.EqualTo(second.Token), "the page with the form must never come from the output cache");
            Assert.That(first.State, Is.Not.Empty.And.Not.EqualTo(second.State));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        }
    }

    [Test]
    public async Task Shows_the_changed_caption_without_SQL_When_the_form_definition_changed_and_the_snapshot_was_rebuilt()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>();
        string original;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var record = await db.FormDefinitions.SingleAsync(f => f.Key == SurveyKey);
            original = record.DefinitionJson;
            record.DefinitionJson = original.Replace("In welchem Fachbereich arbeiten Sie?", "In welchem Amt arbeiten Sie?", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        try
        {
            await _factory.Services.GetRequiredService<Initiativenberatung.Infrastructure.Publishing.PublishedSnapshotService>().RebuildAsync();
            var visitor = NewVisitor();
            await visitor.OpenAsync();
            var before = _factory.SqlCommands.Count;
            await visitor.OpenAsync();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(visitor.Html, Does.Contain("In welchem Amt arbeiten Sie?").And.Not.Contain("In welchem Fachbereich arbeiten Sie?"));
                Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
            }
        }
        finally
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var record = await db.FormDefinitions.SingleAsync(f => f.Key == SurveyKey);
            record.DefinitionJson = original;
            await db.SaveChangesAsync();
            await _factory.Services.GetRequiredService<Initiativenberatung.Infrastructure.Publishing.PublishedSnapshotService>().RebuildAsync();
        }
    }

    [Test]
    public async Task Answers_every_malformed_post_with_4xx_and_stores_nothing_When_300_random_posts_arrive()
    {
        var before = (await EntriesAsync()).Count;
        var random = new Random(4711);
        var visitor = NewVisitor();
        await visitor.OpenAsync();
        var aliases = new[] { "gemeindegroesse", "fachbereich", "initiativen", "bewertung", "einwilligung", "erfahrungen", "unbekannt", "__state", "" };
        var failures = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, SurveyClient.PostPath);
            var kind = i % 10;
            var noise = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                $"{Uri.EscapeDataString(aliases[random.Next(aliases.Length)])}={Uri.EscapeDataString(RandomText(random, random.Next(0, 300)))}");
            var token = kind == 0 ? "" : $"__RequestVerificationToken={Uri.EscapeDataString(visitor.Token)}&";
            var state = kind == 1 ? $"__state={RandomText(random, 40)}&" : $"__state={Uri.EscapeDataString(visitor.State)}&";
            var violation = kind switch
            {
                2 => $"gemeindegroesse={Uri.EscapeDataString(RandomText(random, 20))}",
                3 => $"fachbereich={new string('y', 256 + random.Next(5000))}&gemeindegroesse=unter%2020.000%20Einwohner",
                4 => $"unbekannt{random.Next()}=1&gemeindegroesse=unter%2020.000%20Einwohner",
                5 => "gemeindegroesse=%C3%28%FF%FE&fachbereich=%ED%A0%80",
                6 => $"gemeindegroesse=unter%2020.000%20Einwohner&{Uri.EscapeDataString(RandomText(random, 30))}=x",
                7 => "gemeindegroesse=unter%2020.000%20Einwohner&gemeindegroesse=%C3%BCber%20100.000%20Einwohner",
                _ => "",
            };
            var body = token + state + "__aktion=" + (random.Next(3) switch { 0 => "weiter", 1 => "absenden", _ => RandomText(random, 5) }) + "&" + violation + "&" + string.Join('&', noise);
            if (kind == 8)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body + "&x=" + new string('z', 300_000)));
                request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            }
            else if (kind == 9)
            {
                var bytes = new byte[random.Next(1, 2000)];
                random.NextBytes(bytes);
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(3) switch
                {
                    0 => "application/json",
                    1 => "multipart/form-data; boundary=zzz",
                    _ => "application/x-www-form-urlencoded; charset=utf-8",
                });
            }
            else
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            }

            using var response = await visitor.Http.SendAsync(request);
            if ((int)response.StatusCode is < 400 or >= 500)
            {
                failures.Add($"#{i} kind {kind}: {(int)response.StatusCode} for {body[..Math.Min(body.Length, 200)]}");
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failures, Is.Empty);
            Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
        }
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcxyzÄÖÜß€😀\u0000\u200b<>&=;\"'%\r\n\t+-@ ";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}

/// <summary>The rate limit of the survey post, on a site with a small limit.</summary>
[TestFixture]
public sealed class SurveyRateLimitTests
{
    [Test]
    public async Task Answers_429_with_a_German_page_When_more_posts_than_the_limit_arrive_in_one_window()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["Forms:Survey:RateLimitPermits"] = "3";
        factory.Settings["Forms:Survey:RateLimitWindowSeconds"] = "600";
        var visitor = new SurveyClient(factory, factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await visitor.OpenAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await visitor.PostAsync([], "weiter")).StatusCode);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }));
            Assert.That(visitor.Html, Does.Contain("zu viele Antworten in kurzer Zeit"));
        }
    }
}
