using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.BackOffice;

[TestFixture]
public sealed class SignInTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync("redaktion@example.org", BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Redirects_to_login_When_the_back_office_is_opened_anonymously()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/umbraco", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.ToString(), Does.Contain("/umbraco/login"));
        });
    }

    [Test]
    public async Task Opens_the_dashboard_When_signed_in_with_the_right_password()
    {
        using var client = await _factory.SignedInClientAsync("redaktion@example.org");

        var html = await client.GetStringAsync(new Uri("/umbraco", UriKind.Relative));

        Assert.That(html, Does.Contain("Willkommen").And.Contain("redaktion@example.org"));
    }

    [Test]
    public async Task Shows_the_same_german_message_When_user_is_unknown_or_password_wrong()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var unknown = await client.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = "niemand@example.org", ["Password"] = "irgendein-Passwort-123" });
        using var wrong = await client.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = "redaktion@example.org", ["Password"] = "falsches-Passwort-123" });
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        var wrongHtml = await wrong.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(unknownHtml, Does.Contain("E-Mail-Adresse oder Passwort ist falsch."));
            Assert.That(wrongHtml, Does.Contain("E-Mail-Adresse oder Passwort ist falsch."));
        });
    }

    [Test]
    public async Task Ends_the_session_server_side_When_the_user_logs_out()
    {
        using var client = await _factory.SignedInClientAsync("redaktion@example.org");

        using var logout = await client.PostFormAsync("/umbraco", new Dictionary<string, string>(), action: "/umbraco/logout");
        using var after = await client.GetAsync(new Uri("/umbraco", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed out");
        });
    }

    [Test]
    public async Task Rejects_the_post_When_the_antiforgery_token_is_missing()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync(new Uri("/umbraco/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "redaktion@example.org", ["Password"] = BackOfficeTestClient.Password }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
