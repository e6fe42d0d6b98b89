using Initiativenberatung.Infrastructure.Sanitizing;

namespace Initiativenberatung.UnitTests.Infrastructure.Sanitizing;

public sealed class RichTextSanitizerTests
{
    private readonly RichTextSanitizer _sanitizer = new();

    [TestCase("<p>a<script>alert(1)</script></p>", "<p>a</p>")]
    [TestCase("<img src=\"x.png\" onerror=\"alert(1)\">", "<img src=\"x.png\">")]
    [TestCase("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [TestCase("<p style=\"background:url(x)\">x</p>", "<p>x</p>")]
    [TestCase("<iframe src=\"https://example.org\"></iframe>", "")]
    public void Removes_active_content_When_html_is_sanitized(string input, string expected)
    {
        Assert.That(_sanitizer.Sanitize(input), Is.EqualTo(expected));
    }

    [Test]
    public void Keeps_lists_links_and_emphasis_When_html_is_harmless()
    {
        const string html = "<h2>Titel</h2><ul><li><strong>eins</strong></li></ul><p><a href=\"https://www.verbraucherzentrale.nrw/\">Link</a></p>";

        Assert.That(_sanitizer.Sanitize(html), Is.EqualTo(html));
    }
}
