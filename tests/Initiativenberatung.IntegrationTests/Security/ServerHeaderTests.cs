using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>No answer names the web server (<c>Server: Kestrel</c>). Runs on Kestrel: the in-memory test server writes no such header.</summary>
[TestFixture]
public sealed class ServerHeaderTests
{
    private CmsWebApplicationFactory _factory = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _address = KestrelSite.Start(_factory);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("/")]
    [TestCase("/gibt-es-nicht/")]
    [TestCase("/umbraco/login")]
    [TestCase("/umbraco/delivery/api/v2/content/item/")]
    [TestCase("/css/site.css")]
    public async Task Sends_no_server_header_When_any_address_is_requested(string path)
    {
        using var client = KestrelSite.Client(_address);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.Headers.Server, Is.Empty, $"{(int)response.StatusCode} {path}");
    }
}
