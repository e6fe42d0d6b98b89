using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.BackOffice.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Open-redirect variants on the login and the public site, and the security headers on every kind of answer.</summary>
[TestFixture]
public sealed class OpenRedirectAndHeadersTests
{
    private const string Editor = "redirect-headers@example.org";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("%2F%2Fevil.example")]
    [TestCase("%2f%2fevil.example")]
    [TestCase("/%2F/evil.example")]
    [TestCase("\\\\evil.example")]
    [TestCase("/\\/evil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("https:evil.example")]
    [TestCase("javascript:alert(1)")]
    [TestCase(" //evil.example")]
    public async Task Lands_on_a_local_address_When_the_return_url_is_an_encoded_or_odd_variant(string returnUrl)
    {
        using var client = _factory.NewClient();

        using var response = await client.PostLoginAsync(Editor, BackOfficeTestClient.Password, returnUrl);
        var location = response.Headers.Location?.ToString() ?? "";

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(location, Does.StartWith("/umbraco").And.Not.Contain("evil").And.Not.Contain("javascript"));
        });
    }

    [Test]
    public async Task Writes_the_return_url_encoded_into_the_login_form_When_it_carries_markup()
    {
        using var client = _factory.NewClient();

        var html = await client.GetStringAsync(new Uri("/umbraco/login?ReturnUrl=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", UriKind.Relative));

        Assert.That(html, Does.Not.Contain("<script>alert(1)"));
    }

    [TestCase("//evil.example")]
    [TestCase("//evil.example/")]
    [TestCase("/%2F%2Fevil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("/umfrage?next=//evil.example")]
    public async Task Never_redirects_off_site_When_a_public_address_looks_like_another_host(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var location = response.Headers.Location;

        Assert.That(location is null || (!location.IsAbsoluteUri && !location.OriginalString.StartsWith("//", StringComparison.Ordinal)
            && !location.OriginalString.StartsWith("/\\", StringComparison.Ordinal)), Is.True, $"{(int)response.StatusCode} → {location}");
    }

    [TestCase("/")]
    [TestCase("/umfrage/")]
    [TestCase("/gibt-es-nicht/")]
    [TestCase("/umbraco/login")]
    [TestCase("/umbraco/gibt-es-nicht")]
    [TestCase("/umbraco/delivery/api/v2/content/item/")]
    [TestCase("/umbraco/delivery/api/v2/content/item/gibt-es-nicht/")]
    [TestCase("/umbraco/forms/delivery/api/v1/definitions/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63")]
    [TestCase("/umbraco/openapi/delivery.json")]
    public async Task Sends_the_security_headers_When_any_kind_of_answer_is_served(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        AssertHeaders(response, path);
    }

    [Test]
    public async Task Sends_the_security_headers_When_a_signed_in_user_opens_the_back_office_or_gets_403()
    {
        using var editor = await _factory.SignedInClientAsync(Editor);

        using var dashboard = await editor.GetAsync(new Uri("/umbraco", UriKind.Relative));
        using var forbidden = await editor.GetAsync(new Uri("/umbraco/users", UriKind.Relative));

        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        AssertHeaders(dashboard, "/umbraco");
        AssertHeaders(forbidden, "/umbraco/users");
    }

    private static void AssertHeaders(HttpResponseMessage response, string path)
    {
        static string Header(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(";", v) : "";
        var csp = Header(response, "Content-Security-Policy");
        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.Contain("object-src 'none'").And.Contain("base-uri 'none'").And.Contain("frame-ancestors 'none'"), path);
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"), path);
            Assert.That(Header(response, "Referrer-Policy"), Is.Not.Empty, path);
        });
    }
}
