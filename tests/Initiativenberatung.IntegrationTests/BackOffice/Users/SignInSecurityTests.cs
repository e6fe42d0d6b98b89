using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Initiativenberatung.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>Sign-in slow-down, open redirects, session end, cookies, headers and the login rate limit, through the real login.</summary>
[TestFixture]
public sealed class SignInSecurityTests
{
    private const string Editor = "sicherheit@example.org";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Slows_the_account_down_with_the_generic_message_instead_of_locking_it_When_the_password_was_wrong_five_times()
    {
        // A long first wait, so the answer right after the fifth failure is still inside it on a slow machine.
        using var site = _factory.WithWebHostBuilder(b => b.UseSetting("BackOffice:Login:FirstDelaySeconds", "600").UseSetting("BackOffice:Login:MaxDelaySeconds", "600"));
        await site.AddUserAsync("vergesslich@example.org", BackOfficeRoles.Editor);
        using var client = site.NewClient();
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostLoginAsync("vergesslich@example.org", $"falsches-Passwort-{i}");
            answers.Add(await wrong.Content.ReadAsStringAsync());
        }

        using var right = await client.PostLoginAsync("vergesslich@example.org", BackOfficeTestClient.Password);
        var html = await right.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(answers, Has.All.Contains("E-Mail-Adresse oder Passwort ist falsch."));
            Assert.That(answers.Take(4), Has.None.Contains("Bitte warten Sie"));
            Assert.That(answers[4], Does.Match(@"Bitte warten Sie (600|599) Sekunden"));
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "no sign-in while the name waits");
            Assert.That(html, Does.Contain("E-Mail-Adresse oder Passwort ist falsch.").And.Contain("Bitte warten Sie").And.Not.Contain("gesperrt"));
            Assert.That(UsersTestSupport.SetCookie(right, UsersRegistration.CookieName), Is.Null, "no sign-in cookie");
        });
    }

    [TestCase("//evil.example")]
    [TestCase("https://evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("//evil.example/umbraco")]
    [TestCase("/umbraco/../kontakt")]
    [TestCase("/kontakt")]
    public async Task Lands_on_the_dashboard_When_the_return_url_points_elsewhere(string returnUrl)
    {
        using var client = _factory.NewClient();

        using var response = await client.PostLoginAsync(Editor, BackOfficeTestClient.Password, returnUrl);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/umbraco"));
    }

    [Test]
    public async Task Follows_the_return_url_When_it_is_a_back_office_path()
    {
        using var client = _factory.NewClient();

        using var response = await client.PostLoginAsync(Editor, BackOfficeTestClient.Password, "/umbraco/account");

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/umbraco/account"));
    }

    [Test]
    public async Task Rejects_a_copied_cookie_and_every_other_session_When_the_user_logs_out()
    {
        var (first, cookie) = await _factory.SignInWithCookieAsync(Editor);
        using var second = await _factory.SignedInClientAsync(Editor);
        using (var before = await _factory.GetWithCookieAsync("/umbraco", cookie))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copied cookie works before logout");
        }

        using var logout = await first.PostFormAsync("/umbraco", new Dictionary<string, string>(), action: "/umbraco/logout");
        using var replayed = await _factory.GetWithCookieAsync("/umbraco", cookie);
        using var other = await second.GetAsync(new Uri("/umbraco", UriKind.Relative));
        first.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(UsersTestSupport.IsRedirectToLogin(replayed), Is.True, "copied cookie rejected after logout");
            Assert.That(UsersTestSupport.IsRedirectToLogin(other), Is.True, "other session ended");
        });
    }

    [Test]
    public async Task Sets_httponly_samesite_cookies_limited_to_umbraco_When_signing_in()
    {
        using var client = _factory.NewClient();
        using var page = await client.GetAsync(new Uri("/umbraco/login", UriKind.Relative));
        var antiforgery = UsersTestSupport.SetCookie(page, ".AspNetCore.Antiforgery");

        using var login = await client.PostLoginAsync(Editor, BackOfficeTestClient.Password);
        var auth = UsersTestSupport.SetCookie(login, UsersRegistration.CookieName);

        Assert.Multiple(() =>
        {
            Assert.That(auth, Is.Not.Null);
            Assert.That(auth, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase.And.Contain("path=/umbraco").IgnoreCase);
            Assert.That(antiforgery, Is.Not.Null);
            Assert.That(antiforgery, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        });
    }

    [Test]
    public async Task Sends_the_back_office_security_headers_When_a_back_office_page_is_served()
    {
        using var client = _factory.NewClient();

        using var response = await client.GetAsync(new Uri("/umbraco/login", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "Content-Security-Policy"), Is.EqualTo(SecurityRegistration.BackOfficeContentSecurityPolicy));
            Assert.That(Header(response, "Content-Security-Policy"), Does.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'")
                .And.Contain("base-uri 'none'").And.Contain("script-src 'self';").And.Contain("style-src 'self';"));
            Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("strict-origin-when-cross-origin"));
            Assert.That(Header(response, "Strict-Transport-Security"), Is.Null, "no HSTS in Development/Testing");
        });
    }

    [Test]
    public async Task Keeps_the_strict_site_policy_When_a_public_page_is_served()
    {
        using var client = _factory.NewClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(Header(response, "Content-Security-Policy"), Is.EqualTo(SecurityRegistration.ContentSecurityPolicy));
    }

    [Test]
    public async Task Answers_429_in_german_When_one_address_failed_too_often_within_a_minute()
    {
        using var limited = _factory.WithWebHostBuilder(b => b.UseSetting("BackOffice:Login:FailedAttemptsPerMinute", "3"));
        await limited.AddUserAsync("gedrosselt@example.org", BackOfficeRoles.Editor);
        using var client = limited.NewClient();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.PostLoginAsync("unbekannt@example.org", "falsches-Passwort-123");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"attempt {i + 1}");
        }

        using var blocked = await client.PostLoginAsync("gedrosselt@example.org", BackOfficeTestClient.Password);

        Assert.Multiple(async () =>
        {
            Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(blocked.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(await blocked.Content.ReadAsStringAsync(), Does.Contain("Zu viele fehlgeschlagene Anmeldeversuche"));
            Assert.That(UsersTestSupport.SetCookie(blocked, UsersRegistration.CookieName), Is.Null, "not signed in");
        });
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

/// <summary>The same site in Production: HTTPS only (redirect, or a trusted proxy's X-Forwarded-Proto), Secure cookies and HSTS.</summary>
[TestFixture]
public sealed class ProductionSecurityTests
{
    private static readonly Uri Https = new("https://cms.example.org/");

    private CmsWebApplicationFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _root = new CmsWebApplicationFactory();

        // Production lists the site's public names in AllowedHosts (any other Host gets 400).
        _root.Settings["AllowedHosts"] = "cms.example.org";
        _factory = _root.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        await _factory.AddUserAsync("produktion@example.org", BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    [Test]
    public async Task Marks_sign_in_and_antiforgery_cookies_secure_When_the_environment_is_production()
    {
        using var client = _factory.NewClient(Https);
        using var page = await client.GetAsync(new Uri("/umbraco/login", UriKind.Relative));
        var antiforgery = UsersTestSupport.SetCookie(page, ".AspNetCore.Antiforgery");

        using var login = await client.PostLoginAsync("produktion@example.org", BackOfficeTestClient.Password);
        var auth = UsersTestSupport.SetCookie(login, UsersRegistration.CookieName);

        Assert.Multiple(() =>
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(auth, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(antiforgery, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        });
    }

    [TestCase("/umfrage/")]
    [TestCase("/umbraco/login")]
    [TestCase("/")]
    public async Task Redirects_to_https_instead_of_failing_When_a_page_is_requested_over_http_in_production(string path)
    {
        using var client = _factory.NewClient(new Uri("http://cms.example.org/"));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("https://cms.example.org" + path));
        });
    }

    [Test]
    public async Task Serves_the_survey_with_a_secure_antiforgery_cookie_When_a_proxy_forwards_https()
    {
        using var client = _factory.NewClient(new Uri("http://cms.example.org/"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/umfrage/", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(UsersTestSupport.SetCookie(response, ".AspNetCore.Antiforgery"), Does.Contain("secure").IgnoreCase);
        });
    }

    [Test]
    public async Task Sends_hsts_When_the_environment_is_production()
    {
        using var client = _factory.NewClient(Https);

        using var response = await client.GetAsync(new Uri("/umbraco/login", UriKind.Relative));

        Assert.That(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), Is.True);
        Assert.That(string.Join(", ", hsts!), Does.Contain("max-age=31536000"));
    }
}
