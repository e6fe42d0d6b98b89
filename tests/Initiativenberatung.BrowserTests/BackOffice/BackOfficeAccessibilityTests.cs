using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>
/// axe-core (WCAG 2.2 A/AA and heading order, every impact) on every back-office page an administrator reaches, on the pages of staff, and on
/// error states (a form posted with errors). Each page is one test case, so a run lists every page that fails; each
/// leaves a full-page screenshot under <c>screenshots/</c> in the test output.
/// </summary>
[TestFixture]
public sealed class BackOfficeAccessibilityTests
{
    private const string AdminEmail = "a11y-admin@example.org";
    private const string StaffEmail = "a11y-staff@example.org";
    private const string Password = "Barrierefrei-Pruefung-2026!";
    private const string Home = "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30";
    private const string SurveyPage = "8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51";
    private const string SurveyForm = "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";
    private const string Infosheet = "a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12";
    private const string Image = "b71d4c22-6e3a-4f1b-9c8d-2a5e7f0b1c34";

    private static readonly string[] AdminPages =
    [
        "/umbraco",
        "/umbraco/content",
        "/umbraco/content/edit/" + Home,
        "/umbraco/content/edit/" + Home + "?view=info",
        "/umbraco/content/edit/" + SurveyPage,
        "/umbraco/content/create?parent=" + Home,
        "/umbraco/content/sort?parent=" + Home,
        "/umbraco/content/recycle-bin",
        "/umbraco/preview/" + Home,
        "/umbraco/media",
        "/umbraco/media/edit/" + Infosheet,
        "/umbraco/media/edit/" + Image,
        "/umbraco/media/recycle-bin",
        "/umbraco/settings",
        "/umbraco/settings/document-types",
        "first:/umbraco/settings/document-types|a[href*='/settings/document-types/edit/']",
        "/umbraco/settings/element-types",
        "/umbraco/settings/media-types",
        "/umbraco/settings/data-types",
        "first:/umbraco/settings/data-types|a[href*='/settings/data-types/edit/']",
        "/umbraco/settings/usync",
        "/umbraco/forms",
        "/umbraco/forms/" + SurveyForm + "/entries?from=&to=",
        "entry",
        "entry-delete",
        "entry-state",
        "/umbraco/forms/" + SurveyForm + "/results",
        "/umbraco/forms/" + SurveyForm + "/delete",
        "/umbraco/forms/builder",
        "/umbraco/forms/builder/" + SurveyForm,
        "/umbraco/users",
        "/umbraco/users/create",
        "first:/umbraco/users|a[href^='/umbraco/users/'][href*='-']",
        "/umbraco/account",
    ];

    private static readonly string[] StaffPages =
    [
        "/umbraco",
        "/umbraco/forms",
        "/umbraco/forms/" + SurveyForm + "/entries?from=&to=",
        "entry",
        "entry-delete",
        "entry-state",
        "/umbraco/forms/" + SurveyForm + "/results",
        "/umbraco/account",
        "/umbraco/access-denied",
    ];

    private IBrowserContext _admin = null!;
    private IBrowserContext _staff = null!;
    private long _entryId;

    [OneTimeSetUp]
    public async Task SignInAsync()
    {
        await BackOfficeSession.EnsureUserAsync(AdminEmail, Password, BackOfficeRoles.Administrator, "Prüfung (Administration)");
        await BackOfficeSession.EnsureUserAsync(StaffEmail, Password, BackOfficeRoles.Staff, "Prüfung (Auswertung)");
        var form = await BrowserSite.Services.GetRequiredService<FormDefinitionStore>().GetAsync(Guid.Parse(SurveyForm))
            ?? throw new AssertionException("survey form missing");
        var entry = await BrowserSite.Services.GetRequiredService<FormEntryStore>().AppendAsync(form,
            [KeyValuePair.Create("fachbereich", new FormEntryValue(form.FindField("fachbereich")!.Caption, ["Barrierefreiheit"]))]);
        _entryId = entry.Id;

        _admin = await BrowserSite.NewContextAsync();
        await BackOfficeSession.SignInAsync(await _admin.NewPageAsync(), AdminEmail, Password);
        _staff = await BrowserSite.NewContextAsync();
        await BackOfficeSession.SignInAsync(await _staff.NewPageAsync(), StaffEmail, Password);
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await _admin.CloseAsync();
        await _staff.CloseAsync();
    }

    [TestCaseSource(nameof(AdminPages))]
    public async Task Has_no_axe_violations_When_an_administrator_opens_the_page(string page) =>
        await AssertPageAsync(_admin, page, "admin");

    [TestCaseSource(nameof(StaffPages))]
    public async Task Has_no_axe_violations_When_staff_opens_the_page(string page) =>
        await AssertPageAsync(_staff, page, "staff");

    [Test]
    public async Task Has_no_axe_violations_When_the_login_page_is_opened_and_the_password_is_wrong()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await AssertAccessibleAsync(page, "login");

        await page.GetByLabel("E-Mail-Adresse").FillAsync(AdminEmail);
        await page.GetByLabel("Passwort").FillAsync("falsch-falsch-falsch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.Locator("#login-error").WaitForAsync();
        await AssertAccessibleAsync(page, "login-wrong-password");
    }

    [Test]
    public async Task Has_no_axe_violations_When_a_new_user_is_posted_with_errors()
    {
        var page = await _admin.NewPageAsync();
        await page.GotoAsync("/umbraco/users/create");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("keine-adresse");
        await page.GetByLabel("Erstes Passwort").FillAsync("kurz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Benutzer anlegen" }).ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();

        await AssertAccessibleAsync(page, "users-create-errors");
        await page.CloseAsync();
    }

    [Test]
    public async Task Has_no_axe_violations_When_the_own_password_change_is_posted_with_errors()
    {
        var page = await _admin.NewPageAsync();
        await page.GotoAsync("/umbraco/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();

        await AssertAccessibleAsync(page, "account-errors");
        await page.CloseAsync();
    }

    [Test]
    public async Task Has_no_axe_violations_When_a_document_is_saved_without_its_name()
    {
        var page = await _admin.NewPageAsync();
        await page.GotoAsync("/umbraco/content/edit/" + Home);
        await page.Locator("#f-name").FillAsync("");
        await page.Locator("button[formaction*='handler=Save']").First.ClickAsync();
        await page.Locator("#f-name-error").WaitForAsync();

        await AssertAccessibleAsync(page, "content-save-error");
        await page.CloseAsync();
    }

    private async Task AssertPageAsync(IBrowserContext context, string target, string who)
    {
        var page = await context.NewPageAsync();
        var path = await ResolveAsync(page, target);
        var response = await page.GotoAsync(path);
        Assert.That(response?.Status, Is.EqualTo(path.EndsWith("/access-denied", StringComparison.Ordinal) ? 403 : 200), $"GET {path} as {who}");
        await AssertAccessibleAsync(page, who + path);
        await page.CloseAsync();
    }

    /// <summary>
    /// A plain path; <c>entry</c>, <c>entry-delete</c>, <c>entry-state</c> (the entry made for this fixture, its delete and
    /// state confirmations); or <c>first:LIST|SELECTOR</c>, the first matching link on LIST.
    /// </summary>
    private async Task<string> ResolveAsync(IPage page, string target)
    {
        switch (target)
        {
            case "entry":
                return $"/umbraco/forms/{SurveyForm}/entries/{_entryId}";
            case "entry-delete":
                return $"/umbraco/forms/{SurveyForm}/entries/delete?ids={_entryId}";
            case "entry-state":
                return $"/umbraco/forms/{SurveyForm}/entries/state?ids={_entryId}&target=Approved";
        }

        if (!target.StartsWith("first:", StringComparison.Ordinal))
        {
            return target;
        }

        var (list, selector) = (target[6..].Split('|')[0], target[6..].Split('|')[1]);
        await page.GotoAsync(list);
        return await page.Locator(selector).First.GetAttributeAsync("href") ?? throw new AssertionException($"no link {selector} on {list}");
    }

    /// <summary>Waits for the page to settle, saves a full-page screenshot and asserts no WCAG 2.2 A/AA or heading-order violation of any impact.</summary>
    internal static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "a11y-" + string.Concat(what.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-') + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, what);

        var violations = await Axe.RunAsync(page, Axe.Wcag22Tags, ["heading-order"]);
        Assert.That(violations, Is.Empty, () => Axe.Describe(what, page.Url, violations));
    }
}
