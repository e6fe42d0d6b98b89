using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>
/// Sign-in, users section and own account in Chromium: the journeys work under the real back-office CSP (no
/// violations reported) and axe-core finds no WCAG 2.1 A/AA violations. Runs its own site (own database and users).
/// </summary>
[TestFixture]
public sealed class UsersBrowserTests
{
    private const string Admin = "browser.admin@example.org";
    private const string Password = "Kooperation-2026-Test!";

    private string _dataDirectory = null!;
    private SiteFactory _site = null!;
    private Uri _baseAddress = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "initiativenberatung-users-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _site = new SiteFactory(TestEnvironment.RepositoryRoot, _dataDirectory);
        _baseAddress = _site.Start();
        await using var scope = _site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var admin = new BackOfficeUser { UserName = Admin, Email = Admin, DisplayName = "Browser Admin", CreatedAt = DateTime.UtcNow };
        Assert.That((await users.CreateAsync(admin, Password)).Succeeded, Is.True);
        Assert.That((await users.AddToRoleAsync(admin, BackOfficeRoles.Administrator)).Succeeded, Is.True);
    }

    [OneTimeTearDown]
    public async Task StopSite()
    {
        await _site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Removed with the temp folder later.
        }
    }

    [Test]
    public async Task Reports_no_content_security_policy_violation_When_an_administrator_signs_in_and_adds_a_user()
    {
        // Unlike BrowserSite's contexts, this one enforces the CSP the server sends.
        await using var context = await BrowserSite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseAddress.ToString(), Locale = "de-DE" });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        await SignInAsync(page);
        await page.GotoAsync("/umbraco/users/create");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("browser.redaktion@example.org");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser Redaktion");
        await page.GetByLabel("Rolle").SelectOptionAsync(BackOfficeRoles.Editor);
        await page.GetByLabel("Erstes Passwort").FillAsync("Pflaume-Gewitter-Sessel-4");
        await page.GetByLabel("Passwort wiederholen").FillAsync("Pflaume-Gewitter-Sessel-4");
        await page.Locator("#bo-main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/umbraco/users/*saved=created");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Der Benutzer wurde angelegt.");
        await page.GotoAsync("/umbraco/users");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("browser.redaktion@example.org");
        await page.GotoAsync("/umbraco/account");
        await page.WaitForTimeoutAsync(300);

        Assert.That(violations, Is.Empty, string.Join(Environment.NewLine, violations));
    }

    [Test]
    public async Task Finds_no_accessibility_violations_When_the_users_screens_are_shown()
    {
        await using var context = await BrowserSite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseAddress.ToString(), Locale = "de-DE", BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await Axe.AssertNoViolationsAsync(page, "the login page");

        await SignInAsync(page);
        await page.GotoAsync("/umbraco/users");
        await Axe.AssertNoViolationsAsync(page, "the users list");

        await page.GotoAsync("/umbraco/users/create");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("kaputt");
        await page.GetByLabel("Erstes Passwort").FillAsync("passwort");
        await page.Locator("#bo-main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the create form with errors");

        await page.GotoAsync("/umbraco/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Browser Admin" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the own user in the users section");

        await page.GotoAsync("/umbraco/account");
        await Axe.AssertNoViolationsAsync(page, "the own account");
    }

    private static async Task SignInAsync(IPage page)
    {
        await BackOfficeSession.SignInAsync(page, Admin, Password);
    }
}
