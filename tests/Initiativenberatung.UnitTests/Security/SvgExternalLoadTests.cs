using System.Text;
using Initiativenberatung.Infrastructure.Media;

namespace Initiativenberatung.UnitTests.Security;

/// <summary>
/// An uploaded SVG loads nothing from elsewhere through CSS: <c>url()</c>, <c>image-set()</c>, <c>@import</c> and their
/// escaped, commented and upper-case variants are removed from <c>style</c> attributes, <c>&lt;style&gt;</c> elements
/// and presentation attributes; local references and colours stay.
/// </summary>
[TestFixture]
public sealed class SvgExternalLoadTests
{
    private const string Open = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">""";
    private const string Marker = "<circle cx=\"5\" cy=\"5\" r=\"4\"/>";

    private static string Sanitize(string inner) =>
        Encoding.UTF8.GetString(SvgSanitizer.Sanitize(Encoding.UTF8.GetBytes(Open + inner + Marker + "</svg>")));

    private static string StyleAttribute(string css) => "<rect width=\"1\" height=\"1\" style=\"" + css + "\"/>";

    private static string StyleElement(string css) => "<style>" + css + "</style>";

    private static readonly string[] Vectors =
    [
        "fill:image-set('https://evil.example/a.png' 1x)",
        "fill:-webkit-image-set(url(https://evil.example/a.png) 1x)",
        "fill:IMAGE-SET(\"https://evil.example/a.png\" 1x)",
        "fill:image-set ('https://evil.example/a.png' 1x)",
        "fill:image-set(/**/'https://evil.example/a.png' 1x)",
        "fill:ima/**/ge-set('https://evil.example/a.png' 1x)",
        "fill:\\69mage-set('https://evil.example/a.png' 1x)",
        "fill:url(https://evil.example/a.png)",
        "fill:URL( 'https://evil.example/a.png' )",
        "fill:u\\72l(https://evil.example/a.png)",
        "fill:url(//evil.example/a.png)",
        "fill:url(https://evil.example/a.png",
        "fill:url(#ok), url(https://evil.example/a.png)",
        "fill:image('https://evil.example/a.png')",
        "fill:cross-fade(url(#a), 'https://evil.example/a.png')",
        "fill:src('https://evil.example/a.png')",
        "fill:element(#x), image-set('https://evil.example/a.png' 1x)",
        "@import 'https://evil.example/x.css';",
        "@IMPORT url(https://evil.example/x.css);",
        "@\\69mport 'https://evil.example/x.css';",
        "@font-face { font-family: x; src: local(x), 'https://evil.example/f.woff' }",
        "@namespace evil 'https://evil.example/ns';",
        "cursor:url(https://evil.example/c.cur), auto",
        "fill:paint(https://evil.example)",
    ];

    private static IEnumerable<TestCaseData> StyleAttributes() =>
        Vectors.Select(v => new TestCaseData(StyleAttribute(v.Replace("\"", "&quot;", StringComparison.Ordinal))).SetArgDisplayNames("style=\"" + v + "\""));

    private static IEnumerable<TestCaseData> StyleElements() =>
        Vectors.Select(v => new TestCaseData(StyleElement("rect { " + v + " }")).SetArgDisplayNames("<style>" + v + "</style>"));

    [TestCaseSource(nameof(StyleAttributes))]
    [TestCaseSource(nameof(StyleElements))]
    [TestCase("<rect width=\"1\" height=\"1\" fill=\"image-set('https://evil.example/a.png' 1x)\"/>")]
    [TestCase("<rect width=\"1\" height=\"1\" fill=\"URL(https://evil.example/a.png)\"/>")]
    [TestCase("<rect width=\"1\" height=\"1\" fill=\"url(https://evil.example/a.png\"/>")]
    [TestCase("<rect width=\"1\" height=\"1\" filter=\"url(&#x27;https://evil.example/f.svg#x&#x27;)\"/>")]
    [TestCase("<rect width=\"1\" height=\"1\" style=\"fill:image-set(&#x27;https://evil.example/a.png&#x27; 1x)\"/>")]
    [TestCase("<style><![CDATA[rect { fill: image-set('https://evil.example/a.png' 1x) }]]></style>")]
    public void Removes_the_external_load_When_css_in_an_svg_references_another_address(string inner)
    {
        var result = Sanitize(inner);

        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Not.Contain("evil.example").IgnoreCase);
            Assert.That(result, Does.Contain("<circle"), "harmless content stays");
        });
    }

    [TestCase("fill:url(#gradient)")]
    [TestCase("fill:rgb(10, 20, 30); stroke:hsl(120 50% 50%)")]
    [TestCase("transform:translate(2px, 3px) rotate(45deg); opacity:.5")]
    [TestCase("fill:var(--brand, #123456); width:calc(100% - 2px)")]
    [TestCase("fill:url(data:image/png;base64,iVBORw0KGgo=)")]
    [TestCase("filter:drop-shadow(1px 1px 2px black)")]
    public void Keeps_the_style_When_it_loads_nothing_from_elsewhere(string css)
    {
        var attribute = Sanitize(StyleAttribute(css));
        var element = Sanitize(StyleElement("@media (min-width: 10px) { rect { " + css + " } }"));

        Assert.Multiple(() =>
        {
            Assert.That(attribute, Does.Contain("style=\"" + css + "\""));
            Assert.That(element, Does.Contain(css));
        });
    }

    [Test]
    public void Keeps_a_label_with_brackets_and_an_at_sign_When_it_is_not_css()
    {
        var result = Sanitize("<g aria-label=\"Logo (blau) kontakt@example.org\"><rect width=\"1\" height=\"1\"/></g>");

        Assert.That(result, Does.Contain("aria-label=\"Logo (blau) kontakt@example.org\""));
    }
}
