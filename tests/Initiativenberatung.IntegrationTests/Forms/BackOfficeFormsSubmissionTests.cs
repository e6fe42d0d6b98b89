using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>
/// Every form of the forms pages submitted as a browser would (default filter of the last month active), the bulk state
/// change with that filter, and the back office's own error page and log line.
/// </summary>
[TestFixture]
public sealed partial class BackOfficeFormsSubmissionTests
{
    private const string Admin = "admin-submit@example.org";
    private const string Staff = "auswertung-submit@example.org";
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _staff = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Logging:LogLevel:Default"] = "Information";
        _factory.CreateClient().Dispose();
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
        _staff = await _factory.SignedInClientAsync(Staff);
        _admin = await _factory.SignedInClientAsync(Admin);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _staff.Dispose();
        _admin.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Answers_neither_400_nor_500_When_every_form_of_the_forms_pages_is_submitted_with_the_default_filter()
    {
        var form = await _factory.CreateFormAsync("alle-formulare");
        var first = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("einwilligung", ["true"]));
        await _factory.AppendAsync(form, ("fachbereich", ["Bauen"]));
        var pages = new[]
        {
            "/umbraco/forms",
            $"/umbraco/forms/{form.Key}/entries/{first.Id}",
            $"/umbraco/forms/{form.Key}/results",
            $"/umbraco/forms/{form.Key}/entries", // last: its delete button removes the entry
        };
        var sent = new List<string>();
        var failures = new List<string>();

        foreach (var page in pages)
        {
            await SubmitAllAsync(_staff, page, first.Id, sent, failures, depth: 0);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failures, Is.Empty);
            Assert.That(sent, Has.Some.Contains("Ausgewählte freigeben").And.Some.Contains("zurücksetzen")
                .And.Some.Contains("Auswahl löschen").And.Some.Contains("Filter anwenden").And.Some.Contains("Gefilterte Einträge exportieren")
                .And.Some.Contains("Auswahl als CSV").And.Some.Contains("Auswahl als Excel").And.Some.Contains("Endgültig löschen"));
        }
    }

    [Test]
    public async Task Answers_neither_400_nor_500_When_an_administrator_submits_the_delete_form_page()
    {
        var form = await _factory.CreateFormAsync("formular-weg");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));
        var sent = new List<string>();
        var failures = new List<string>();

        await SubmitAllAsync(_admin, $"/umbraco/forms/{form.Key}/delete", 0, sent, failures, depth: 0);

        Assert.That(failures, Is.Empty);
        Assert.That(sent, Has.Some.Contains("Formular und Einträge löschen"));
    }

    [Test]
    public async Task Approves_and_resets_the_selected_entries_When_the_bulk_buttons_are_used_with_the_default_filter()
    {
        var form = await _factory.CreateFormAsync("bulk-standardfilter");
        var a = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        var b = await _factory.AppendAsync(form, ("fachbereich", ["B"]));
        var list = $"/umbraco/forms/{form.Key}/entries";

        var approved = await PressAsync(list, "Ausgewählte freigeben", a.Id);
        var afterApprove = (await StatesAsync(form.Key))[a.Id];
        var reset = await PressAsync(list, "auf „Eingegangen“ zurücksetzen", a.Id);
        var states = await StatesAsync(form.Key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(approved, Does.Contain("Status von 1 Eintrag geändert."));
            Assert.That(afterApprove, Is.EqualTo(FormEntryState.Approved));
            Assert.That(reset, Does.Contain("Status von 1 Eintrag geändert."));
            Assert.That(states[a.Id], Is.EqualTo(FormEntryState.Submitted));
            Assert.That(states[b.Id], Is.EqualTo(FormEntryState.Submitted));
        }
    }

    [Test]
    public async Task Shows_a_German_error_inside_the_back_office_and_logs_the_reason_When_a_post_fails_the_antiforgery_check()
    {
        var form = await _factory.CreateFormAsync("ohne-token");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        using var response = await _staff.PostAsync(new Uri($"/umbraco/forms/{form.Key}/entries/state", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["target"] = "Approved", ["ids"] = entry.Id.ToString(CultureInfo.InvariantCulture) }));
        var html = await response.Content.ReadAsStringAsync();
        var traceId = TraceId(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(html, Does.Contain("class=\"bo-header\"").And.Contain("Die Sicherheitsprüfung des Formulars ist fehlgeschlagen"));
            Assert.That(html, Does.Not.Contain("Bitte versuchen Sie es später noch einmal"));
            Assert.That(traceId, Is.Not.Empty);
            Assert.That(_factory.Logs.Lines, Has.Some.Contains($"/umbraco/forms/{form.Key}/entries/state answered 400: Antiforgery validation failed").And.Some.Contains(traceId));
        }
    }

    [Test]
    public async Task Shows_the_field_message_and_logs_it_When_the_target_state_is_unknown()
    {
        var form = await _factory.CreateFormAsync("falscher-status");
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["A"]));
        using var response = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries/state?target=Geloescht&ids={entry.Id}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(html, Does.Contain("class=\"bo-header\"").And.Contain("Der neue Status fehlt oder ist unbekannt."));
            Assert.That(_factory.Logs.Lines, Has.Some.Contains("answered 400: Invalid request values: target: Der neue Status fehlt"));
        }
    }

    [Test]
    public async Task Shows_the_back_office_not_found_page_When_a_back_office_address_does_not_exist()
    {
        using var response = await _staff.GetAsync(new Uri("/umbraco/forms/gibt-es-nicht/auch-nicht", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(html, Does.Contain("class=\"bo-header\"").And.Contain("Seite nicht gefunden").And.Contain("Fehlerkennung"));
            Assert.That(_factory.Logs.Lines, Has.Some.Contains("GET /umbraco/forms/gibt-es-nicht/auch-nicht answered 404"));
        }
    }

    [Test]
    public async Task Shows_a_German_error_with_trace_id_and_logs_the_exception_When_a_back_office_page_throws()
    {
        using var failing = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<MvcOptions>(options => options.Filters.Add(new ThrowingFilter()))));
        using var client = failing.CreateClient(new() { AllowAutoRedirect = false });
        using var login = await client.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = Staff, ["Password"] = BackOfficeTestClient.Password });
        using var response = await client.GetAsync(new Uri("/umbraco/forms?kaputt=1", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var traceId = TraceId(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(html, Does.Contain("class=\"bo-header\"").And.Contain("Ein Fehler ist aufgetreten").And.Contain("Fehlerkennung"));
            Assert.That(_factory.Logs.Lines, Has.Some.Contains("GET /umbraco/forms answered 500: InvalidOperationException: Testfehler").And.Some.Contains(traceId));
        }
    }

    [TestCase("/umbraco/delivery/api/v2/content/item/00000000-0000-0000-0000-000000000001")]
    [TestCase("/umbraco/forms/delivery/api/v1/definitions/00000000-0000-0000-0000-000000000001")]
    public async Task Leaves_the_answer_to_the_API_When_an_API_address_below_umbraco_fails(string path)
    {
        using var response = await _staff.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(400));
        Assert.That(body, Does.Not.Contain("class=\"bo-header\""));
    }

    [TestCase("to=9999-12-31")]
    [TestCase("from=0001-01-01&to=9999-12-31")]
    public async Task Answers_without_500_When_the_date_filter_is_at_the_end_of_the_calendar(string query)
    {
        var form = await _factory.CreateFormAsync("kalenderende-" + query.Length.ToString(CultureInfo.InvariantCulture));
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]));

        using var list = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries?{query}", UriKind.Relative));
        using var export = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv&{query}", UriKind.Relative));
        using var xlsx = await _staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=xlsx&{query}", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain($"/entries/{entry.Id}\""));
            Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await export.Content.ReadAsStringAsync(), Does.Contain("Umwelt"));
            Assert.That(xlsx.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    private async Task<string> PressAsync(string listPath, string button, long id)
    {
        var list = await _staff.GetStringAsync(new Uri(listPath, UriKind.Relative));
        var submission = HtmlFormSubmission.All(list, listPath, box => box.Value == id.ToString(CultureInfo.InvariantCulture))
            .Single(s => s.Label.Contains(button, StringComparison.Ordinal));
        using var toConfirm = await _staff.SendAsync(submission);
        Assert.That(toConfirm.StatusCode, Is.EqualTo(HttpStatusCode.OK), submission.ToString());
        var confirm = await toConfirm.Content.ReadAsStringAsync();
        var post = HtmlFormSubmission.All(confirm, submission.Address).Single(s => s.Method == "POST" && !s.Action.Contains("logout", StringComparison.Ordinal));
        using var done = await _staff.SendAsync(post);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), post.ToString());
        return await _staff.GetStringAsync(done.Headers.Location!);
    }

    /// <summary>Submits every form of the page (ticking the entry's box), follows a confirmation page one level deep; records what failed.</summary>
    private static async Task SubmitAllAsync(HttpClient client, string page, long entryId, List<string> sent, List<string> failures, int depth)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        foreach (var submission in HtmlFormSubmission.All(html, page, box => box.Value == entryId.ToString(CultureInfo.InvariantCulture)))
        {
            if (submission.Action.Contains("logout", StringComparison.Ordinal))
            {
                continue;
            }

            sent.Add(submission.ToString());
            using var response = await client.SendAsync(submission);
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 600)
            {
                failures.Add($"{status} for {submission}");
                continue;
            }

            var isPage = response.Content.Headers.ContentType?.MediaType == "text/html";
            if (depth == 0 && status == 200 && isPage && submission.Method == "GET" && submission.Address.Contains("/entries/", StringComparison.Ordinal))
            {
                await SubmitAllAsync(client, submission.Address, entryId, sent, failures, depth + 1);
            }
        }
    }

    private async Task<Dictionary<long, FormEntryState>> StatesAsync(Guid formKey)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.Where(e => e.FormKey == formKey).ToDictionaryAsync(e => e.Id, e => e.State);
    }

    private static string TraceId(string html) => TraceIdPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<code class=\"bo-trace-id\">([^<]+)</code>")]
    private static partial Regex TraceIdPattern();

    private sealed class ThrowingFilter : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            if (context.HttpContext.Request.Query.ContainsKey("kaputt") && context.HttpContext.Request.Path == "/umbraco/forms")
            {
                throw new InvalidOperationException("Testfehler");
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
