using System.Text;
using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>
/// Editor journeys of the media section in headless Chromium: replace the infosheet PDF and see the old public link
/// download the new file; upload a new logo (SVG) with alt text; upload without JavaScript; accessibility of the screens.
/// </summary>
[TestFixture]
public sealed class MediaSectionTests
{
    private const string Email = "medien-browser@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private const string InfosheetKey = "a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12";
    private const string LogosFolderKey = "7d1e2f30-5a6b-4c7d-8e9f-0a1b2c3d4e53";
    private const string HomeKey = "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30";

    [OneTimeSetUp]
    public Task CreateEditor() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Medien (Browsertest)");

    [Test]
    public async Task Downloads_the_new_file_from_the_old_link_When_the_editor_replaces_the_infosheet_pdf()
    {
        await using var context = await BrowserSite.NewContextAsync();

        // A visitor has the page open and has already fetched the PDF (so it sits in the browser's cache).
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/");
        var link = visitor.GetByRole(AriaRole.Link, new() { Name = "Klimaschutz lokal stärken" });
        Assert.That(await link.CountAsync(), Is.EqualTo(1), "download link on /");
        var oldHref = await link.GetAttributeAsync("href");
        var before = await FetchTextAsync(visitor, oldHref!);

        var page = await SignedInPageAsync(context);
        var marker = "Neue Fassung " + Guid.NewGuid().ToString("N");
        await page.GotoAsync($"/umbraco/media/edit/{InfosheetKey}");
        await page.GetByLabel("Neue Datei").SetInputFilesAsync(new FilePayload
        {
            Name = "Klimaschutz lokal stärken 2027.pdf",
            MimeType = "application/pdf",
            Buffer = Pdf(marker, 5000),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Datei ersetzen", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=replaced", StringComparison.Ordinal));
        Assert.That(await page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Die Datei wurde ersetzt"));

        // The old page (not reloaded) follows its old link: the browser revalidates and gets the new file.
        var after = await FetchTextAsync(visitor, oldHref!);
        await visitor.ReloadAsync();
        var reloadedLink = visitor.GetByRole(AriaRole.Link, new() { Name = "Klimaschutz lokal stärken" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.Status, Is.EqualTo(200), $"GET {oldHref} before");
            Assert.That(before.Text, Does.Not.Contain(marker));
            Assert.That(after.Status, Is.EqualTo(200), $"GET {oldHref} after the replacement");
            Assert.That(after.Type, Does.StartWith("application/pdf"));
            Assert.That(after.Text, Does.Contain(marker), "the old link downloads the new PDF, not the cached old one");
            Assert.That(await reloadedLink.GetAttributeAsync("href"), Is.EqualTo(oldHref), "the page keeps linking the same address");
            Assert.That(await reloadedLink.InnerTextAsync(), Does.Contain("PDF, 4,9 KB"), "the link text shows the new size");
        }
    }

    [Test]
    public async Task Shows_the_new_logo_on_the_public_page_When_an_editor_uploads_it_with_alt_text_and_publishes_it()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        var name = "Logo Land NRW " + Guid.NewGuid().ToString("N")[..6];
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="320" height="80" viewBox="0 0 320 80">
              <rect width="320" height="80" fill="#ffffff"/><text x="10" y="50" font-size="32" fill="#1b264f">Land NRW</text>
            </svg>
            """;

        await page.GotoAsync($"/umbraco/media/{LogosFolderKey}");
        await page.GetByLabel("Dateien", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = name + ".svg",
            MimeType = "image/svg+xml",
            Buffer = Encoding.UTF8.GetBytes(svg),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();

        // upload.js posts with XMLHttpRequest, shows a progress bar and reloads the folder when done.
        var itemLink = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await itemLink.WaitForAsync();
        await itemLink.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/umbraco/media/edit/", StringComparison.Ordinal));
        await page.GetByLabel("Alternativtext").FillAsync("Logo Land Nordrhein-Westfalen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=saved", StringComparison.Ordinal));

        await page.GotoAsync($"/umbraco/media/{LogosFolderKey}");
        var row = page.Locator("table.media-list tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await page.GotoAsync($"/umbraco/media/{LogosFolderKey}?view=grid");
        var card = page.Locator(".media-card", new() { HasText = name });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await card.CountAsync(), Is.EqualTo(1), "the logo in the grid");
            Assert.That(await card.InnerTextAsync(), Does.Contain("Alternativtext: Logo Land Nordrhein-Westfalen"));
            Assert.That(await card.Locator("img").CountAsync(), Is.EqualTo(1), "thumbnail");
        }

        await page.GotoAsync($"/umbraco/media/{LogosFolderKey}?view=list");
        Assert.That(await row.InnerTextAsync(), Does.Contain("Logo Land Nordrhein-Westfalen").And.Contain("Vektorgrafik"), "the logo in the list with its alt text");

        // Publish: pick the new logo in the page's "Gefördert durch" block (the only multiple media picker) and publish.
        await page.GotoAsync($"/umbraco/content/edit/{HomeKey}");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var publicPage = await context.NewPageAsync();
        await publicPage.GotoAsync("/");
        var logo = publicPage.Locator("section.block-logos img[alt='Logo Land Nordrhein-Westfalen']");
        await logo.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(logo).ToBeVisibleAsync();
        Assert.That(await logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), Is.True, "the public page loads the new logo");

        // Leave the shared site as seeded: take the logo out again.
        await page.GotoAsync($"/umbraco/content/edit/{HomeKey}");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Test]
    public async Task Uploads_the_chosen_file_When_javascript_is_off()
    {
        // Sign in with a JavaScript context, then carry the session cookie over to one without JavaScript.
        await using var signIn = await BrowserSite.NewContextAsync();
        await SignedInPageAsync(signIn);
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var cookies = await signIn.CookiesAsync();
        await context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        var page = await context.NewPageAsync();
        var name = "Merkblatt " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/umbraco/media");
        await page.GetByLabel("Dateien", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = name + ".pdf",
            MimeType = "application/pdf",
            Buffer = Pdf(name, 1500),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=uploaded", StringComparison.Ordinal));

        Assert.That(await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Shows_the_german_rejection_When_a_png_is_renamed_to_pdf_in_the_browser()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        var png = await File.ReadAllBytesAsync(Path.Combine(TestEnvironment.RepositoryRoot, "uSync", "v17", "Files", "b71d4c22", "runder-tisch.png"));

        await page.GotoAsync("/umbraco/media");
        await page.GetByLabel("Dateien", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "infoblatt.pdf", MimeType = "application/pdf", Buffer = png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();

        var error = page.Locator("[data-media-progress] .is-error");
        await error.WaitForAsync();
        Assert.That(await error.InnerTextAsync(), Does.Contain("Der Inhalt der Datei passt nicht zur Endung „.pdf“."));
    }

    [TestCase("/umbraco/media", "the media library (list)")]
    [TestCase("/umbraco/media/" + LogosFolderKey + "?view=grid", "the logos folder (grid)")]
    [TestCase("/umbraco/media?q=logo", "the media search")]
    [TestCase("/umbraco/media/edit/" + InfosheetKey, "the infosheet item page")]
    [TestCase("/umbraco/media/edit/b71d4c22-6e3a-4f1b-9c8d-2a5e7f0b1c34", "the image item page with focal point")]
    [TestCase("/umbraco/media/recycle-bin", "the media recycle bin")]
    public async Task Has_no_serious_axe_violations_When_a_media_screen_is_opened(string path, string what)
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        var response = await page.GotoAsync(path);
        Assert.That(response?.Status, Is.EqualTo(200), $"GET {path}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "media-" + string.Concat(what.Where(char.IsLetterOrDigit)) + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, what);

        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (violations.Count > serious.Count)
        {
            await TestContext.Progress.WriteLineAsync(Axe.Describe(what + " (minor/moderate, not failing)", page.Url, [.. violations.Except(serious)]));
        }

        Assert.That(serious, Is.Empty, () => Axe.Describe(what, page.Url, serious));
    }

    private static async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);
        return page;
    }

    /// <summary>Fetches <paramref name="href"/> from inside the page, through the browser's HTTP cache, like following the link.</summary>
    private static async Task<(int Status, string Type, string Text)> FetchTextAsync(IPage page, string href)
    {
        var result = await page.EvaluateAsync<string[]>(
            "async href => { const r = await fetch(href); return [String(r.status), r.headers.get('content-type') ?? '', await r.text()]; }", href);
        return (int.Parse(result[0], System.Globalization.CultureInfo.InvariantCulture), result[1], result[2]);
    }

    private static byte[] Pdf(string marker, int size)
    {
        var head = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n");
        var body = new byte[size];
        head.CopyTo(body, 0);
        for (var i = head.Length; i < size - 6; i++)
        {
            body[i] = (byte)'x';
        }

        Encoding.ASCII.GetBytes("\n%%EOF").CopyTo(body, size - 6);
        return body;
    }
}
