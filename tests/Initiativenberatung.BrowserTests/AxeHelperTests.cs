using Initiativenberatung.BrowserTests.Infrastructure;

namespace Initiativenberatung.BrowserTests;

/// <summary>The axe helper itself: a page with known faults must produce violations, or "0 violations" proves nothing.</summary>
[TestFixture]
public sealed class AxeHelperTests
{
    [Test]
    public async Task Reports_id_impact_help_and_targets_When_a_page_has_known_faults()
    {
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html><head></head><body>
            <main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt"><a href="/" id="empty-link"></a></main>
            </body></html>
            """);

        var violations = await Axe.RunAsync(page);
        var message = Axe.Describe("a faulty test page", page.Url, violations);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(violations.Select(v => v.Id), Is.SupersetOf(new[] { "html-has-lang", "image-alt", "link-name", "document-title" }), message);
            Assert.That(message, Does.Contain("image-alt [critical]").And.Contain("#no-alt").And.Contain("Images must have alternative text"));
        }
    }
}
