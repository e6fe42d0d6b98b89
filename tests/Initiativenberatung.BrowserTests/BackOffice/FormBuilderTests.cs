using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>An editor in the form builder (/umbraco/forms/builder), in Chromium.</summary>
[TestFixture]
public sealed class FormBuilderTests
{
    private const string Email = "redaktion-browser-formbuilder@example.org";
    private const string Password = "Reparatur-Cafe-Lastenrad-2026!";
    private const string SurveyEditor = "/umbraco/forms/builder/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";
    private static readonly Guid SurveyKey = new("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    [OneTimeSetUp]
    public Task CreateEditor() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Redaktion (Browser, Formulare)");

    [Test]
    public async Task Saves_a_new_field_When_an_editor_adds_it_with_the_keyboard_only()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        await page.GotoAsync(SurveyEditor);

        // Tab to "Feld hinzufügen" of the first column (type: short answer by default) and press Enter.
        await TabUntilAsync(page, "#add-field-0-0-0");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // The new field's caption has the focus: replace it, Tab to the alias, replace it, Enter saves.
        await page.WaitForFunctionAsync("() => document.activeElement && /^Form_Pages_0__Fieldsets_0__Columns_0__Fields_\\d+__Caption$/.test(document.activeElement.id)");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Wie heißt Ihr Fachbereich genau?");
        await page.Keyboard.PressAsync("Tab");
        var aliasId = await page.EvaluateAsync<string>("() => document.activeElement.id");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("fachbereichGenau");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("handler=", StringComparison.Ordinal));

        var survey = await BrowserSite.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aliasId, Does.Match(@"^Form_Pages_0__Fieldsets_0__Columns_0__Fields_\d+__Alias$"), "Tab goes from caption to alias");
            Assert.That(await page.Locator(".bo-message").First.InnerTextAsync(), Does.Contain("wurde gespeichert"));
            Assert.That(survey!.AllFields().Any(f => f.Alias == "fachbereichGenau" && f.Caption == "Wie heißt Ihr Fachbereich genau?"), Is.True, "stored");
        }
    }

    [TestCase("/umbraco/forms/builder")]
    [TestCase(SurveyEditor)]
    public async Task Has_no_serious_axe_violations_When_a_builder_page_is_opened(string path)
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        var response = await page.GotoAsync(path);
        Assert.That(response?.Status, Is.EqualTo(200), $"GET {path}");
        await page.WaitForFunctionAsync("() => customElements.get('uui-box') !== undefined");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.That(serious, Is.Empty, () => Axe.Describe(path, page.Url, serious));
    }

    [Test]
    public async Task Has_no_serious_axe_violations_When_the_builder_shows_validation_errors()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignInAsync(context);
        await page.GotoAsync(SurveyEditor);
        await page.Locator("#Form_Alias").FillAsync("Ungültig mit Leerzeichen");
        await page.Locator("button[formaction*='handler=Save']").First.ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("#Form_Alias-error").InnerTextAsync(), Does.Contain("„Ungültig mit Leerzeichen“"));
            Assert.That(serious, Is.Empty, () => Axe.Describe("form builder with errors", page.Url, serious));
        }
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);
        return page;
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (keyboard only, at most 400 presses).</summary>
    private static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 400; i++)
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
