using System.Text.Json.Nodes;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Delivery;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Publishing;

namespace Initiativenberatung.UnitTests.Core.Delivery;

/// <summary>The JSON shapes of Umbraco's Delivery API v2, written from a snapshot built in memory.</summary>
[TestFixture]
public sealed class DeliveryJsonWriterTests
{
    private static readonly Guid HomeKey = new("55555555-0000-0000-0000-000000000001");
    private static readonly Guid ChildKey = new("55555555-0000-0000-0000-000000000002");
    private static readonly Guid ImageKey = new("66666666-0000-0000-0000-000000000001");

    [Test]
    public void Writes_route_relative_to_the_root_and_the_root_as_start_item_When_a_child_is_written()
    {
        var snapshot = Build();
        var json = Writer(snapshot).Content(snapshot.GetByKey(ChildKey)!, PropertySelection.None, PropertySelection.All);

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "contentType", "name", "createDate", "updateDate", "route", "id", "properties", "cultures" }));
            Assert.That(json["route"]!["path"]!.GetValue<string>(), Is.EqualTo("/ueber-uns/"));
            Assert.That(json["route"]!["startItem"]!["id"]!.GetValue<string>(), Is.EqualTo(HomeKey.ToString()));
            Assert.That(json["route"]!["startItem"]!["path"]!.GetValue<string>(), Is.EqualTo("start"));
            Assert.That(json["cultures"]!.AsObject(), Is.Empty);
        });
    }

    [Test]
    public void Writes_rich_text_blocks_and_media_in_Umbracos_shapes_When_a_page_has_them()
    {
        var snapshot = Build();
        var json = Writer(snapshot).Content(snapshot.GetByKey(HomeKey)!, PropertySelection.None, PropertySelection.All);
        var properties = json["properties"]!;
        var image = properties["image"]![0]!;
        var block = properties["sections"]!["items"]![0]!;

        Assert.Multiple(() =>
        {
            Assert.That(properties["text"]!["markup"]!.GetValue<string>(), Is.EqualTo("<p>Hallo</p>"));
            Assert.That(properties["text"]!["blocks"]!.AsArray(), Is.Empty);
            Assert.That(properties["hideFromNavigation"]!.GetValue<bool>(), Is.False);
            Assert.That(Keys(image.AsObject()), Is.EqualTo(new[] { "focalPoint", "crops", "id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties" }));
            Assert.That(image["url"]!.GetValue<string>(), Is.EqualTo("/media/ab12/runder-tisch.png"));
            Assert.That(image["focalPoint"]!["left"]!.GetValue<double>(), Is.EqualTo(0.25));
            Assert.That(image["properties"]!.AsObject(), Is.Empty, "media properties only when expanded");
            Assert.That(Keys(block.AsObject()), Is.EqualTo(new[] { "content", "settings" }));
            Assert.That(block["content"]!["contentType"]!.GetValue<string>(), Is.EqualTo("quoteBlock"));
            Assert.That(block["content"]!["properties"]!["author"]!.GetValue<string>(), Is.EqualTo("Frank"));
            Assert.That(block["settings"], Is.Null);
        });
    }

    [Test]
    public void Writes_media_properties_without_the_built_in_values_When_the_picker_is_expanded()
    {
        var snapshot = Build();
        PropertySelection.TryParse("expand", "properties[image]", PropertySelection.None, out var expand, out _);
        var json = Writer(snapshot).Content(snapshot.GetByKey(HomeKey)!, expand, PropertySelection.All);
        var media = DeliveryJsonWriter.Media(snapshot.GetMedia(ImageKey)!, PropertySelection.All);

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json["properties"]!["image"]![0]!["properties"]!.AsObject()), Is.EqualTo(new[] { "altText" }));
            Assert.That(Keys(media), Is.EqualTo(new[]
            {
                "path", "createDate", "updateDate", "id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties", "focalPoint", "crops",
            }));
            Assert.That(media["path"]!.GetValue<string>(), Is.EqualTo("/runder-tisch/"));
        });
    }

    [Test]
    public void Uses_the_pickers_own_focal_point_When_the_picker_sets_one()
    {
        var snapshot = Build($"[{{\"key\":\"{Guid.NewGuid()}\",\"mediaKey\":\"{ImageKey}\",\"crops\":[],\"focalPoint\":{{\"left\":0.75,\"top\":0.1}}}}]");
        var json = Writer(snapshot).Content(snapshot.GetByKey(HomeKey)!, PropertySelection.None, PropertySelection.All);
        var media = DeliveryJsonWriter.Media(snapshot.GetMedia(ImageKey)!, PropertySelection.All);

        Assert.Multiple(() =>
        {
            Assert.That(json["properties"]!["image"]![0]!["focalPoint"]!["left"]!.GetValue<double>(), Is.EqualTo(0.75));
            Assert.That(media["focalPoint"]!["left"]!.GetValue<double>(), Is.EqualTo(0.25), "the media item keeps its own");
        });
    }

    [Test]
    public void Leaves_out_documents_of_disallowed_types_When_all_content_is_queried()
    {
        var snapshot = Build();
        var query = DeliveryQueryParser.ParseContent(null, null, null, null, null).Query!;

        var all = DeliveryQueryRunner.RunContent(snapshot, query, _ => null, null, _ => true);
        var allowed = DeliveryQueryRunner.RunContent(snapshot, query, _ => null, null, alias => alias != "child");

        Assert.Multiple(() =>
        {
            Assert.That(all.Items.Select(c => c.Key), Is.EqualTo(new[] { HomeKey, ChildKey }));
            Assert.That(allowed.Items.Select(c => c.Key), Is.EqualTo(new[] { HomeKey }));
            Assert.That(allowed.Total, Is.EqualTo(1));
        });
    }

    private static DeliveryJsonWriter Writer(PublishedSnapshot snapshot) => new(snapshot, _ => true, _ => null);

    private static string[] Keys(JsonObject node) => node.Select(p => p.Key).ToArray();

    private static PublishedSnapshot Build(string? imageValue = null)
    {
        var home = Page(HomeKey, null, "Start");
        home.Version.Values["image"] = imageValue ?? $"[{{\"key\":\"{Guid.NewGuid()}\",\"mediaKey\":\"{ImageKey}\"}}]";
        home.Version.Values["sections"] = TestSchema.QuoteBlocks(("Gutes entwickeln", "Frank"));
        home.Version.Values["text"] = "{\"markup\":\"<p>Hallo</p>\",\"blocks\":null}";
        var image = new MediaItem
        {
            Key = ImageKey, Name = "Runder Tisch", MediaTypeAlias = MediaTypeAliases.Image, FilePath = "ab12/runder-tisch.png",
            Width = 1200, Height = 675,
            Values = { ["altText"] = "Mehrere Personen", [FocalPoint.Alias] = "{\"left\":0.25,\"top\":0.5}", ["umbracoFile"] = "x" },
        };

        return PublishedSnapshotBuilder.Build(1, TestSchema.ContentTypes(), [home, Page(ChildKey, HomeKey, "Über uns")], [image], html => html);
    }

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
