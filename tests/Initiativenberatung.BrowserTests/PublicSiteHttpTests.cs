using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>
/// The public site's HTTP behaviour as Chromium sees it: compressed pages and the favicon, the survey's post address
/// opened again (bookmark, address bar), and the preview banner an editor sees on a draft (screenshot, axe-core).
/// </summary>
[TestFixture]
public sealed class PublicSiteHttpTests
{
    private const string Email = "vorschau-browser@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private const string HomeKey = "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30";

    [OneTimeSetUp]
    public Task CreateEditor() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Vorschau (Browsertest)");

    [Test]
    public async Task Receives_a_compressed_page_and_the_favicon_When_home_is_opened()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");
        var headers = await response!.AllHeadersAsync();
        var icons = await page.Locator("head link[rel='icon']").EvaluateAllAsync<string[]>("links => links.map(l => l.href)");
        var ico = await page.GotoAsync("/favicon.ico");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(headers.GetValueOrDefault("content-encoding"), Is.AnyOf("br", "gzip"), "the browser gets the page compressed");
            Assert.That(icons, Has.Length.EqualTo(2), "SVG icon and ICO fallback linked");
            Assert.That(ico?.Status, Is.EqualTo(200), "GET /favicon.ico");
            Assert.That((await ico!.AllHeadersAsync()).GetValueOrDefault("content-type"), Is.EqualTo("image/x-icon"));
        }
    }

    [Test]
    public async Task Starts_the_survey_again_with_a_hint_When_page_two_is_opened_from_the_address_bar()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");
        await page.Locator("#f-gemeindegroesse-0").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/formulare/absenden", StringComparison.Ordinal));

        // The same address again, as a bookmark or Enter in the address bar does: a GET.
        var response = await page.GotoAsync(page.Url);
        var hint = page.Locator("main [role='status']");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response?.Status, Is.EqualTo(200), "never a 404");
            Assert.That(page.Url, Does.EndWith("/umfrage/?neu=1"));
            Assert.That(await hint.InnerTextAsync(), Does.Contain("Die Umfrage beginnt hier von vorn"));
            Assert.That(await page.Locator("#f-gemeindegroesse-0").CountAsync(), Is.EqualTo(1), "the first page of the survey");
        }

        await Axe.AssertNoViolationsAsync(page, "the survey start after a reload");
    }

    [Test]
    public async Task Shows_a_visible_accessible_banner_When_an_editor_previews_the_home_page()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        var response = await page.GotoAsync($"/umbraco/preview/{HomeKey}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        var banner = page.GetByRole(AriaRole.Region, new() { Name = "Vorschauhinweis" });
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var style = await banner.EvaluateAsync<string[]>(
            "b => { const s = getComputedStyle(b); return [s.backgroundImage, s.borderBottomStyle, s.borderBottomWidth]; }");
        var box = await banner.BoundingBoxAsync();

        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "preview-banner.png");
        await page.ScreenshotAsync(new() { Path = file });
        TestContext.AddTestAttachment(file, "the preview of the home page with its banner");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response?.Status, Is.EqualTo(200));
            Assert.That(await banner.InnerTextAsync(), Does.Contain("Vorschau – nicht veröffentlicht").And.Contain("Zurück zur Bearbeitung"));
            Assert.That(style[0], Does.Contain("gradient"), "a striped background sets it apart from the page");
            Assert.That(style[1], Is.EqualTo("solid"));
            Assert.That(style[2], Is.EqualTo("4px"));
            Assert.That(box?.Width, Is.GreaterThan(1000), "full width of the 1280 px window");
        }

        await Axe.AssertNoViolationsAsync(page, "the preview with its banner");
    }
}
