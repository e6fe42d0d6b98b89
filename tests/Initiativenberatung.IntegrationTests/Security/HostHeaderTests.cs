using System.Net;
using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// A foreign <c>Host</c> header is refused (<c>AllowedHosts</c> lists the site's names; by default the loopback names),
/// so it never reaches an absolute redirect; and the OpenAPI documents never name a server from the request, even where
/// an operator allows every host. Runs on Kestrel: the Host header travels as a real client sends it.
/// </summary>
[TestFixture]
public sealed class HostHeaderTests
{
    private CmsWebApplicationFactory _site = null!;
    private CmsWebApplicationFactory _anyHost = null!;
    private Uri _siteAddress = null!;
    private Uri _anyHostAddress = null!;

    [OneTimeSetUp]
    public void StartSites()
    {
        _site = new CmsWebApplicationFactory();
        _siteAddress = KestrelSite.Start(_site);
        _anyHost = new CmsWebApplicationFactory();
        _anyHost.Settings["AllowedHosts"] = "*";
        _anyHostAddress = KestrelSite.Start(_anyHost);
    }

    [OneTimeTearDown]
    public void StopSites()
    {
        _site.Dispose();
        _anyHost.Dispose();
    }

    [TestCase("/")]
    [TestCase("/umbraco")]
    [TestCase("/umbraco/login?ReturnUrl=%2Fumbraco")]
    [TestCase("/umbraco/openapi/delivery.json")]
    public async Task Refuses_the_request_without_a_redirect_When_the_host_header_names_another_site(string path)
    {
        using var client = KestrelSite.Client(_siteAddress);

        using var response = await client.SendAsync(WithHost(path, "evil.example"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.Location, Is.Null);
        });
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    [TestCase("LOCALHOST")]
    public async Task Answers_the_page_When_the_host_header_is_a_loopback_name(string host)
    {
        using var client = KestrelSite.Client(_siteAddress);

        using var response = await client.SendAsync(WithHost("/", host));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("delivery")]
    [TestCase("forms")]
    public async Task Names_no_server_in_the_openapi_document_When_the_request_came_with_a_foreign_host(string document)
    {
        using var client = KestrelSite.Client(_anyHostAddress);

        using var response = await client.SendAsync(WithHost($"/umbraco/openapi/{document}.json", "evil.example"));
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var hasServers = json.RootElement.TryGetProperty("servers", out var servers);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Not.Contain("evil.example"));
            Assert.That(hasServers ? servers.GetArrayLength() : 0, Is.Zero);
        });
    }

    [Test]
    public void Warns_in_german_at_start_When_every_host_is_allowed_outside_development()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_anyHost.Logs.Text, Does.Contain("AllowedHosts erlaubt jeden Host (*)"));
            Assert.That(_site.Logs.Text, Does.Not.Contain("AllowedHosts erlaubt jeden Host"));
        });
    }

    private static HttpRequestMessage WithHost(string path, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = host;
        return request;
    }
}
