using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Publishing;

namespace Initiativenberatung.UnitTests.Core.Publishing;

public sealed class PublishedSnapshotBuilderTests
{
    private static readonly Guid HomeKey = new("33333333-0000-0000-0000-000000000001");
    private static readonly Guid ChildKey = new("33333333-0000-0000-0000-000000000002");
    private static readonly Guid GrandChildKey = new("33333333-0000-0000-0000-000000000003");
    private static readonly Guid ImageKey = new("44444444-0000-0000-0000-000000000001");

    [Test]
    public void Routes_first_root_to_slash_and_children_below_it_When_built()
    {
        var snapshot = Build(Page(HomeKey, null, "Start"), Page(ChildKey, HomeKey, "Über uns"));

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetByRoute("/")?.Key, Is.EqualTo(HomeKey));
            Assert.That(snapshot.GetByRoute("/ueber-uns/")?.Key, Is.EqualTo(ChildKey));
            Assert.That(snapshot.GetByRoute("/Ueber-Uns")?.Key, Is.EqualTo(ChildKey), "routes are case- and slash-insensitive");
            Assert.That(snapshot.Children(snapshot.GetByKey(HomeKey)!).Select(c => c.Key), Is.EqualTo(new[] { ChildKey }));
        });
    }

    [Test]
    public void Leaves_out_descendants_When_their_parent_is_not_published()
    {
        var snapshot = Build(Page(HomeKey, null, "Start"), Page(GrandChildKey, ChildKey, "Tief"));

        Assert.That(snapshot.Content.ContainsKey(GrandChildKey), Is.False);
    }

    [Test]
    public void Resolves_media_and_converts_blocks_When_values_reference_them()
    {
        var home = Page(HomeKey, null, "Start");
        home.Version.Values["image"] = $"[{{\"key\":\"{Guid.NewGuid()}\",\"mediaKey\":\"{ImageKey}\"}}]";
        home.Version.Values["sections"] = TestSchema.QuoteBlocks(("Gutes entwickeln", "Frank"));
        home.Version.Values["text"] = "{\"markup\":\"<p>Hallo<script>x</script></p>\",\"blocks\":null}";
        var image = new MediaItem
        {
            Key = ImageKey, Name = "Runder Tisch", MediaTypeAlias = MediaTypeAliases.Image, FilePath = "ab12/runder-tisch.png",
            Width = 1200, Height = 675, Values = { ["altText"] = "Mehrere Personen" },
        };

        var snapshot = PublishedSnapshotBuilder.Build(1, TestSchema.ContentTypes(), [home], [image], html => html.Replace("<script>x</script>", "", StringComparison.Ordinal));
        var content = snapshot.GetByRoute("/")!;
        var media = content.Value<IReadOnlyList<PublishedMedia>>("image")!;
        var blocks = content.Value<BlockListValue>("sections")!;

        Assert.Multiple(() =>
        {
            Assert.That(media.Single().Url, Is.EqualTo("/media/ab12/runder-tisch.png"));
            Assert.That(media.Single().AltText, Is.EqualTo("Mehrere Personen"));
            Assert.That(blocks.Items.Single().ContentTypeAlias, Is.EqualTo("quoteBlock"));
            Assert.That(blocks.Items.Single().Text("quote"), Is.EqualTo("Gutes entwickeln"));
            Assert.That(content.Value<RichTextValue>("text")?.Html, Is.EqualTo("<p>Hallo</p>"));
            Assert.That(snapshot.MediaByFilePath.ContainsKey("ab12/runder-tisch.png"), Is.True);
        });
    }

    [Test]
    public void Renders_broken_value_as_empty_When_stored_json_is_invalid()
    {
        var home = Page(HomeKey, null, "Start");
        home.Version.Values["sections"] = "{kaputt";

        var snapshot = Build(home);

        Assert.That(snapshot.GetByRoute("/")!.Value<BlockListValue>("sections")!.Items, Is.Empty);
    }

    [Test]
    public void Normalizes_routes_When_paths_differ_in_case_and_slashes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PublishedSnapshot.NormalizeRoute(null), Is.EqualTo("/"));
            Assert.That(PublishedSnapshot.NormalizeRoute("//"), Is.EqualTo("/"));
            Assert.That(PublishedSnapshot.NormalizeRoute("/Umfrage"), Is.EqualTo("/umfrage/"));
            Assert.That(PublishedSnapshot.NormalizeRoute("a/b/"), Is.EqualTo("/a/b/"));
        });
    }

    [Test]
    public void Redirects_old_routes_to_the_current_route_but_never_shadows_a_live_route_When_built_with_redirects()
    {
        var redirects = new[]
        {
            new RedirectUrl { Route = "/alter-name/", ContentKey = ChildKey },
            new RedirectUrl { Route = "/ueber-uns/", ContentKey = HomeKey },
            new RedirectUrl { Route = "/verschwunden/", ContentKey = GrandChildKey },
        };

        var snapshot = PublishedSnapshotBuilder.Build(
            1, TestSchema.ContentTypes(), [Page(HomeKey, null, "Start"), Page(ChildKey, HomeKey, "Über uns")], [], html => html, redirects);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetRedirectTarget("/Alter-Name")?.Route, Is.EqualTo("/ueber-uns/"));
            Assert.That(snapshot.GetRedirectTarget("/ueber-uns/"), Is.Null, "a live route wins over a redirect");
            Assert.That(snapshot.GetRedirectTarget("/verschwunden/"), Is.Null, "redirects to unpublished documents are dropped");
            Assert.That(snapshot.GetRedirectTarget("/gibt-es-nicht/"), Is.Null);
        });
    }

    [Test]
    public void Routes_by_the_segment_of_the_published_version_When_the_document_segment_differs()
    {
        var child = Page(ChildKey, HomeKey, "Über uns");
        child.Version.UrlSegment = "wer-wir-sind";
        var grandChild = Page(GrandChildKey, ChildKey, "Team");

        var snapshot = Build(Page(HomeKey, null, "Start"), child, grandChild);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetByRoute("/wer-wir-sind/")?.Key, Is.EqualTo(ChildKey));
            Assert.That(snapshot.GetByKey(ChildKey)?.UrlSegment, Is.EqualTo("wer-wir-sind"));
            Assert.That(snapshot.GetByRoute("/ueber-uns/"), Is.Null, "the document's own segment is not a second route");
            Assert.That(snapshot.GetByKey(GrandChildKey)?.Route, Is.EqualTo("/wer-wir-sind/team/"), "descendants follow the version's segment");
        });
    }

    [Test]
    public void Falls_back_to_the_document_segment_When_the_version_has_none()
    {
        var child = Page(ChildKey, HomeKey, "Über uns");
        child.Version.UrlSegment = "";

        var snapshot = Build(Page(HomeKey, null, "Start"), child);

        Assert.That(snapshot.GetByKey(ChildKey)?.Route, Is.EqualTo("/ueber-uns/"));
    }

    [Test]
    public void Gives_the_future_route_of_a_published_document_When_asked_with_a_new_segment()
    {
        var snapshot = Build(Page(HomeKey, null, "Start"), Page(ChildKey, HomeKey, "Über uns"), Page(GrandChildKey, ChildKey, "Team"));

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.RouteWith(ChildKey, HomeKey, "wer-wir-sind"), Is.EqualTo("/wer-wir-sind/"));
            Assert.That(snapshot.RouteWith(GrandChildKey, HomeKey, "team"), Is.EqualTo("/team/"), "a new parent");
            Assert.That(snapshot.RouteWith(HomeKey, null, "neu"), Is.EqualTo("/"), "the first root stays at /");
            Assert.That(snapshot.RouteWith(Guid.NewGuid(), HomeKey, "x"), Is.Null, "unpublished documents have no route");
        });
    }

    private static PublishedSnapshot Build(params PublishedSource[] sources) =>
        PublishedSnapshotBuilder.Build(1, TestSchema.ContentTypes(), sources, [], html => html);

    private static PublishedSource Page(Guid key, Guid? parent, string name)
    {
        var node = new ContentNode
        {
            Key = key, ParentKey = parent, Name = name, UrlSegment = UrlSegments.Create(name),
            ContentTypeAlias = parent is null ? "page" : "child", PublishedVersionId = 1, CurrentVersionId = 1,
        };
        var version = new ContentVersion { ContentKey = key, Name = name, UrlSegment = UrlSegments.Create(name), Values = { ["headline"] = name } };
        return new PublishedSource(node, version);
    }
}
