using System.Net;
using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Initiativenberatung.IntegrationTests.OpenApi;

/// <summary>The OpenAPI documents of the headless APIs, generated at runtime by the real site.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OpenApiDocumentTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, string Json)> GetAsync(string document)
    {
        using var response = await _factory.CreateClient().GetAsync($"/umbraco/openapi/{document}.json");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Describes_both_forms_endpoints_with_examples_and_nothing_else_When_the_forms_document_is_requested()
    {
        var (status, json) = await GetAsync("forms");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var paths = root.GetProperty("paths");
        var get = paths.GetProperty("/umbraco/forms/delivery/api/v1/definitions/{id}").GetProperty("get");
        var post = paths.GetProperty("/umbraco/forms/delivery/api/v1/entries/{id}").GetProperty("post");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(root.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo("Umbraco Forms API"));
            Assert.That(root.GetProperty("info").GetProperty("description").GetString(), Is.Not.Empty);
            Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "/umbraco/forms/delivery/api/v1/definitions/{id}", "/umbraco/forms/delivery/api/v1/entries/{id}",
            }), "only the forms API: no back office, media or public site");
            Assert.That(get.GetProperty("operationId").GetString(), Is.EqualTo("GetFormDefinition"));
            Assert.That(get.GetProperty("summary").GetString(), Is.Not.Empty);
            Assert.That(get.GetProperty("tags")[0].GetString(), Is.EqualTo("Forms"));
            Assert.That(get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.SupersetOf(new[] { "id", "contentId", "culture" }));
            Assert.That(get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("pages").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(get.GetProperty("responses").TryGetProperty("404", out _), Is.True);
            Assert.That(post.GetProperty("operationId").GetString(), Is.EqualTo("PostFormEntry"));
            Assert.That(post.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.SupersetOf(new[] { "id", "Api-Key", "RequestVerificationToken" }));
            Assert.That(post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("server").GetProperty("value").GetProperty("values").GetProperty("initiativen").GetArrayLength(), Is.EqualTo(2));
            Assert.That(post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("browser").GetProperty("value").GetProperty("formToken").GetString(), Is.Not.Empty);
            Assert.That(post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").TryGetProperty("formToken", out _), Is.True);
            Assert.That(post.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("errors").TryGetProperty("formToken", out _), Is.True);
            Assert.That(get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("honeypotField").GetString(), Is.EqualTo("__homepage"));
            Assert.That(get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Form-Token", out _), Is.True);
            Assert.That(post.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("messageOnSubmit").GetString(), Is.Not.Empty);
            Assert.That(post.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("errors").EnumerateObject().Count(), Is.GreaterThan(0));
            Assert.That(post.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(new[] { "202", "400", "401", "404", "413", "415", "422", "429" }));
        }
    }

    [TestCase("forms")]
    [TestCase("delivery")]
    public async Task Parses_without_errors_with_OpenAPI_NET_When_a_document_is_requested(string name)
    {
        var (status, json) = await GetAsync(name);

        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.Document, Is.Not.Null);
            Assert.That(result.Diagnostic?.Errors.Select(e => e.ToString()), Is.Empty);
            Assert.That(result.Document?.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => e.ToString()), Is.Empty);
        }
    }

    [Test]
    public async Task Has_the_delivery_document_with_only_delivery_paths_When_it_is_requested()
    {
        var (status, json) = await GetAsync("delivery");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var paths = root.TryGetProperty("paths", out var p) ? p.EnumerateObject().Select(x => x.Name).ToList() : [];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo("Content Delivery API"));
            Assert.That(paths, Has.All.StartWith("/umbraco/delivery/api/v2/"));
            Assert.That(paths, Is.SupersetOf(new[]
            {
                "/umbraco/delivery/api/v2/content", "/umbraco/delivery/api/v2/content/items", "/umbraco/delivery/api/v2/content/item/{path}",
                "/umbraco/delivery/api/v2/media", "/umbraco/delivery/api/v2/media/items", "/umbraco/delivery/api/v2/media/item/{path}",
            }));
            Assert.That(paths, Has.None.EndsWith("/item/{id}"), "one operation per item path signature: the path route also takes ids");
        }
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)));

    [Test]
    public async Task Has_a_200_example_and_described_400_and_404_problem_answers_for_every_operation_When_the_delivery_document_is_requested()
    {
        var (_, json) = await GetAsync("delivery");
        using var document = JsonDocument.Parse(json);
        var operations = Operations(document.RootElement).ToList();

        Assert.That(operations, Has.Count.EqualTo(6), "content/media: item (id or path), items, query");
        using (Assert.EnterMultipleScope())
        {
            foreach (var (path, method, operation) in operations)
            {
                var responses = operation.GetProperty("responses");
                Assert.That(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out var example), Is.True, $"{method} {path}: 200 example");
                Assert.That(example.ValueKind, Is.EqualTo(JsonValueKind.Object).Or.EqualTo(JsonValueKind.Array), $"{method} {path}");
                foreach (var status in new[] { "400", "404" })
                {
                    Assert.That(responses.TryGetProperty(status, out var problem), Is.True, $"{method} {path}: {status} documented");
                    Assert.That(problem.GetProperty("description").GetString(), Is.Not.Empty, $"{method} {path}: {status} described");
                    Assert.That(problem.GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("status").GetInt32(), Is.EqualTo(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)), $"{method} {path}: {status} example");
                }
            }
        }
    }

    [Test]
    public async Task Gives_examples_from_the_seeded_site_When_the_delivery_document_describes_items_and_queries()
    {
        var (_, json) = await GetAsync("delivery");
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        var query = paths.GetProperty("/umbraco/delivery/api/v2/content").GetProperty("get");
        var byPath = paths.GetProperty("/umbraco/delivery/api/v2/content/item/{path}").GetProperty("get");
        var media = paths.GetProperty("/umbraco/delivery/api/v2/media/item/{path}").GetProperty("get");
        var items = paths.GetProperty("/umbraco/delivery/api/v2/content/items").GetProperty("get");
        var parameters = query.GetProperty("parameters").EnumerateArray()
            .Where(p => p.TryGetProperty("example", out _))
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("example").ToString());
        static JsonElement Example200(JsonElement op) => op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.Keys, Is.SupersetOf(new[] { "fetch", "filter", "sort", "skip", "take", "expand", "fields" }));
            Assert.That(parameters["fetch"], Is.EqualTo("children:/"));
            Assert.That(parameters["expand"], Is.EqualTo("properties[$all]"));
            Assert.That(Example200(query).GetProperty("items")[0].GetProperty("id").GetString(), Is.EqualTo("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51"));
            Assert.That(Example200(byPath).GetProperty("route").GetProperty("path").GetString(), Is.EqualTo("/umfrage/"));
            Assert.That(Example200(items)[0].GetProperty("id").GetString(), Is.EqualTo("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30"));
            Assert.That(Example200(media).GetProperty("url").GetString(), Is.EqualTo("/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf"));
            Assert.That(query.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("errors").TryGetProperty("fetch", out _), Is.True);
        }
    }

    [TestCase("delivery")]
    [TestCase("forms")]
    public async Task Documents_a_400_and_a_404_problem_answer_for_every_operation_When_a_document_is_requested(string name)
    {
        var (_, json) = await GetAsync(name);
        using var document = JsonDocument.Parse(json);
        var missing = Operations(document.RootElement)
            .SelectMany(o => new[] { "400", "404" }
                .Where(status => !o.Operation.GetProperty("responses").TryGetProperty(status, out var r) || !r.GetProperty("content").TryGetProperty("application/problem+json", out _))
                .Select(status => $"{o.Method} {o.Path} {status}"))
            .ToList();

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task Answers_404_When_an_unknown_document_or_the_Scalar_page_outside_Development_is_requested()
    {
        using var client = _factory.CreateClient();
        using var unknown = await client.GetAsync("/umbraco/openapi/backoffice.json");
        using var scalar = await client.GetAsync("/umbraco/api-docs");

        Assert.That((unknown.StatusCode, scalar.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
    }
}

/// <summary>The Scalar UI, which exists in Development only.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ApiReferenceUiTests
{
    [Test]
    public async Task Serves_the_Scalar_page_with_both_documents_and_its_own_policy_When_the_site_runs_in_Development()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["environment"] = "Development";
        factory.Settings["uSync:Settings:ExportOnSave"] = "None";
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/umbraco/api-docs/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await client.GetAsync("/umbraco/api-docs/scalar.js");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("umbraco/openapi/delivery.json").And.Contain("umbraco/openapi/forms.json"));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self' 'unsafe-inline'").And.Contain("frame-ancestors 'none'"));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Scalar's script is served locally, not from a CDN");
        }
    }
}
