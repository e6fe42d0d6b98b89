using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Website;

/// <summary>
/// HTTP behaviour of the public site: response compression (and where it is left out), cache lifetimes of static
/// files, the favicon, a reload of the survey's post address and descriptive link texts.
/// </summary>
[TestFixture]
public sealed class PublicHttpTests
{
    /// <summary>Link texts Lighthouse's SEO audit counts as not descriptive (English and German entries).</summary>
    private static readonly string[] VagueLinkTexts =
        ["start", "here", "click here", "more", "read more", "learn more", "hier", "mehr", "klicken sie hier", "weiterlesen", "mehr erfahren"];

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    // ------------------------------------------------------------------------------------------ compression

    [TestCase("/", "br")]
    [TestCase("/", "gzip")]
    [TestCase("/css/site.css", "br")]
    [TestCase("/js/survey-conditions.js", "gzip")]
    [TestCase("/favicon.svg", "br")]
    [TestCase("/media/c42f9a10/logo-eu.svg", "gzip")]
    [TestCase("/umbraco/delivery/api/v2/content", "br")]
    public async Task Compresses_the_answer_When_a_public_resource_is_requested_with_accept_encoding(string path, string encoding)
    {
        var plain = await GetBytesAsync(path, null);

        using var response = await SendAsync(path, encoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
            Assert.That(response.Headers.Vary, Does.Contain("Accept-Encoding"));
            Assert.That(compressed, Has.Length.LessThan(plain.Length), "smaller than the plain answer");
            Assert.That(Decompress(compressed, encoding), Is.EqualTo(plain), "the same bytes once decompressed");
        }
    }

    [TestCase("/umfrage/")]
    [TestCase("/umbraco/login")]
    public async Task Sends_the_answer_uncompressed_When_it_carries_a_per_visitor_secret(string path)
    {
        // The first visit sets the antiforgery cookie; the second sets none, so only the page's own opt-out (or its path) counts.
        using (await SendAsync(path, "br, gzip"))
        {
        }

        using var response = await SendAsync(path, "br, gzip");
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False, "the visitor already has the cookie");
            Assert.That(html, Does.Contain("__RequestVerificationToken"), "the page holds an antiforgery token");
            Assert.That(response.Content.Headers.ContentEncoding, Is.Empty, "BREACH: no compression next to a secret");
        }
    }

    // ------------------------------------------------------------------------------------------ static files

    [TestCase("css/site.css")]
    [TestCase("js/survey-conditions.js")]
    public async Task Lets_caches_keep_the_file_for_a_year_When_it_is_requested_with_its_fingerprint(string file)
    {
        var html = await _client.GetStringAsync(new Uri("/umfrage/", UriKind.Relative));
        var href = new HtmlParser().ParseDocument(html)
            .QuerySelectorAll("link[href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src"))
            .FirstOrDefault(h => h!.StartsWith("/" + file + "?v=", StringComparison.Ordinal));
        Assert.That(href, Is.Not.Null, $"the survey page links /{file} with asp-append-version");

        using var response = await _client.GetAsync(new Uri(href!, UriKind.Relative));

        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
    }

    [TestCase("/css/site.css")]
    [TestCase("/css/site.css?v=veraltet")]
    [TestCase("/favicon.ico")]
    public async Task Gives_a_short_lifetime_When_a_static_file_is_requested_without_its_current_fingerprint(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=600"));
        }
    }

    // ------------------------------------------------------------------------------------------ favicon

    [TestCase("/favicon.ico", "image/x-icon")]
    [TestCase("/favicon.svg", "image/svg+xml")]
    public async Task Serves_the_icon_with_its_type_When_the_favicon_is_requested(string path, string type)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(type));
            Assert.That(bytes, Has.Length.GreaterThan(100));
        }

        if (path.EndsWith(".ico", StringComparison.Ordinal))
        {
            Assert.That(bytes[..4], Is.EqualTo(new byte[] { 0, 0, 1, 0 }), "ICO header: reserved 0, type 1 (icon)");
        }
    }

    [Test]
    public async Task Links_the_svg_and_ico_favicons_When_a_public_page_is_rendered()
    {
        var html = await _client.GetStringAsync(new Uri("/", UriKind.Relative));
        var icons = new HtmlParser().ParseDocument(html).QuerySelectorAll("head link[rel='icon']")
            .Select(l => (Href: l.GetAttribute("href") ?? "", Type: l.GetAttribute("type"))).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(icons.Any(i => i.Href == "/favicon.ico"), Is.True, "the ICO fallback");
            Assert.That(icons.Any(i => i.Href.StartsWith("/favicon.svg", StringComparison.Ordinal) && i.Type == "image/svg+xml"), Is.True, "the SVG icon");
        }
    }

    // ------------------------------------------------------------------------------------------ survey reload

    [Test]
    public async Task Sends_the_visitor_to_the_survey_start_with_a_hint_When_the_post_address_is_opened_with_get()
    {
        using var reload = await _client.GetAsync(new Uri("/formulare/absenden", UriKind.Relative));
        var location = reload.Headers.Location?.ToString();
        Assert.That(reload.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(location, Is.EqualTo("/umfrage/?neu=1"));

        using var start = await _client.GetAsync(new Uri(location!, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await start.Content.ReadAsStringAsync());
        var hint = document.QuerySelector("main [role='status']")?.TextContent;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(hint, Does.Contain("Die Umfrage beginnt hier von vorn"));
            Assert.That(document.QuerySelector("form[action='/formulare/absenden']"), Is.Not.Null, "the first page of the survey");
        }
    }

    [Test]
    public async Task Shows_no_hint_When_the_survey_is_opened_normally()
    {
        var html = await _client.GetStringAsync(new Uri("/umfrage/", UriKind.Relative));

        Assert.That(html, Does.Not.Contain("Die Umfrage beginnt hier von vorn"));
    }

    // ------------------------------------------------------------------------------------------ link texts

    [TestCase("/")]
    [TestCase("/umfrage/")]
    public async Task Gives_every_link_a_descriptive_text_When_a_public_page_is_rendered(string path)
    {
        var html = await _client.GetStringAsync(new Uri(path, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var texts = document.QuerySelectorAll("a[href]").Select(a => a.TextContent.Trim().ToLowerInvariant()).ToList();
        var home = document.QuerySelector("nav a[href='/']")?.TextContent.Trim();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts.Intersect(VagueLinkTexts), Is.Empty, "link texts Lighthouse flags");
            Assert.That(home, Is.EqualTo("Startseite"), "the menu's link to the home page");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await _client.SendAsync(request);
    }

    private async Task<byte[]> GetBytesAsync(string path, string? acceptEncoding)
    {
        using var response = await SendAsync(path, acceptEncoding);
        Assert.That(response.Content.Headers.ContentEncoding, Is.Empty, $"GET {path} without Accept-Encoding is plain");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
