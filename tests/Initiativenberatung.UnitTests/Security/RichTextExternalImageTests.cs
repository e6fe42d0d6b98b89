using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Sanitizing;
using Initiativenberatung.UnitTests.Core;

namespace Initiativenberatung.UnitTests.Security;

/// <summary>
/// Rich text loads no images from other sites (tracking pixels for visitors and API clients) unless its data type sets
/// <c>"allowExternalImages": true</c>; images from this site (<c>/media/…</c>) always stay. <c>name</c> attributes are
/// removed and ids prefixed, so rich text cannot clobber the page's globals; local anchors keep working.
/// </summary>
[TestFixture]
public sealed class RichTextExternalImageTests
{
    private const string Tracker = "tracker.example";
    private readonly RichTextSanitizer _sanitizer = new();

    [TestCase("<img src=\"https://tracker.example/p.gif\" alt=\"\">")]
    [TestCase("<img src=\"http://tracker.example/p.gif\">")]
    [TestCase("<img src=\"HTTPS://TRACKER.EXAMPLE/P.GIF\">")]
    [TestCase("<img src=\"  https://tracker.example/p.gif\">")]
    [TestCase("<img src=\"//tracker.example/p.gif\">")]
    [TestCase("<img src=\"/\\tracker.example/p.gif\">")]
    [TestCase("<img src=\"\\\\tracker.example/p.gif\">")]
    [TestCase("<img src=\"/media/a.png\" srcset=\"https://tracker.example/p.gif 2x\">")]
    [TestCase("<picture><source srcset=\"https://tracker.example/p.gif\"><img src=\"/media/a.png\"></picture>")]
    [TestCase("<video poster=\"https://tracker.example/p.gif\"></video>")]
    [TestCase("<table background=\"https://tracker.example/p.gif\"><tr><td background=\"https://tracker.example/q.gif\">x</td></tr></table>")]
    [TestCase("<img src=\"/media/a.png\" lowsrc=\"https://tracker.example/p.gif\" dynsrc=\"https://tracker.example/q.gif\">")]
    public void Loads_nothing_from_another_site_When_the_data_type_does_not_allow_external_images(string html)
    {
        Assert.That(_sanitizer.Sanitize("<p>Text</p>" + html), Does.Not.Contain(Tracker).IgnoreCase.And.StartWith("<p>Text</p>"));
    }

    [TestCase("<img src=\"/media/ab12/runder-tisch.png\" alt=\"Runder Tisch\">")]
    [TestCase("<img src=\"bild.png\" alt=\"Bild\">")]
    public void Keeps_the_image_When_it_comes_from_this_site(string html)
    {
        Assert.Multiple(() =>
        {
            Assert.That(_sanitizer.Sanitize(html), Is.EqualTo(html));
            Assert.That(_sanitizer.Sanitize(html, allowExternalImages: true), Is.EqualTo(html));
        });
    }

    [Test]
    public void Keeps_the_external_image_When_the_data_type_allows_it()
    {
        const string html = "<img src=\"https://fotos.example/bild.jpg\" alt=\"Bild\">";

        Assert.That(_sanitizer.Sanitize(html, allowExternalImages: true), Is.EqualTo(html));
    }

    [TestCase("{\"allowExternalImages\": true}", EditorAliases.RichText, true)]
    [TestCase("{\"allowExternalImages\": \"true\"}", EditorAliases.TinyMce, true)]
    [TestCase("{\"allowExternalImages\": false}", EditorAliases.RichText, false)]
    [TestCase("{}", EditorAliases.RichText, false)]
    [TestCase("kein json", EditorAliases.RichText, false)]
    [TestCase("[true]", EditorAliases.RichText, false)]
    [TestCase("{\"allowExternalImages\": true}", EditorAliases.TextBox, false)]
    public void Reads_the_setting_from_the_data_type_configuration_When_asked_whether_external_images_are_allowed(string config, string editor, bool expected)
    {
        var dataType = new DataType { Key = Guid.NewGuid(), EditorAlias = editor, ConfigJson = config };

        Assert.That(RichTextSanitizer.AllowsExternalImages(dataType), Is.EqualTo(expected));
    }

    [Test]
    public void Applies_the_rule_of_each_property_data_type_When_values_are_stored_and_published()
    {
        var schema = new ContentTypeIndex(TestSchema.ContentTypes());
        var page = schema.ByAlias("page")!;
        var values = new Dictionary<string, string?> { ["text"] = "<p>a<img src=\"https://fotos.example/b.jpg\"></p>" };
        var allowing = new HashSet<Guid> { BuiltInDataTypes.RichtextEditor };
        var valueSanitizer = new PropertyValueSanitizer(_sanitizer);

        var storedDefault = valueSanitizer.Sanitize(schema, page, values)["text"];
        var storedAllowed = valueSanitizer.Sanitize(schema, page, values, allowing)["text"];
        var publishedDefault = Publish(values["text"]!, _sanitizer.ForDataTypes(new HashSet<Guid>()));
        var publishedAllowed = Publish(values["text"]!, _sanitizer.ForDataTypes(allowing));

        Assert.Multiple(() =>
        {
            Assert.That(storedDefault, Is.EqualTo("<p>a</p>"));
            Assert.That(storedAllowed, Does.Contain("https://fotos.example/b.jpg"));
            Assert.That(publishedDefault, Is.EqualTo("<p>a</p>"));
            Assert.That(publishedAllowed, Does.Contain("https://fotos.example/b.jpg"));
        });
    }

    [TestCase("<a name=\"config\">x</a>", "<a>x</a>")]
    [TestCase("<img name=\"getElementById\" src=\"/media/a.png\">", "<img src=\"/media/a.png\">")]
    [TestCase("<h2 id=\"kontakt\">Kontakt</h2>", "<h2 id=\"inhalt-kontakt\">Kontakt</h2>")]
    [TestCase("<a href=\"#kontakt\">Zum Kontakt</a>", "<a href=\"#inhalt-kontakt\">Zum Kontakt</a>")]
    [TestCase("<a href=\"/ueber-uns/#team\">Team</a>", "<a href=\"/ueber-uns/#inhalt-team\">Team</a>")]
    [TestCase("<a href=\"https://example.org/#team\">Team</a>", "<a href=\"https://example.org/#team\">Team</a>")]
    [TestCase("<a href=\"#top\">Nach oben</a>", "<a href=\"#top\">Nach oben</a>")]
    [TestCase("<table><tr><th id=\"j\">Jahr</th></tr><tr><td headers=\"j\">2026</td></tr></table>",
        "<table><tbody><tr><th id=\"inhalt-j\">Jahr</th></tr><tr><td headers=\"inhalt-j\">2026</td></tr></tbody></table>")]
    public void Removes_names_and_prefixes_ids_with_their_anchors_When_rich_text_is_cleaned(string html, string expected)
    {
        var once = _sanitizer.Sanitize(html);

        Assert.Multiple(() =>
        {
            Assert.That(once, Is.EqualTo(expected));
            Assert.That(_sanitizer.Sanitize(once), Is.EqualTo(expected), "cleaning again (snapshot build) changes nothing");
        });
    }

    private static string Publish(string markup, Func<string, Guid, string> sanitize)
    {
        var key = Guid.NewGuid();
        var node = new ContentNode { Key = key, Name = "Start", UrlSegment = "start", ContentTypeAlias = "page", PublishedVersionId = 1, CurrentVersionId = 1 };
        var version = new ContentVersion { ContentKey = key, Name = "Start", UrlSegment = "start", Values = { ["headline"] = "Start", ["text"] = markup } };
        var snapshot = PublishedSnapshotBuilder.Build(1, TestSchema.ContentTypes(), [new PublishedSource(node, version)], [], sanitize);
        return snapshot.GetByKey(key)!.Value<RichTextValue>("text")!.Html;
    }
}
