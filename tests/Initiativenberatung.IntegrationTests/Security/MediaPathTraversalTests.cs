using System.Net;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Path traversal on the public media route and the static folders: nothing outside the media root is ever served.</summary>
[TestFixture]
public sealed class MediaPathTraversalTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("/media/..%2F..%2Fappsettings.json")]
    [TestCase("/media/..%2f..%2f..%2fsite.db")]
    [TestCase("/media/%2e%2e/%2e%2e/appsettings.json")]
    [TestCase("/media/..%5C..%5Cappsettings.json")]
    [TestCase("/media/%2Fetc%2Fpasswd")]
    [TestCase("/media//etc/passwd")]
    [TestCase("/App_Plugins/..%2Fappsettings.json")]
    [TestCase("/umbraco/lib/..%2F..%2F..%2Fappsettings.json")]
    public async Task Never_serves_a_file_outside_the_media_root_When_the_address_climbs_out(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), body.Length > 200 ? body[..200] : body);
            Assert.That(body, Does.Not.Contain("ConnectionStrings").And.Not.Contain("SQLite format").And.Not.Contain("root:"));
        });
    }
}
