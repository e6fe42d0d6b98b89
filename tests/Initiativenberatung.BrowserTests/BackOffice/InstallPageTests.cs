using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>
/// The first-run setup page in Chromium on a site of its own (the shared site has users, so its setup is closed): axe on
/// the form and on the form posted with errors, then the administrator it creates sees a last login in the users list.
/// </summary>
[TestFixture]
public sealed class InstallPageTests
{
    private string _dataDirectory = null!;
    private SiteFactory _site = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "initiativenberatung-install-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _site = new SiteFactory(TestEnvironment.RepositoryRoot, _dataDirectory);
        _address = _site.Start();
    }

    [OneTimeTearDown]
    public async Task StopSiteAsync()
    {
        await _site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    public async Task Shows_every_error_accessibly_and_records_the_last_login_When_the_administrator_is_set_up()
    {
        // A fresh token as the console would print it; the site has no user yet.
        var token = _site.Services.GetRequiredService<SetupToken>().Issue();
        await using var context = await BrowserSite.Browser.NewContextAsync(new()
        {
            BaseURL = _address.ToString(),
            BypassCSP = true,
            Locale = "de-DE",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/umbraco/install?token=" + token);
        await BackOfficeAccessibilityTests.AssertAccessibleAsync(page, "install");

        await page.GetByLabel("E-Mail-Adresse").FillAsync("keine-adresse");
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("aaaaaaa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Administrator anlegen und anmelden" }).ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        var passwordError = await page.Locator("#Password-error").InnerTextAsync();
        await BackOfficeAccessibilityTests.AssertAccessibleAsync(page, "install-errors");

        await page.GetByLabel("E-Mail-Adresse").FillAsync("einrichtung@example.org");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Einrichtung im Browser");
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Hagebutte-Zaunkoenig-77");
        await page.GetByLabel("Passwort wiederholen").FillAsync("Hagebutte-Zaunkoenig-77");
        await page.GetByRole(AriaRole.Button, new() { Name = "Administrator anlegen und anmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/install", StringComparison.Ordinal));
        await page.GotoAsync("/umbraco/users");
        var row = await page.Locator("tr", new() { HasText = "einrichtung@example.org" }).InnerTextAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(passwordError, Does.Contain("mindestens 12 Zeichen").And.Contain("verschiedene Zeichen"), "every password rule at once");
            Assert.That(row, Does.Not.Contain("noch nie").And.Match(@"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr"), "the setup sign-in is the last login");
        }
    }
}
