using System.Net;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Error pages take their status from the failed request, never from values the request posted.</summary>
[TestFixture]
public sealed class ErrorPageStatusTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("/", "200")]
    [TestCase("/", "404")]
    [TestCase("/umbraco/login", "404")]
    [TestCase("/umbraco/login", "200")]
    public async Task Keeps_the_status_of_the_failed_request_When_the_post_carries_a_code_field(string path, string postedCode)
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var plain = await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("x", "1")]));
        using var forged = await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("code", postedCode)]));
        var body = await forged.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)plain.StatusCode, Is.InRange(400, 499), "a post without token or to a GET page is refused");
            Assert.That(forged.StatusCode, Is.EqualTo(plain.StatusCode), "the posted code does not choose the status");
            Assert.That(body, Does.Not.Contain("Fehler " + postedCode).And.Not.Contain("Fehler&#xA0;" + postedCode));
        }
    }
}
