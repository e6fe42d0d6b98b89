using System.Net.Http.Headers;
using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.DeliveryApi;

/// <summary>Plain HTTP calls to the Delivery API, parsed with <see cref="JsonDocument"/> (no types shared with the server).</summary>
internal static class DeliveryApiClient
{
    public const string Base = "/umbraco/delivery/api/v2/";
    public const string ApiKey = "integration-test-key-0123456789";
    public static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    public static readonly Guid Survey = new("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51");
    public static readonly Guid Infosheet = new("a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12");
    public static readonly Guid LogosFolder = new("7d1e2f30-5a6b-4c7d-8e9f-0a1b2c3d4e53");
    public static readonly Guid SurveyForm = new("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    /// <summary>A site with the API on and a known key (plus any extra settings).</summary>
    public static CmsWebApplicationFactory CreateSite(params (string Key, string Value)[] settings)
    {
        var factory = new CmsWebApplicationFactory();
        factory.Settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
        factory.Settings["Umbraco:CMS:DeliveryApi:ApiKey"] = ApiKey;
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, string relative, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base + relative, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    /// <summary>GET, expect <paramref name="status"/>, parse the JSON body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string relative, int status = 200, params (string Name, string Value)[] headers)
    {
        using var response = await client.SendAsync(relative, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"GET {relative}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string[] Keys(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static JsonElement Props(this JsonElement element) => element.GetProperty("properties");

    public static JsonElement[] Blocks(this JsonElement content) =>
        content.Props().GetProperty("sections").GetProperty("items").EnumerateArray().ToArray();

    public static JsonElement Block(this JsonElement content, string contentType) =>
        content.Blocks().Select(b => b.GetProperty("content")).First(c => c.Str("contentType") == contentType);

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
