using System.Net;
using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using static Initiativenberatung.IntegrationTests.DeliveryApi.DeliveryApiClient;

namespace Initiativenberatung.IntegrationTests.DeliveryApi;

/// <summary><c>Umbraco:CMS:DeliveryApi</c>: enabled, public access, allowed/disallowed types, CORS origins, validation at start.</summary>
[TestFixture]
public sealed class DeliveryApiConfigurationTests
{
    private CmsWebApplicationFactory? _factory;

    [TearDown]
    public void StopSite() => _factory?.Dispose();

    [Test]
    public async Task Answers_404_for_every_endpoint_When_the_api_is_disabled()
    {
        using var client = Start(("Umbraco:CMS:DeliveryApi:Enabled", "false"));
        string[] paths = ["content/item/", $"content/item/{Survey}", "content?fetch=children:/", $"media/item/{Infosheet}", "media?fetch=children:/"];

        foreach (var path in paths)
        {
            var problem = await client.GetJsonAsync(path, 404);
            Assert.That(problem.Str("detail"), Does.Contain("Enabled"), path);
        }
    }

    [Test]
    public async Task Requires_the_key_for_every_request_When_public_access_is_off()
    {
        using var client = Start(("Umbraco:CMS:DeliveryApi:PublicAccess", "false"));

        var withoutKey = await client.GetJsonAsync("content/item/", 401);
        var wrongKey = await client.GetJsonAsync("content/item/", 401, ("Api-Key", "integration-test-key-falsch"));
        var withKey = await client.GetJsonAsync("content/item/", 200, ("Api-Key", ApiKey));
        var withoutKeyAgain = await client.GetJsonAsync("content/item/", 401);

        Assert.Multiple(() =>
        {
            Assert.That(withoutKey.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That(wrongKey.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That(withKey.Str("id"), Is.EqualTo(Home.ToString()));
            Assert.That(withoutKeyAgain.GetProperty("status").GetInt32(), Is.EqualTo(401), "the cached answer for the key is not served without it");
        });
    }

    [Test]
    public async Task Hides_documents_of_a_disallowed_type_everywhere_When_it_is_configured()
    {
        using var client = Start(("Umbraco:CMS:DeliveryApi:DisallowedContentTypeAliases:0", "surveyPage"));

        var byId = await client.GetJsonAsync($"content/item/{Survey}", 404);
        var byPath = await client.GetJsonAsync("content/item/umfrage/", 404);
        var children = await client.GetJsonAsync("content?fetch=children:/");
        var items = await client.GetJsonAsync($"content/items?id={Survey}&id={Home}");
        var home = await client.GetJsonAsync("content/item/");

        Assert.Multiple(() =>
        {
            Assert.That(byId.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(byPath.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(children.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(items.EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { Home.ToString() }));
            Assert.That(home.Block("callToActionBlock").Props().GetProperty("link").ValueKind, Is.EqualTo(JsonValueKind.Null), "a picker does not reveal it");
        });
    }

    [Test]
    public async Task Delivers_only_allowed_types_When_an_allow_list_is_configured()
    {
        using var client = Start(("Umbraco:CMS:DeliveryApi:AllowedContentTypeAliases:0", "surveyPage"));

        var all = await client.GetJsonAsync("content");
        var home = await client.GetJsonAsync($"content/item/{Home}", 404);

        Assert.Multiple(() =>
        {
            Assert.That(all.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { Survey.ToString() }));
            Assert.That(home.GetProperty("status").GetInt32(), Is.EqualTo(404));
        });
    }

    [Test]
    public async Task Allows_only_the_configured_origin_When_CORS_origins_are_set()
    {
        using var client = Start(("Umbraco:CMS:DeliveryApi:CorsOrigins:0", "https://app.example.org"));

        using var allowed = await client.SendAsync("content/item/", ("Origin", "https://app.example.org"));
        using var other = await client.SendAsync("content/item/", ("Origin", "https://fremd.example.org"));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(Base + "content/item/", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://app.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "api-key,preview,start-item");
        using var preflightResponse = await client.SendAsync(preflight);

        Assert.Multiple(() =>
        {
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://app.example.org"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "also when the answer comes from the output cache");
            Assert.That(preflightResponse.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(string.Join(",", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers")), Does.Contain("Api-Key").IgnoreCase);
        });
    }

    [Test]
    public void Refuses_to_start_When_the_configuration_is_invalid()
    {
        _factory = CreateSite(("Umbraco:CMS:DeliveryApi:ApiKey", "kurz"));

        var error = Assert.Catch(() => _factory.CreateClient().Dispose());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(error!.ToString(), Does.Contain("Umbraco:CMS:DeliveryApi:ApiKey"));
    }

    private HttpClient Start(params (string Key, string Value)[] settings)
    {
        _factory = CreateSite(settings);
        return _factory.CreateClient(new() { AllowAutoRedirect = false });
    }
}
