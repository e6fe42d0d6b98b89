using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.IntegrationTests.Content;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Initiativenberatung.IntegrationTests.BackOffice;

/// <summary>Times in the back office read as German local time (Europe/Berlin) in one German format: audit texts, schedules and tables alike.</summary>
[TestFixture]
public sealed class GermanTimeDisplayTests
{
    private const string EditorEmail = "zeit.redaktion@example.org";
    private const string AdminEmail = "zeit.admin@example.org";
    private static readonly Guid Survey = new("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51");

    // 1 March 2027, 09:00 UTC: winter time, 10:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private CmsWebApplicationFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;

    [SetUp]
    public void StartSite()
    {
        _root = new CmsWebApplicationFactory();
        _factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    [TearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    [Test]
    public async Task Writes_the_planned_date_in_german_summer_time_When_an_unpublish_is_scheduled()
    {
        await _root.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        using var editor = await SignInAsync(EditorEmail);

        // 1 July 2027, 12:00 in Berlin is summer time (UTC+2): stored as 10:00 UTC, shown as typed.
        var form = await editor.EditFormAsync(Survey);
        using var planned = await editor.PostEditAsync(Survey, "Schedule",
            [new("__RequestVerificationToken", form.Get("__RequestVerificationToken")), new("expireDate", "2027-07-01T12:00")]);
        var trail = await _factory.Services.GetRequiredService<AuditService>().ForEntityAsync(Survey);
        var page = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(Survey), UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(planned.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await planned.Content.ReadAsStringAsync());
            Assert.That(trail.Where(a => a.Action == AuditActions.ScheduleUnpublish).Select(a => a.Details),
                Has.Some.EqualTo("Zurücknahme geplant für 01.07.2027, 12:00 Uhr."));
            Assert.That(page, Does.Contain("01.07.2027, 12:00 Uhr"), "the schedule list shows the same time");
        }
    }

    [Test]
    public async Task Shows_the_last_login_in_german_time_When_the_users_list_is_opened()
    {
        await _root.CreateUserAsync(AdminEmail, BackOfficeRoles.Administrator);
        using var admin = await SignInAsync(AdminEmail);

        var list = await admin.GetStringAsync(new Uri("/umbraco/users", UriKind.Relative));

        Assert.That(list, Does.Contain("01.03.2027, 10:00 Uhr"), "09:00 UTC in March is 10:00 in Berlin");
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = await client.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = BackOfficeTestClient.Password });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "login should redirect");
        return client;
    }
}
