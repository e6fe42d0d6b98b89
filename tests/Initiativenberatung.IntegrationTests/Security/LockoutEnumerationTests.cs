using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.BackOffice.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Account enumeration and denial of service through the lockout: repeated failures must answer a known account exactly
/// like an unknown one in every state (also while the name has to wait), and nobody can lock another person's account;
/// the name only waits a growing number of seconds.
/// </summary>
[TestFixture]
public sealed partial class LockoutEnumerationTests
{
    private const string Known = "bekannt-sperre@example.org";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["BackOffice:Login:FailedAttemptsPerMinute"] = "0"; // the per-address limit has its own test
        await _factory.CreateUserAsync(Known, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Answers_a_known_and_an_unknown_name_alike_in_every_attempt_When_the_password_is_wrong_again_and_again()
    {
        // A long first wait keeps every later attempt inside it, however slow the machine.
        using var site = _factory.WithWebHostBuilder(b => b.UseSetting("BackOffice:Login:FirstDelaySeconds", "600").UseSetting("BackOffice:Login:MaxDelaySeconds", "600"));
        using var client = site.NewClient();
        var known = new List<(HttpStatusCode Status, string Message)>();
        var unknown = new List<(HttpStatusCode Status, string Message)>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await AttemptAsync(client, Known, $"falsches-Passwort-{i}"));
            unknown.Add(await AttemptAsync(client, "unbekannt-sperre@example.org", $"falsches-Passwort-{i}"));
        }

        // The owner's right password while the name waits: the same answer as any guess for an unknown name.
        known.Add(await AttemptAsync(client, Known, BackOfficeTestClient.Password));
        unknown.Add(await AttemptAsync(client, "unbekannt-sperre@example.org", BackOfficeTestClient.Password));

        Assert.Multiple(() =>
        {
            Assert.That(known.Select(Normalized), Is.EqualTo(unknown.Select(Normalized)), "known and unknown names answer alike");
            Assert.That(known.Take(4).Select(k => k.Message), Has.All.EqualTo("Anmeldung fehlgeschlagen: E-Mail-Adresse oder Passwort ist falsch."));
            Assert.That(known.Skip(4).Select(k => k.Message), Has.All.Match(@"^Anmeldung fehlgeschlagen: E-Mail-Adresse oder Passwort ist falsch\. Bitte warten Sie \d+ Sekunden, bevor Sie es erneut versuchen\.$"));
            Assert.That(known.Skip(5).Select(k => k.Status), Has.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(known.Select(k => k.Message), Has.None.Contains("gesperrt"));
        });
    }

    [Test]
    public async Task Lets_the_owner_sign_in_When_someone_else_sent_wrong_passwords_for_the_account_many_times()
    {
        const string Owner = "eigentuemerin@example.org";
        using var site = _factory.WithWebHostBuilder(b => b.UseSetting("BackOffice:Login:FreeAttemptsPerAccount", "0"));
        await site.AddUserAsync(Owner, BackOfficeRoles.Editor);
        using (var attacker = site.NewClient())
        {
            for (var i = 0; i < 8; i++)
            {
                using var wrong = await attacker.PostLoginAsync(Owner, $"geraten-{i}");
            }
        }

        using var owner = site.NewClient();
        using var response = await owner.PostLoginAsync(Owner, BackOfficeTestClient.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "no lockout anyone can trigger");
        Assert.That(UsersTestSupport.SetCookie(response, UsersRegistration.CookieName), Is.Not.Null);
    }

    [Test]
    public void Doubles_the_wait_up_to_the_cap_and_ends_it_When_failures_of_one_name_go_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var throttle = new LoginThrottle(Options.Create(new LoginThrottleOptions { FreeAttemptsPerAccount = 5, FirstDelaySeconds = 1, MaxDelaySeconds = 8 }), clock);
        var waits = new List<double?>();
        for (var i = 0; i < 8; i++)
        {
            throttle.RecordFailure(IPAddress.Loopback, "Irgendwer@Example.org ");
            waits.Add(throttle.AccountWait("irgendwer@example.org")?.TotalSeconds);
            clock.Advance(TimeSpan.FromSeconds(waits[^1] ?? 0));
        }

        Assert.That(waits, Is.EqualTo(new double?[] { null, null, null, null, 1, 2, 4, 8 }));
        Assert.That(throttle.AccountWait("irgendwer@example.org"), Is.Null, "the wait is over");
    }

    private static (HttpStatusCode, string) Normalized((HttpStatusCode Status, string Message) answer) =>
        (answer.Status, Seconds().Replace(answer.Message, "N Sekunden"));

    private static async Task<(HttpStatusCode Status, string Message)> AttemptAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostLoginAsync(email, password);
        var html = await response.Content.ReadAsStringAsync();
        var message = new HtmlParser().ParseDocument(html).QuerySelector("#login-error")?.TextContent.Trim() ?? "";
        return (response.StatusCode, message);
    }

    [GeneratedRegex(@"\d+ Sekunden?")]
    private static partial Regex Seconds();
}
