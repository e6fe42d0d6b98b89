using System.Text;
using Initiativenberatung.Infrastructure.Media;

namespace Initiativenberatung.UnitTests.Infrastructure.Media;

public sealed class SvgSanitizerTests
{
    private const string Open = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">""";

    private static string Sanitize(string svg) => Encoding.UTF8.GetString(SvgSanitizer.Sanitize(Encoding.UTF8.GetBytes(svg)));

    [TestCase("<script>alert(1)</script>", "script")]
    [TestCase("<script xlink:href=\"https://evil.example/x.js\"/>", "evil.example")]
    [TestCase("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", "foreignObject")]
    [TestCase("<iframe src=\"https://evil.example\"/>", "iframe")]
    [TestCase("<embed src=\"x.swf\"/>", "embed")]
    [TestCase("<object data=\"x\"/>", "object")]
    [TestCase("<rect width=\"5\" height=\"5\" onclick=\"alert(1)\"/>", "onclick")]
    [TestCase("<rect width=\"5\" height=\"5\" ONMOUSEOVER=\"alert(1)\"/>", "alert")]
    [TestCase("<a href=\"javascript:alert(1)\"><rect width=\"5\" height=\"5\"/></a>", "javascript")]
    [TestCase("<a xlink:href=\" java&#x09;script:alert(1)\"><rect width=\"5\" height=\"5\"/></a>", "script:")]
    [TestCase("<use href=\"https://evil.example/sprite.svg#x\"/>", "evil.example")]
    [TestCase("<image href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\"/>", "data:image/svg")]
    [TestCase("<style>@import url(https://evil.example/x.css);</style>", "evil.example")]
    [TestCase("<style>rect { fill: url(https://evil.example/x) }</style>", "evil.example")]
    [TestCase("<rect style=\"background:url(https://evil.example/x)\" width=\"1\" height=\"1\"/>", "evil.example")]
    [TestCase("<rect fill=\"url(https://evil.example/x#g)\" width=\"1\" height=\"1\"/>", "evil.example")]
    [TestCase("<animate attributeName=\"href\" to=\"javascript:alert(1)\"/>", "animate")]
    [TestCase("<set attributeName=\"onload\" to=\"alert(1)\"/>", "alert")]
    [TestCase("<?xml-stylesheet href=\"https://evil.example/x.css\"?><rect width=\"1\" height=\"1\"/>", "evil.example")]
    public void Removes_the_dangerous_part_When_an_svg_is_hostile(string inner, string forbidden)
    {
        var result = Sanitize(Open + inner + "<circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>");

        Assert.That(result, Does.Not.Contain(forbidden).IgnoreCase);
        Assert.That(result, Does.Contain("<circle"), "harmless content stays");
    }

    [Test]
    public void Removes_event_handlers_on_the_root_When_present()
    {
        var result = Sanitize("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="1" height="1"/>""");

        Assert.That(result, Does.Not.Contain("onload"));
    }

    [Test]
    public void Keeps_gradients_local_references_and_raster_data_images_When_the_svg_is_harmless()
    {
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 320 80">
              <title>Logo</title>
              <defs><linearGradient id="g"><stop offset="0" stop-color="#003399"/></linearGradient></defs>
              <style>.a { fill: url(#g); }</style>
              <rect class="a" width="320" height="80" fill="url(#g)"/>
              <use xlink:href="#g"/>
              <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
              <filter id="f"><feColorMatrix type="matrix" values="1 0 0 0 0"/></filter>
            </svg>
            """;

        var result = Sanitize(svg);

        Assert.That(result, Does.Contain("<title>Logo</title>")
            .And.Contain("fill=\"url(#g)\"")
            .And.Contain("xlink:href=\"#g\"")
            .And.Contain("data:image/png;base64,iVBORw0KGgo=")
            .And.Contain(".a { fill: url(#g); }")
            .And.Contain("values=\"1 0 0 0 0\"")
            .And.Contain("viewBox=\"0 0 320 80\""));
    }

    [Test]
    public void Rejects_the_file_When_it_declares_entities()
    {
        const string billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>
            """;

        var error = Assert.Throws<InvalidDataException>(() => Sanitize(billionLaughs));

        Assert.That(error!.Message, Does.Contain("kein gültiges XML"));
    }

    [Test]
    public void Drops_the_doctype_When_the_svg_only_names_the_public_dtd()
    {
        const string svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>
            """;

        var result = Sanitize(svg);

        Assert.That(result, Does.Not.Contain("DOCTYPE").And.Contain("<rect"));
    }

    [Test]
    public void Rejects_the_file_When_it_is_not_an_svg()
    {
        Assert.Throws<InvalidDataException>(() => Sanitize("<html><body>x</body></html>"));
        Assert.Throws<InvalidDataException>(() => Sanitize("<svg"));
    }

    [Test]
    public void Puts_elements_into_the_svg_namespace_When_the_file_has_no_xmlns()
    {
        var result = Sanitize("""<svg width="1" height="1"><rect width="1" height="1"/></svg>""");

        Assert.That(result, Does.Contain("xmlns=\"http://www.w3.org/2000/svg\"").And.Contain("<rect"));
    }
}
