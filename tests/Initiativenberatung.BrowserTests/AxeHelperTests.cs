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

    [Test]
    public async Task Reports_a_skipped_heading_level_When_heading_order_is_added_to_the_wcag_rules()
    {
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="de"><head><title>Test</title></head><body>
            <main><h1>Seite</h1><h2>Abschnitt</h2><h5>Zu tief</h5></main>
            </body></html>
            """);

        var wcagOnly = await Axe.RunAsync(page, Axe.Wcag22Tags);
        var withHeadingOrder = await Axe.RunAsync(page, Axe.Wcag22Tags, ["heading-order"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wcagOnly.Select(v => v.Id), Does.Not.Contain("heading-order"), "a best-practice rule, not in the WCAG tags");
            Assert.That(withHeadingOrder.Select(v => v.Id), Does.Contain("heading-order"));
        }
    }
}
