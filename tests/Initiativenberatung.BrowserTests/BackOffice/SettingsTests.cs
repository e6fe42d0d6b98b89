using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>An administrator in the settings section of the back office, in Chromium.</summary>
[TestFixture]
public sealed class SettingsTests
{
    private const string Email = "admin-browser-settings@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private const string SurveyPageEditor = "/umbraco/settings/document-types/edit/2c4e6a80-1b3d-4f5a-9e7c-0d2f4b6a8c03";

    [OneTimeSetUp]
    public Task CreateAdministrator() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Administrator, "Admin (Browser)");

    [Test]
    public async Task Saves_a_new_property_When_an_admin_adds_it_with_the_keyboard_only()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        await page.GotoAsync(SurveyPageEditor);
        var rowsBefore = await page.Locator(".st-property").CountAsync();

        // Tab to "Eigenschaft hinzufügen" and press Enter.
        await TabUntilAsync(page, "button[formaction*='handler=AddProperty']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // The new row's name field has the focus; type name, Tab, alias; the data type defaults to Textstring.
        await page.WaitForFunctionAsync("() => document.activeElement && /^Form_Properties_\\d+__Name$/.test(document.activeElement.id)");
        await page.Keyboard.TypeAsync("Hinweis zur Umfrage");
        await page.Keyboard.PressAsync("Tab");
        var aliasId = await page.EvaluateAsync<string>("() => document.activeElement.id");
        await page.Keyboard.TypeAsync("surveyNote");
        // Enter in a text field submits with the form's first submit button: "Speichern".
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("handler=", StringComparison.Ordinal));

        await SaveScreenshotAsync(page, "settings-document-type-editor");
        var message = page.Locator("#settings-message");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aliasId, Does.Match(@"^Form_Properties_\d+__Alias$"), "Tab goes from name to alias");
            Assert.That(await message.CountAsync(), Is.EqualTo(1), "success message");
            if (await message.CountAsync() == 1)
            {
                Assert.That(await message.InnerTextAsync(), Does.Contain("„Umfrageseite“ wurde gespeichert."));
            }

            Assert.That(await page.Locator(".st-property").CountAsync(), Is.EqualTo(rowsBefore + 1), "one more property");
            Assert.That(await page.Locator("input[name$='.Alias'][value='surveyNote']").CountAsync(), Is.EqualTo(1), "stored alias shown");
        }
    }

    [TestCase("/umbraco/settings")]
    [TestCase("/umbraco/settings/data-types")]
    [TestCase("/umbraco/settings/data-types/edit/0cc0eba1-9960-42c9-bf9b-60e150b429ae")]
    [TestCase("/umbraco/settings/document-types")]
    [TestCase("/umbraco/settings/document-types/edit/2c4e6a80-1b3d-4f5a-9e7c-0d2f4b6a8c02")]
    [TestCase("/umbraco/settings/element-types/edit")]
    [TestCase("/umbraco/settings/usync")]
    public async Task Has_no_serious_axe_violations_When_a_settings_page_is_opened(string path)
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        var response = await page.GotoAsync(path);
        Assert.That(response?.Status, Is.EqualTo(200), $"GET {path}");
        await page.WaitForFunctionAsync("() => customElements.get('uui-box') !== undefined");

        await SaveScreenshotAsync(page, "settings" + path.Replace("/umbraco/settings", "", StringComparison.Ordinal).Replace('/', '-'));
        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (violations.Count > serious.Count)
        {
            await TestContext.Progress.WriteLineAsync(Axe.Describe(path + " (minor/moderate)", page.Url, [.. violations.Except(serious)]));
        }

        Assert.That(serious, Is.Empty, () => Axe.Describe(path, page.Url, serious));
    }

    [Test]
    public async Task Has_no_serious_axe_violations_When_the_type_editor_shows_validation_errors()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        await page.GotoAsync("/umbraco/settings/document-types/edit");
        await page.Locator("#Form_Alias").FillAsync("1 ungültig");
        await page.Locator("button[formaction*='handler=Save']").First.ClickAsync();
        await page.Locator("#settings-errors").WaitForAsync();

        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("#Form_Alias-error").InnerTextAsync(), Does.Contain("„Alias“ „1 ungültig“ ist ungültig"));
            Assert.That(serious, Is.Empty, () => Axe.Describe("type editor with errors", page.Url, serious));
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);
        return page;
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (keyboard only, at most 300 presses).</summary>
    private static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }

        Assert.Fail($"{selector} was not reached with Tab.");
    }
}
