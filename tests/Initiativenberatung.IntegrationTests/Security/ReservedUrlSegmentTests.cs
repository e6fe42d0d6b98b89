using Initiativenberatung.Core.Auditing;
using System.Xml.Linq;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// A page cannot take an address the site itself answers at (<c>/umbraco</c>, <c>/media</c>, <c>/formulare</c>, …) on the
/// first level of the address: not by its URL segment, not by a name that becomes one, not by a move and not by a uSync
/// import. Deeper down the same segment is harmless and allowed.
/// </summary>
[TestFixture]
public sealed class ReservedUrlSegmentTests
{
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Actor Editor = new(null, "redaktion@example.org");

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        using var client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private ContentService Content() => _factory.Services.GetRequiredService<ContentService>();

    [TestCase("umbraco")]
    [TestCase("UMBRACO")]
    [TestCase("Media")]
    [TestCase("formulare")]
    [TestCase("fehler")]
    [TestCase("css")]
    [TestCase("js")]
    [TestCase("lib")]
    [TestCase("health")]
    [TestCase("App_Plugins")]
    [TestCase("favicon.ico")]
    [TestCase("robots.txt")]
    [TestCase("sitemap.xml")]
    public async Task Refuses_the_segment_naming_the_field_When_a_page_below_the_home_page_would_answer_at_a_site_address(string segment)
    {
        var result = await Content().SaveAndPublishAsync(Command(Home, "Neue Seite", segment), Editor);

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.False);
            Assert.That(Error(result, "urlSegment"), Does.StartWith("URL-Segment: Die Adresse").And.Contain("gehört auf der obersten Ebene zur Website selbst"));
        });
    }

    [TestCase("Umbraco")]
    [TestCase("Média")]
    [TestCase(" Formulare ")]
    public async Task Refuses_the_name_naming_the_field_When_the_address_made_from_it_is_a_site_address(string name)
    {
        var result = await Content().SaveAsync(Command(Home, name, null), Editor);

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.False);
            Assert.That(Error(result, "name"), Does.StartWith("Name: Aus dem Namen").And.Contain("Bitte ändern Sie den Namen oder geben Sie ein anderes URL-Segment ein."));
        });
    }

    [Test]
    public async Task Refuses_the_segment_When_a_top_level_page_would_answer_at_a_site_address()
    {
        var result = await Content().SaveAsync(Command(null, "Verwaltung", "umbraco"), Editor);

        Assert.That(Error(result, "urlSegment"), Does.Contain("„umbraco“"));
    }

    [Test]
    public async Task Accepts_the_segment_When_the_page_is_deeper_than_the_first_level_of_the_address()
    {
        var section = await SectionAsync("Bereich Medien");

        var result = await Content().SaveAndPublishAsync(Command(section, "Media", null), Editor);

        Assert.That(result.Success, Is.True, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    [Test]
    public async Task Refuses_the_move_When_the_page_would_answer_at_a_site_address_at_its_new_place()
    {
        var section = await SectionAsync("Bereich Verwaltung");
        var saved = await Content().SaveAsync(Command(section, "Umbraco", null), Editor);

        var moved = await _factory.Services.GetRequiredService<ContentStructureService>().MoveAsync(saved.Node!.Key, Home, Editor);

        Assert.Multiple(() =>
        {
            Assert.That(saved.Success, Is.True, string.Join(" ", saved.Errors.Select(e => e.Message)));
            Assert.That(Error(moved, "parent"), Does.Contain("„umbraco“").And.Contain("gehört auf der obersten Ebene zur Website selbst"));
        });
    }

    /// <summary>A content page below the home page (the first level of the address), to put pages one level deeper.</summary>
    private async Task<Guid> SectionAsync(string name)
    {
        var section = await Content().SaveAndPublishAsync(Command(Home, name, null), Editor);
        Assert.That(section.Success, Is.True, string.Join(" ", section.Errors.Select(e => e.Message)));
        return section.Node!.Key;
    }

    [Test]
    public async Task Reports_a_failed_item_and_imports_nothing_When_a_usync_file_puts_a_page_at_a_site_address()
    {
        var folder = Path.Combine(_factory.TempDirectory, "usync-reserved");
        var content = Path.Combine(folder, "Content");
        Directory.CreateDirectory(content);
        var key = Guid.NewGuid();
        var file = XDocument.Load(Path.Combine(CmsWebApplicationFactory.RepositoryRoot, "uSync", "v17", "Content", "umfrage.config"));
        file.Root!.SetAttributeValue("Key", key);
        file.Root.SetAttributeValue("Alias", "Umbraco");
        file.Root.Element("Info")!.Element("NodeName")!.SetAttributeValue("Default", "Umbraco");
        file.Save(Path.Combine(content, "umbraco.config"));

        var result = await _factory.Services.GetRequiredService<UsyncService>().ImportAsync(folder);
        var item = result.Items.Single(i => i.File == "Content/umbraco.config");
        var node = await _factory.Services.GetRequiredService<ContentQueryService>().GetAsync(key);

        Assert.Multiple(() =>
        {
            Assert.That(item.Change, Is.EqualTo(UsyncChangeKind.Fail));
            Assert.That(item.Message, Does.StartWith("Nicht importiert: Die Adresse „umbraco“"));
            Assert.That(node, Is.Null);
        });
    }

    private static SaveContentCommand Command(Guid? parent, string name, string? segment) =>
        new(Guid.NewGuid(), parent, "contentPage", name, new Dictionary<string, string?> { ["headline"] = name.Trim() }, segment);

    private static string Error(ContentOperationResult result, string field) =>
        result.Errors.FirstOrDefault(e => e.PropertyAlias == field)?.Message
            ?? "keine Meldung für " + field + ": " + string.Join(" | ", result.Errors.Select(e => $"{e.PropertyAlias}: {e.Message}"));
}
