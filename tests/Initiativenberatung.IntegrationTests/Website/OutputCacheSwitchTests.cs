using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Website;

/// <summary><c>Website:OutputCache:Enabled=false</c>: every public request is rendered from the snapshot, still without SQL (P3 uncached, P2 of bench/run).</summary>
[TestFixture]
public sealed class OutputCacheSwitchTests
{
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Website:OutputCache:Enabled"] = "false";
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Renders_every_request_without_sql_When_the_output_cache_is_off()
    {
        (await _client.GetAsync(new Uri("/", UriKind.Relative))).EnsureSuccessStatusCode();
        (await _client.GetAsync(new Uri("/umfrage/", UriKind.Relative))).EnsureSuccessStatusCode();
        var before = _factory.SqlCommands.Count;

        for (var i = 0; i < 3; i++)
        {
            using var home = await _client.GetAsync(new Uri("/", UriKind.Relative));
            using var survey = await _client.GetAsync(new Uri("/umfrage/", UriKind.Relative));
            home.EnsureSuccessStatusCode();
            survey.EnsureSuccessStatusCode();
            Assert.Multiple(() =>
            {
                Assert.That(home.Headers.Age, Is.Null, "a cached answer carries Age");
                Assert.That(survey.Headers.Age, Is.Null, "a cached answer carries Age");
            });
        }

        Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
    }
}
