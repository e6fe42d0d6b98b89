using Initiativenberatung.Core.Auditing;
using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>The content search at /umbraco/content/search: name and text of the drafts, case, umlaut spelling and accents folded.</summary>
[TestFixture]
public sealed class ContentSearchTests
{
    private const string EditorEmail = "suche@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private CmsWebApplicationFactory _factory = null!;

    [SetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [TearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("übergänge")]
    [TestCase("ÜBERGÄNGE")]
    [TestCase("uebergaenge")]
    public async Task Finds_the_page_by_name_in_any_spelling_When_the_query_differs_in_case_or_umlauts(string query)
    {
        var page = await SaveAsync("Übergänge gestalten", new Dictionary<string, string?> { ["headline"] = "Gut begleitet" });

        var hits = await Search().SearchAsync(query);

        Assert.That(hits.Select(h => h.Key), Does.Contain(page));
        Assert.That(hits.Single(h => h.Key == page).NameMatched, Is.True);
    }

    [Test]
    public async Task Finds_text_inside_rich_text_and_blocks_but_not_tags_ids_or_trashed_pages_When_property_values_are_searched()
    {
        var block = "{\"layout\":{\"Umbraco.BlockList\":[{\"contentKey\":\"0b7c1a52-8d3e-4c1f-9a6b-2e4d6f8a0c13\"}]},\"contentData\":[{\"key\":\"0b7c1a52-8d3e-4c1f-9a6b-2e4d6f8a0c13\",\"contentTypeKey\":\"4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a12\",\"values\":[{\"alias\":\"author\",\"editorAlias\":\"Umbraco.TextBox\",\"value\":\"Nachbarschaftsrat\"},{\"alias\":\"quote\",\"editorAlias\":\"Umbraco.TextArea\",\"value\":\"Straßenfeste verbinden Nachbarschaften.\"}]}]}";
        var page = await SaveAsync("Nachbarschaft", new Dictionary<string, string?> { ["headline"] = "Nachbarschaft", ["intro"] = "Café-Treffen für Ältere", ["sections"] = block });
        var trashed = await SaveAsync("Strassenfeste im Archiv", new Dictionary<string, string?> { ["headline"] = "Alt" });
        await _factory.Services.GetRequiredService<ContentStructureService>().TrashAsync(trashed, new Actor(null, EditorEmail));

        var inBlock = await Search().SearchAsync("STRASSENFESTE");
        var accent = await Search().SearchAsync("CAFE-treffen");
        var umlaut = await Search().SearchAsync("für älteRE");
        var tag = await Search().SearchAsync("<p>");
        var editorAlias = await Search().SearchAsync("umbraco.textarea");
        var id = await Search().SearchAsync("0b7c1a52");
        var blank = await Search().SearchAsync("   ");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(inBlock.Select(h => h.Key), Is.EqualTo(new[] { page }), "block text found, trashed page left out");
            Assert.That(inBlock[0].Snippet, Is.EqualTo("Straßenfeste verbinden Nachbarschaften."), "the snippet is readable text");
            Assert.That(accent.Select(h => h.Key), Is.EqualTo(new[] { page }), "é is folded to e");
            Assert.That(umlaut.Select(h => h.Key), Is.EqualTo(new[] { page }));
            Assert.That(tag, Is.Empty);
            Assert.That(editorAlias, Is.Empty, "structure keys of block JSON are not text");
            Assert.That(id, Is.Empty);
            Assert.That(blank, Is.Empty);
        }
    }

    [Test]
    public async Task Lists_hits_with_edit_links_a_labelled_field_and_a_counted_status_When_the_editor_searches()
    {
        var first = await SaveAsync("Übergänge in Schule", new Dictionary<string, string?> { ["headline"] = "Schule" });
        var second = await SaveAsync("Begleitung", new Dictionary<string, string?> { ["headline"] = "Übergänge begleiten" });
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        using var editor = await _factory.SignedInClientAsync(EditorEmail);

        var html = await editor.GetStringAsync(new Uri("/umbraco/content/search?q=%C3%BCberg%C3%A4nge", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var none = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri("/umbraco/content/search?q=Xylophon", UriKind.Relative)));
        using var tooLong = await editor.GetAsync(new Uri("/umbraco/content/search?q=" + new string('a', 5000), UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.QuerySelector("label[for='content-search']")?.TextContent, Is.EqualTo("Inhalte durchsuchen (Name und Text)"));
            Assert.That(document.QuerySelector("#content-search")?.GetAttribute("value"), Is.EqualTo("übergänge"));
            Assert.That(document.QuerySelector("[role='status']")?.TextContent.Trim(), Is.EqualTo("2 Treffer für „übergänge“."));
            Assert.That(document.QuerySelectorAll(".bo-search-hits a").Select(a => a.GetAttribute("href")),
                Is.EqualTo(new[] { $"/umbraco/content/edit/{first:D}", $"/umbraco/content/edit/{second:D}" }), "name hits first");
            Assert.That(none.QuerySelector("[role='status']")?.TextContent.Trim(), Is.EqualTo("Keine Treffer für „Xylophon“."));
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an overlong query is cut, not an error");
        }
    }

    private ContentSearchService Search() => _factory.Services.GetRequiredService<ContentSearchService>();

    private async Task<Guid> SaveAsync(string name, Dictionary<string, string?> values)
    {
        var key = Guid.NewGuid();
        var result = await _factory.Services.GetRequiredService<ContentService>().SaveAsync(
            new SaveContentCommand(key, Home, "contentPage", name, values), new Actor(null, EditorEmail));
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return key;
    }
}
