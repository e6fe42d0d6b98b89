using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Website;

/// <summary>The seeded cooperation page as a visitor's browser receives it.</summary>
[TestFixture]
public sealed class PublicPageTests
{
    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Renders_every_part_of_the_seed_text_When_home_is_requested()
    {
        var document = await GetDocumentAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(document.DocumentElement.GetAttribute("lang"), Is.EqualTo("de"));
            Assert.That(document.QuerySelector("h1")?.TextContent.Trim(), Is.EqualTo("Zusammenarbeit von Kommunen und Initiativen"));
            Assert.That(Text(document, "main"), Does.Contain("Die Initiativenberatung stellt interessierten Kommunen Erfahrungen und Erkenntnisse"));
            Assert.That(document.QuerySelector("img[alt='Mehrere Personen an einem runden Tisch']"), Is.Not.Null, "hero image");
            Assert.That(Text(document, "main"), Does.Contain("Bürgerschaftliches Engagement ist ein wichtiger Zukunftsfaktor"));
            Assert.That(Text(document, "main"), Does.Contain("Initiativen machen darüber hinaus Nachhaltigkeit in der Stadt"));
            Assert.That(Text(document, "main"), Does.Contain("Mit der Initiativenberatung unterstützt das Projekt MehrWert NRW der Verbraucherzentrale NRW"));
            Assert.That(Text(document, "main"), Does.Contain("Wir stehen mit über 140 dieser Initiativen aus NRW in Kontakt."));
            Assert.That(Text(document, "main"), Does.Contain("Die Erfahrungen und Erkenntnisse aus der Zusammenarbeit möchte die Initiativenberatung"));
        });
    }

    [Test]
    public async Task Renders_the_quote_as_figure_with_blockquote_When_home_is_requested()
    {
        var document = await GetDocumentAsync("/");
        var figure = document.QuerySelectorAll("figure").FirstOrDefault(f => f.QuerySelector("blockquote") is not null);

        Assert.That(figure, Is.Not.Null, "a <figure> with a <blockquote>");
        Assert.Multiple(() =>
        {
            Assert.That(figure!.QuerySelector("blockquote")!.TextContent, Does.Contain("Mich inspiriert die Zusammenarbeit mit ehrenamtlichen Initiativen."));
            Assert.That(figure.QuerySelector("blockquote")!.TextContent, Does.Contain("Hier steckt das Potenzial, gemeinsam Gutes zu entwickeln."));
            Assert.That(figure.QuerySelector("figcaption")?.TextContent, Does.Contain("Frank Neweling").And.Contain("Umwelt- und Verbraucherschutzamt, Stadt Köln"));
        });
    }

    [Test]
    public async Task Renders_the_infosheet_section_with_four_points_and_pdf_link_When_home_is_requested()
    {
        var document = await GetDocumentAsync("/");
        var section = SectionWithHeading(document, "Zusammenarbeit mit Initiativen erfolgreich gestalten");

        Assert.That(section, Is.Not.Null);
        var link = section!.QuerySelectorAll("a").FirstOrDefault(a => a.GetAttribute("href")?.EndsWith(".pdf", StringComparison.Ordinal) == true);
        Assert.Multiple(() =>
        {
            Assert.That(section.QuerySelectorAll("ul > li"), Has.Length.EqualTo(4));
            Assert.That(section.TextContent, Does.Contain("eine Checkliste mit Inspirationen für neue Beteiligungsformate"));
            Assert.That(link, Is.Not.Null, "download link to the PDF");
            Assert.That(link?.TextContent, Does.Contain("Klimaschutz lokal stärken"));
            Assert.That(link?.TextContent, Does.Match(@"PDF, \d+(,\d)? KB"), "type and size in the link text");
        });
    }

    [Test]
    public async Task Serves_the_infosheet_as_pdf_When_the_download_link_is_followed()
    {
        var document = await GetDocumentAsync("/");
        var href = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.EndsWith(".pdf", StringComparison.Ordinal) == true);

        using var response = await _client.GetAsync(new Uri(href!, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 0, 5), Is.EqualTo("%PDF-"));
        });
    }

    [Test]
    public async Task Renders_the_survey_call_to_action_and_funding_logos_When_home_is_requested()
    {
        var document = await GetDocumentAsync("/");
        var cta = SectionWithHeading(document, "Eigene Erfahrungen teilen");
        var logos = SectionWithHeading(document, "Gefördert durch");
        var surveyLink = cta?.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == "Umfrage starten");

        Assert.Multiple(() =>
        {
            Assert.That(cta?.TextContent, Does.Contain("Dann teilen Sie mit uns Ihre Erfahrungen"));
            Assert.That(cta?.TextContent, Does.Contain("Die Umfrage ist anonym."));
            Assert.That(surveyLink?.GetAttribute("href"), Is.EqualTo("/umfrage/"));
            Assert.That(logos?.QuerySelector("img[alt='Logo EU']"), Is.Not.Null);
            Assert.That(logos?.QuerySelector("img[alt='Logo EFRE']"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Shows_menu_and_footer_When_any_page_is_requested()
    {
        var document = await GetDocumentAsync("/umfrage/");
        var nav = document.QuerySelector("nav[aria-label='Menü']");

        Assert.Multiple(() =>
        {
            Assert.That(nav, Is.Not.Null);
            Assert.That(nav!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Does.Contain("/").And.Contain("/umfrage/"));
            Assert.That(nav.QuerySelector("a[aria-current='page']")?.GetAttribute("href"), Is.EqualTo("/umfrage/"));
            Assert.That(document.QuerySelector("footer"), Is.Not.Null);
            Assert.That(document.QuerySelector("h1"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Answers_404_in_German_When_the_page_does_not_exist()
    {
        using var response = await _client.GetAsync(new Uri("/gibt-es-nicht/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(html, Does.Contain("Seite nicht gefunden"));
            Assert.That(html, Does.Contain("lang=\"de\""));
        });
    }

    [Test]
    public async Task Redirects_to_the_canonical_url_When_the_trailing_slash_is_missing()
    {
        using var response = await _client.GetAsync(new Uri("/umfrage", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/umfrage/"));
        });
    }

    [Test]
    public async Task Runs_no_sql_When_pages_and_media_are_requested()
    {
        // Warm up: first render compiles views and fills the output cache.
        var document = await GetDocumentAsync("/");
        var pdf = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.EndsWith(".pdf", StringComparison.Ordinal) == true)!;
        var before = _factory.SqlCommands.Count;

        for (var i = 0; i < 5; i++)
        {
            (await _client.GetAsync(new Uri("/", UriKind.Relative))).EnsureSuccessStatusCode();
            (await _client.GetAsync(new Uri("/umfrage/", UriKind.Relative))).EnsureSuccessStatusCode();
            (await _client.GetAsync(new Uri(pdf, UriKind.Relative))).EnsureSuccessStatusCode();
            await _client.GetAsync(new Uri("/gibt-es-nicht/", UriKind.Relative));
        }

        Assert.That(_factory.SqlCommands.Count - before, Is.Zero);
    }

    [Test]
    public async Task Serves_the_page_from_the_output_cache_When_it_is_requested_again()
    {
        (await _client.GetAsync(new Uri("/", UriKind.Relative))).EnsureSuccessStatusCode();

        using var again = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(again.Headers.Age, Is.Not.Null, "the output cache adds Age to the answers it serves");
    }

    [Test]
    public async Task Sends_security_headers_When_a_page_is_requested()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.Contain("object-src 'none'").And.Contain("base-uri 'none'").And.Contain("frame-ancestors 'none'"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Has.Member("nosniff"));
            Assert.That(response.Headers.Contains("Referrer-Policy"), Is.True);
        });
    }

    private async Task<IDocument> GetDocumentAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}");
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html);
    }

    private static string Text(IDocument document, string selector) =>
        string.Join(" ", document.QuerySelectorAll(selector).Select(e => e.TextContent)).ReplaceLineEndings(" ");

    private static IElement? SectionWithHeading(IDocument document, string heading) =>
        document.QuerySelectorAll("section").FirstOrDefault(s => s.QuerySelector("h2")?.TextContent.Trim() == heading);
}
