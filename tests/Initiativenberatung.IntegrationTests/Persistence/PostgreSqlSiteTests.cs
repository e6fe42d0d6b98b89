using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Content;
using Initiativenberatung.IntegrationTests.DeliveryApi;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Initiativenberatung.IntegrationTests.Persistence;

/// <summary>
/// The real site with <c>Database:Provider=PostgreSql</c> on a real PostgreSQL server (see <see cref="PostgreSqlTestRun"/>):
/// first boot, back-office publish, survey, entries and export, Delivery API.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgreSqlSiteTests
{
    private const string EditorEmail = "redaktion-pg@example.org";
    private const string StaffEmail = "auswertung-pg@example.org";
    private const string UserAgent = "PostgresProbeAgent/3.1 (anonymity-check-7c2a)";
    private const string ForwardedFor = "198.51.100.23";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _public = null!;
    private string _connectionString = "";

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _connectionString = await PostgreSqlTestRun.Server.CreateDatabaseAsync("site");
        _factory = new CmsWebApplicationFactory().UsePostgreSql(_connectionString);
        _factory.Settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
        _factory.Settings["Umbraco:CMS:DeliveryApi:ApiKey"] = DeliveryApiClient.ApiKey;
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000";
        _factory.Settings["Logging:LogLevel:Default"] = "Information";
        _public = _factory.CreateClient(new() { AllowAutoRedirect = false });
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(StaffEmail, BackOfficeRoles.Staff);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _public.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Migrates_imports_uSync_and_serves_the_cooperation_page_without_SQL_When_the_site_first_boots_on_PostgreSql()
    {
        await using var db = await Db();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        var contentTypes = await db.ContentTypes.CountAsync();
        var zoned = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name || '.' || column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'")
            .ToListAsync();
        var first = await _public.GetStringAsync(new Uri("/", UriKind.Relative));
        var before = _factory.SqlCommands.Count;
        for (var i = 0; i < 3; i++)
        {
            (await _public.GetAsync(new Uri("/", UriKind.Relative))).EnsureSuccessStatusCode();
            (await _public.GetAsync(new Uri("/umfrage/", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var document = new HtmlParser().ParseDocument(first);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(db.Database.ProviderName, Is.EqualTo("Npgsql.EntityFrameworkCore.PostgreSQL"));
            Assert.That(applied, Is.EqualTo(db.Database.GetMigrations().ToList()).And.Not.Empty, "every migration applied");
            Assert.That(applied[0], Does.EndWith("_Initial"), "the baseline first");
            Assert.That(pending, Is.Empty);
            Assert.That(contentTypes, Is.GreaterThan(0), "uSync imported");
            Assert.That(zoned, Is.EqualTo(new[] { "AspNetUsers.LockoutEnd" }), "DateTime columns are timestamp without time zone (UTC)");
            Assert.That(document.QuerySelector("h1")?.TextContent.Trim(), Is.EqualTo("Zusammenarbeit von Kommunen und Initiativen"));
            Assert.That(document.QuerySelector("main")?.TextContent, Does.Contain("Bürgerschaftliches Engagement ist ein wichtiger Zukunftsfaktor"));
            Assert.That(_factory.SqlCommands.Count - before, Is.Zero, "page views are served from the snapshot");
        }
    }

    [Test]
    public async Task Shows_the_new_intro_and_audits_it_When_an_editor_publishes_in_the_back_office()
    {
        using var editor = await _factory.SignedInClientAsync(EditorEmail);
        var form = await editor.EditFormAsync(Home);
        form.Set("p.intro", "Auf PostgreSQL veröffentlicht: Kommunen & Initiativen.");

        using var published = await editor.PostEditAsync(Home, "Publish", form);
        var page = await _public.GetStringAsync(new Uri("/", UriKind.Relative));
        var trail = await _factory.Services.GetRequiredService<AuditService>().ForEntityAsync(Home);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await published.Content.ReadAsStringAsync());
            Assert.That(page, Does.Contain("Auf PostgreSQL veröffentlicht: Kommunen &amp; Initiativen."));
            Assert.That(trail.Select(a => (a.Action, a.UserName)), Does.Contain((AuditActions.Publish, EditorEmail)));
            Assert.That(trail.Single(a => a.Action == AuditActions.Publish && a.UserName == EditorEmail).Timestamp, Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(5)),
                "UTC timestamps round-trip unchanged");
        }
    }

    [Test]
    public async Task Stores_one_entry_When_the_final_survey_post_is_replayed_in_a_burst_on_PostgreSql()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var visitor = new SurveyClient(_factory, client);
        await visitor.OpenAsync();
        using var next = await visitor.PostAsync(
            [new("gemeindegroesse", "unter 20.000 Einwohner"), new("fachbereich", "Wiederholung PG"), new("initiativen", "Urbane Gärten")], "weiter");
        var final = visitor.AgedState(TimeSpan.FromMinutes(2));
        await using var db = await Db();
        var before = await db.FormEntries.CountAsync(e => e.FormKey == FormEntriesTestSite.SurveyKey);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            visitor.PostAsync([new("wasHatGeholfen", "Kurze Wege"), new("einwilligung", "true")], "absenden", state: final)));
        using var again = await visitor.PostAsync([new("wasHatGeholfen", "Kurze Wege"), new("einwilligung", "true")], "absenden", state: final);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Append(again).Select(a => a.StatusCode), Has.All.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(await db.FormEntries.CountAsync(e => e.FormKey == FormEntriesTestSite.SurveyKey), Is.EqualTo(before + 1));
            Assert.That(await db.UsedFormTokens.CountAsync(), Is.GreaterThanOrEqualTo(1));
        }
    }

    [Test]
    public async Task Stores_the_answers_and_no_IP_user_agent_or_referrer_When_a_survey_is_submitted()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        client.DefaultRequestHeaders.Referrer = new Uri("https://referrer-probe.example/pg-path");
        var visitor = new SurveyClient(_factory, client);
        await visitor.OpenAsync();
        using var next = await visitor.PostAsync(
            [new("gemeindegroesse", "20.000–100.000 Einwohner"), new("fachbereich", "Umwelt"), new("initiativen", "Urbane Gärten")], "weiter");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), visitor.Html);

        using var sent = await visitor.PostAsync(
            [new("wasHatGeholfen", "Kurze Wege"), new("angebote", "Workshops"), new("einwilligung", "true")], "absenden",
            state: visitor.AgedState(TimeSpan.FromMinutes(2)));

        await using var db = await Db();
        var entry = await db.FormEntries.AsNoTracking().Where(e => e.FormKey == FormEntriesTestSite.SurveyKey).OrderByDescending(e => e.Id).FirstAsync();
        var values = FormEntryValues.Deserialize(entry.ValuesJson);
        var everything = await AllRowsAsTextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), visitor.Html);
            Assert.That(values["initiativen"].Values, Is.EqualTo(new[] { "Urbane Gärten" }));
            Assert.That(values["wasHatGeholfen"].Values, Is.EqualTo(new[] { "Kurze Wege" }));
            Assert.That(entry.SubmittedOn, Is.EqualTo(DateTime.UtcNow.Date).Within(TimeSpan.FromDays(1)));
            Assert.That(entry.SubmittedOn.TimeOfDay, Is.EqualTo(TimeSpan.Zero), "day precision");
            Assert.That(everything, Does.Contain("Kurze Wege"), "the dump sees the stored answers");
            foreach (var secret in new[] { "PostgresProbeAgent", ForwardedFor, "referrer-probe" })
            {
                Assert.That(everything, Does.Not.Contain(secret), $"database holds {secret}");
                Assert.That(_factory.Logs.Text, Does.Not.Contain(secret), $"log holds {secret}");
            }
        }
    }

    [Test]
    public async Task Lists_filters_ignoring_case_and_streams_the_csv_export_When_staff_opens_the_entries()
    {
        var form = await _factory.CreateFormAsync("pg-eintraege");
        var match = await _factory.AppendAsync(form, ("fachbereich", ["Stadtplanung"]));
        var other = await _factory.AppendAsync(form, ("fachbereich", ["Kämmerei"]));
        using var staff = await _factory.SignedInClientAsync(StaffEmail);

        var list = await staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?cols=fachbereich", UriKind.Relative));
        var filtered = await staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/entries?q=STADTPLAN&cols=fachbereich", UriKind.Relative));
        using var export = await staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&from=&to=", UriKind.Relative));
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = FormEntriesTests.ParseCsv(csv);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list, Does.Contain($"/entries/{match.Id}\"").And.Contain($"/entries/{other.Id}\"").And.Contain("Kämmerei"));
            Assert.That(filtered, Does.Contain($"/entries/{match.Id}\"").And.Not.Contain($"/entries/{other.Id}\""),
                "the free-text filter ignores case as on SQLite");
            Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK), csv);
            Assert.That(export.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(rows.Skip(1).Select(r => r[0]), Is.EquivalentTo(new[] { match.Id, other.Id }.Select(id => id.ToString(CultureInfo.InvariantCulture))));
            Assert.That(csv, Does.Contain("Stadtplanung").And.Contain("Kämmerei"));
        }
    }

    [Test]
    public async Task Returns_the_cooperation_page_When_the_Delivery_API_is_asked_on_PostgreSql()
    {
        var home = await _public.GetJsonAsync("content/item/");
        var byId = await _public.GetJsonAsync($"content/item/{Home:D}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(home.Str("id"), Is.EqualTo(Home.ToString()));
            Assert.That(home.Str("contentType"), Is.EqualTo("cooperationPage"));
            Assert.That(home.Props().GetProperty("headline").GetString(), Is.EqualTo("Zusammenarbeit von Kommunen und Initiativen"));
            Assert.That(home.Blocks(), Has.Length.EqualTo(7));
            Assert.That(byId.Str("id"), Is.EqualTo(Home.ToString()));
        }
    }

    private async Task<CmsDbContext> Db() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();

    /// <summary>Every row of every table of the site's database as text (the PostgreSQL counterpart of reading the SQLite file).</summary>
    private async Task<string> AllRowsAsTextAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await dump.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}
