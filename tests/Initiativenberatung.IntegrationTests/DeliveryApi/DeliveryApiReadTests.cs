using System.Net;
using System.Text.Json;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Initiativenberatung.IntegrationTests.DeliveryApi.DeliveryApiClient;

namespace Initiativenberatung.IntegrationTests.DeliveryApi;

/// <summary>The Content Delivery API v2 on the seeded site, read-only: shapes, lookups, queries, errors, caching headers.</summary>
[TestFixture]
public sealed class DeliveryApiReadTests
{
    private static readonly string[] ContentKeys = ["contentType", "name", "createDate", "updateDate", "route", "id", "properties", "cultures"];
    private static readonly string[] MediaKeys =
        ["path", "createDate", "updateDate", "id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties", "focalPoint", "crops"];

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = CreateSite(("Forms:DeliveryApi:Enabled", "true"));
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Returns_the_cooperation_page_with_blocks_infosheet_and_logos_When_the_root_path_is_requested()
    {
        var home = await _client.GetJsonAsync("content/item/");
        var route = home.GetProperty("route");
        var download = home.Block("downloadBlock");
        var file = download.Props().GetProperty("file")[0];
        var logos = home.Block("logosBlock").Props().GetProperty("logos");
        var quote = home.Block("quoteBlock").Props();
        var text = home.Block("textBlock").Props().GetProperty("text");

        Assert.Multiple(() =>
        {
            Assert.That(home.Keys(), Is.EqualTo(ContentKeys));
            Assert.That(home.Str("id"), Is.EqualTo(Home.ToString()));
            Assert.That(home.Str("contentType"), Is.EqualTo("cooperationPage"));
            Assert.That(home.Props().GetProperty("headline").GetString(), Is.EqualTo("Zusammenarbeit von Kommunen und Initiativen"));
            Assert.That(route.Str("path"), Is.EqualTo("/"));
            Assert.That(route.GetProperty("startItem").Str("id"), Is.EqualTo(Home.ToString()));
            Assert.That(route.GetProperty("startItem").Str("path"), Is.EqualTo("zusammenarbeit-von-kommunen-und-initiativen"));
            Assert.That(home.GetProperty("cultures").EnumerateObject(), Is.Empty);
            Assert.That(home.Blocks(), Has.Length.EqualTo(7));
            Assert.That(home.Blocks().Select(b => b.Keys()), Has.All.EqualTo(new[] { "content", "settings" }));
            Assert.That(home.Blocks()[0].GetProperty("content").Keys(), Is.EqualTo(new[] { "contentType", "id", "properties" }));
            Assert.That(file.Str("id"), Is.EqualTo(Infosheet.ToString()));
            Assert.That(file.Str("url"), Is.EqualTo("/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf"));
            Assert.That(file.Keys(), Is.EqualTo(new[] { "focalPoint", "crops", "id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties" }));
            Assert.That(file.GetProperty("bytes").GetInt64(), Is.GreaterThan(0));
            Assert.That(logos.EnumerateArray().Select(l => l.Str("name")), Is.EqualTo(new[] { "Logo EU", "Logo EFRE" }));
            Assert.That(logos.EnumerateArray().Select(l => l.Str("url")), Has.All.StartWith("/media/").And.All.EndWith(".svg"));
            Assert.That(quote.GetProperty("author").GetString(), Is.EqualTo("Frank Neweling"));
            Assert.That(text.Keys(), Is.EqualTo(new[] { "markup", "blocks" }));
            Assert.That(text.Str("markup"), Does.StartWith("<p>Bürgerschaftliches Engagement"));
        });
    }

    [Test]
    public async Task Renders_headline_quote_and_infosheet_link_When_a_headless_client_reads_only_the_api()
    {
        // A front end that knows nothing but the API: item by path, then walk the blocks.
        var page = await _client.GetJsonAsync("content/item/");
        var html = new System.Text.StringBuilder();
        html.Append("<h1>").Append(page.Props().GetProperty("headline").GetString()).Append("</h1>");
        foreach (var block in page.Blocks().Select(b => b.GetProperty("content")))
        {
            var props = block.Props();
            switch (block.Str("contentType"))
            {
                case "quoteBlock":
                    html.Append("<blockquote>").Append(props.GetProperty("quote").GetString())
                        .Append("<cite>").Append(props.GetProperty("author").GetString()).Append("</cite></blockquote>");
                    break;
                case "downloadBlock":
                    var file = props.GetProperty("file")[0];
                    html.Append("<a href=\"").Append(file.Str("url")).Append("\">").Append(props.GetProperty("linkLabel").GetString())
                        .Append(" (").Append(file.Str("extension").ToUpperInvariant()).Append(')').Append("</a>");
                    break;
            }
        }

        var rendered = html.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(rendered, Does.Contain("<h1>Zusammenarbeit von Kommunen und Initiativen</h1>"));
            Assert.That(rendered, Does.Contain("Mich inspiriert die Zusammenarbeit mit ehrenamtlichen Initiativen.").And.Contain("<cite>Frank Neweling</cite>"));
            Assert.That(rendered, Does.Contain("<a href=\"/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf\">Infoblatt „Klimaschutz lokal stärken“ herunterladen (PDF)</a>"));
        });
    }

    [Test]
    public async Task Returns_the_same_document_When_requested_by_id_by_path_and_in_a_list()
    {
        var byId = await _client.GetJsonAsync($"content/item/{Survey}");
        var byPath = await _client.GetJsonAsync("content/item/umfrage/");
        var byPathWithoutSlash = await _client.GetJsonAsync("content/item/Umfrage");
        var items = await _client.GetJsonAsync($"content/items?id={Survey}&id={Guid.NewGuid()}&id={Home}");

        Assert.Multiple(() =>
        {
            Assert.That(byId.ToString(), Is.EqualTo(byPath.ToString()));
            Assert.That(byPathWithoutSlash.ToString(), Is.EqualTo(byPath.ToString()));
            Assert.That(byId.GetProperty("route").Str("path"), Is.EqualTo("/umfrage/"));
            Assert.That(byId.Props().GetProperty("intro").Str("markup"), Does.Contain("Die Umfrage ist anonym"));
            Assert.That(items.EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { Survey.ToString(), Home.ToString() }), "request order, unknown ids left out");
        });
    }

    [Test]
    public async Task Lists_the_survey_page_When_the_children_of_the_root_are_fetched()
    {
        var children = await _client.GetJsonAsync("content?fetch=children:/");
        var byId = await _client.GetJsonAsync($"content?fetch=children:{Home}");

        Assert.Multiple(() =>
        {
            Assert.That(children.Keys(), Is.EqualTo(new[] { "total", "items" }));
            Assert.That(children.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(children.GetProperty("items")[0].Str("id"), Is.EqualTo(Survey.ToString()));
            Assert.That(children.GetProperty("items")[0].Keys(), Is.EqualTo(ContentKeys));
            Assert.That(byId.ToString(), Is.EqualTo(children.ToString()));
        });
    }

    [Test]
    public async Task Filters_sorts_and_pages_When_content_is_queried()
    {
        static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Str("id")).ToArray();
        var all = await _client.GetJsonAsync("content");
        var surveys = await _client.GetJsonAsync("content?filter=contentType:surveyPage");
        var notSurveys = await _client.GetJsonAsync("content?filter=contentType:!surveyPage");
        var byName = await _client.GetJsonAsync("content?filter=name:umfr");
        var nameDesc = await _client.GetJsonAsync("content?sort=name:desc");
        var levelDesc = await _client.GetJsonAsync("content?sort=level:desc");
        var second = await _client.GetJsonAsync("content?sort=level:asc&skip=1&take=1");
        var none = await _client.GetJsonAsync("content?take=0");
        var ancestors = await _client.GetJsonAsync($"content?fetch=ancestors:{Survey}");
        var descendants = await _client.GetJsonAsync("content?fetch=descendants:/");
        var unknownTarget = await _client.GetJsonAsync($"content?fetch=children:{Guid.NewGuid()}");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(all), Is.EqualTo(new[] { Home.ToString(), Survey.ToString() }), "tree order");
            Assert.That(Ids(surveys), Is.EqualTo(new[] { Survey.ToString() }));
            Assert.That(Ids(notSurveys), Is.EqualTo(new[] { Home.ToString() }));
            Assert.That(Ids(byName), Is.EqualTo(new[] { Survey.ToString() }));
            Assert.That(Ids(nameDesc), Is.EqualTo(new[] { Home.ToString(), Survey.ToString() }), "Zusammenarbeit… before Umfrage");
            Assert.That(Ids(levelDesc), Is.EqualTo(new[] { Survey.ToString(), Home.ToString() }));
            Assert.That(second.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(Ids(second), Is.EqualTo(new[] { Survey.ToString() }));
            Assert.That(none.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(Ids(none), Is.Empty);
            Assert.That(Ids(ancestors), Is.EqualTo(new[] { Home.ToString() }));
            Assert.That(Ids(descendants), Is.EqualTo(new[] { Survey.ToString() }));
            Assert.That(unknownTarget.GetProperty("total").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task Expands_form_and_content_pickers_one_level_When_expand_names_them()
    {
        var plain = await _client.GetJsonAsync($"content/item/{Survey}");
        var expanded = await _client.GetJsonAsync($"content/item/{Survey}?expand=properties[$all]");
        var home = await _client.GetJsonAsync("content/item/");
        var homeExpanded = await _client.GetJsonAsync("content/item/?expand=properties[sections[properties[link]]]");
        var form = expanded.Props().GetProperty("form").GetProperty("form");
        using var definitionResponse = await _client.GetAsync(new Uri($"/umbraco/forms/delivery/api/v1/definitions/{SurveyForm}", UriKind.Relative));
        var definition = JsonDocument.Parse(await definitionResponse.Content.ReadAsStringAsync()).RootElement;
        var link = home.Block("callToActionBlock").Props().GetProperty("link");
        var linkExpanded = homeExpanded.Block("callToActionBlock").Props().GetProperty("link");

        Assert.Multiple(() =>
        {
            Assert.That(plain.Props().GetProperty("form").Str("id"), Is.EqualTo(SurveyForm.ToString()));
            Assert.That(plain.Props().GetProperty("form").GetProperty("form").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(form.Str("id"), Is.EqualTo(SurveyForm.ToString()));
            Assert.That(form.GetProperty("pages").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(form.TryGetProperty("storeRecordsLocally", out _), Is.False, "internal settings stay internal");
            Assert.That(form.GetProperty("pages").GetRawText(), Is.EqualTo(definition.GetProperty("pages").GetRawText()), "the same shape as the Forms API");
            Assert.That(link.Str("id"), Is.EqualTo(Survey.ToString()));
            Assert.That(link.GetProperty("route").Str("path"), Is.EqualTo("/umfrage/"));
            Assert.That(link.Props().EnumerateObject(), Is.Empty, "shallow without expand");
            Assert.That(linkExpanded.Props().GetProperty("headline").GetString(), Is.EqualTo("Umfrage: Zusammenarbeit mit Initiativen"));
        });
    }

    [Test]
    public async Task Returns_only_the_named_properties_When_fields_limits_them()
    {
        var limited = await _client.GetJsonAsync("content/item/?fields=properties[headline,sections[properties[heading]]]");
        var cta = limited.Block("callToActionBlock").Props();

        Assert.Multiple(() =>
        {
            Assert.That(limited.Props().Keys(), Is.EqualTo(new[] { "headline", "sections" }));
            Assert.That(cta.Keys(), Is.EqualTo(new[] { "heading" }));
            Assert.That(limited.Keys(), Is.EqualTo(ContentKeys), "the item's own fields stay");
        });
    }

    [Test]
    public async Task Returns_media_in_Umbracos_shape_When_requested_by_id_path_ids_and_folder()
    {
        var byId = await _client.GetJsonAsync($"media/item/{Infosheet}");
        var byPath = await _client.GetJsonAsync("media/item/downloads/klimaschutz-lokal-staerken/");
        var items = await _client.GetJsonAsync($"media/items?id={Infosheet}&id={LogosFolder}");
        var logos = await _client.GetJsonAsync("media?fetch=children:/logos/");
        var logosById = await _client.GetJsonAsync($"media?fetch=children:{LogosFolder}&sort=name:asc");
        var roots = await _client.GetJsonAsync("media?fetch=children:/&filter=mediaType:Folder");

        Assert.Multiple(() =>
        {
            Assert.That(byId.Keys(), Is.EqualTo(MediaKeys));
            Assert.That(byId.Str("path"), Is.EqualTo("/downloads/klimaschutz-lokal-staerken/"));
            Assert.That(byId.Str("mediaType"), Is.EqualTo("File"));
            Assert.That(byId.Str("extension"), Is.EqualTo("pdf"));
            Assert.That(byId.Str("url"), Is.EqualTo("/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf"));
            Assert.That(byId.GetProperty("crops").GetArrayLength(), Is.Zero);
            Assert.That(byPath.ToString(), Is.EqualTo(byId.ToString()));
            Assert.That(items.EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { Infosheet.ToString(), LogosFolder.ToString() }));
            Assert.That(logos.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(logos.GetProperty("items").EnumerateArray().Select(i => i.Str("name")), Is.EqualTo(new[] { "Logo EU", "Logo EFRE" }));
            Assert.That(logos.GetProperty("items")[0].Props().GetProperty("altText").GetString(), Is.EqualTo("Logo EU"));
            Assert.That(logosById.GetProperty("items").EnumerateArray().Select(i => i.Str("name")), Is.EqualTo(new[] { "Logo EFRE", "Logo EU" }));
            Assert.That(roots.GetProperty("items").EnumerateArray().Select(i => i.Str("name")), Does.Contain("Logos").And.Contain("Downloads"));
        });
    }

    [TestCase("content/item/00000000-0000-0000-0000-000000000001")]
    [TestCase("content/item/gibt-es-nicht/")]
    [TestCase("media/item/00000000-0000-0000-0000-000000000001")]
    [TestCase("media/item/gibt/es/nicht/")]
    public async Task Answers_404_problem_details_When_the_item_is_unknown(string relative)
    {
        using var response = await _client.SendAsync(relative);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.ContentType()?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(problem.RootElement.Str("detail"), Is.Not.Empty);
        });
    }

    [TestCase("content?fetch=siblings:/", "fetch")]
    [TestCase("content?filter=author:x", "filter")]
    [TestCase("content?sort=title:asc", "sort")]
    [TestCase("content?skip=-1", "skip")]
    [TestCase("content?take=many", "take")]
    [TestCase("content?take=100000", "take")]
    [TestCase("content/item/?expand=properties[", "expand")]
    [TestCase("content/item/?fields=nonsense", "fields")]
    [TestCase("content/items?id=kein-guid", "id")]
    [TestCase("content/items", "id")]
    [TestCase("media", "fetch")]
    [TestCase("media?fetch=children:/&sort=level:asc", "sort")]
    [TestCase("media/items?id=1", "id")]
    public async Task Answers_400_naming_the_parameter_When_a_value_is_invalid(string relative, string parameter)
    {
        var problem = await _client.GetJsonAsync(relative, 400);

        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
            Assert.That(problem.GetProperty("errors").Keys(), Does.Contain(parameter));
            Assert.That(problem.Str("detail"), Does.Contain("„"));
        });
    }

    [Test]
    public async Task Uses_the_start_item_When_the_Start_Item_header_names_a_root()
    {
        var byPath = await _client.GetJsonAsync("content/item/umfrage/", 200, ("Start-Item", "zusammenarbeit-von-kommunen-und-initiativen"));
        var byId = await _client.GetJsonAsync("content?fetch=children:/", 200, ("Start-Item", Home.ToString()));
        var unknown = await _client.GetJsonAsync("content/item/umfrage/", 400, ("Start-Item", "gibt-es-nicht"));

        Assert.Multiple(() =>
        {
            Assert.That(byPath.Str("id"), Is.EqualTo(Survey.ToString()));
            Assert.That(byId.GetProperty("items")[0].Str("id"), Is.EqualTo(Survey.ToString()));
            Assert.That(unknown.GetProperty("errors").Keys(), Does.Contain("Start-Item"));
        });
    }

    [Test]
    public async Task Serves_the_German_content_When_another_language_is_asked_for()
    {
        var german = await _client.GetJsonAsync("content/item/", 200, ("Accept-Language", "de-DE"));
        var english = await _client.GetJsonAsync("content/item/", 200, ("Accept-Language", "en-US,en;q=0.9"));

        Assert.That(english.ToString(), Is.EqualTo(german.ToString()));
    }

    [Test]
    public async Task Answers_304_When_the_ETag_or_date_is_sent_back()
    {
        using var first = await _client.SendAsync($"content/item/{Survey}");
        var etag = first.Headers.ETag!.ToString();
        var lastModified = first.Content.Headers.LastModified!.Value;
        using var byEtag = await _client.SendAsync($"content/item/{Survey}", ("If-None-Match", etag));
        using var byDate = await _client.SendAsync($"content/item/{Survey}", ("If-Modified-Since", lastModified.ToString("R")));
        using var otherEtag = await _client.SendAsync($"content/item/{Survey}", ("If-None-Match", "\"anders\""));
        using var listFirst = await _client.SendAsync("content?fetch=children:/");
        using var list = await _client.SendAsync("content?fetch=children:/", ("If-None-Match", listFirst.Headers.ETag!.ToString()));
        var notModifiedBody = await byEtag.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(first.Headers.CacheControl?.NoCache, Is.True);
            Assert.That(first.Headers.Vary, Does.Contain("Api-Key").And.Contain("Preview").And.Contain("Start-Item").And.Contain("Accept-Language"));
            Assert.That(byEtag.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(notModifiedBody, Is.Empty);
            Assert.That(byDate.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(otherEtag.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }

    [Test]
    public async Task Runs_no_SQL_When_content_and_media_are_read()
    {
        string[] paths =
        [
            "content/item/", $"content/item/{Survey}?expand=properties[$all]", $"content/items?id={Home}", "content?fetch=children:/&sort=name:asc",
            $"media/item/{Infosheet}", "media/item/logos/", "media?fetch=children:/logos/", $"media/items?id={Infosheet}", "content/item/gibt-es-nicht/",
            "content?take=x",
        ];
        foreach (var path in paths)
        {
            (await _client.SendAsync(path)).Dispose(); // warm up (and fill the output cache)
        }

        var before = _factory.SqlCommands.Count;
        foreach (var path in paths)
        {
            (await _client.SendAsync(path)).Dispose();
            (await _client.SendAsync(path, ("Start-Item", Home.ToString()), ("Accept-Language", "de"))).Dispose();
        }

        Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
    }

    [Test]
    public async Task Refuses_the_preview_When_the_key_is_missing_or_wrong()
    {
        var missing = await _client.GetJsonAsync("content/item/", 401, ("Preview", "true"));
        var wrong = await _client.GetJsonAsync("content/item/", 401, ("Preview", "true"), ("Api-Key", "falscher-schluessel-123456"));
        var publicWithKey = await _client.GetJsonAsync("content/item/", 200, ("Api-Key", ApiKey));

        Assert.Multiple(() =>
        {
            Assert.That(missing.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That(wrong.Str("detail"), Does.Contain("Api-Key"));
            Assert.That(publicWithKey.Str("id"), Is.EqualTo(Home.ToString()));
        });
    }

    [Test]
    public async Task Marks_keyed_answers_private_When_an_Api_Key_is_sent()
    {
        using var keyed = await _client.SendAsync("content/item/", ("Api-Key", ApiKey));
        using var anonymous = await _client.SendAsync("content/item/");

        Assert.Multiple(() =>
        {
            Assert.That(keyed.Headers.CacheControl?.Private, Is.True);
            Assert.That(anonymous.Headers.CacheControl?.Private, Is.False);
            Assert.That(anonymous.Headers.CacheControl?.NoCache, Is.True);
        });
    }

    [Test]
    public void Describes_every_endpoint_for_the_delivery_OpenAPI_document_When_the_site_starts()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/umbraco/delivery/api/v2", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName), Is.EquivalentTo(new[]
            {
                "GetContentItemById", "GetContentItemByPath", "GetContentItems", "GetContent",
                "GetMediaItemById", "GetMediaItemByPath", "GetMediaItems", "GetMedia",
            }));
            Assert.That(endpoints.Select(e => e.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName), Has.All.EqualTo("delivery"));
            Assert.That(endpoints.Select(e => e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary), Has.All.Not.Empty);
            Assert.That(endpoints.Select(e => e.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Single()), Has.All.AnyOf("Content", "Media"));
        });
    }

    [Test]
    public async Task Sends_no_CORS_headers_When_no_origin_is_configured()
    {
        using var response = await _client.SendAsync("content/item/", ("Origin", "https://fremd.example.org"));

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}
