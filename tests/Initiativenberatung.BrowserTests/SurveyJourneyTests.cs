using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>A visitor answers the anonymous survey in Chromium: keyboard only, German errors, thank-you page, axe-core, no JavaScript.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SurveyJourneyTests
{
    private const string ThankYou = "Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert.";
    private const string MissingSize = "Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“.";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    [Test]
    public async Task Stores_the_answers_and_shows_the_thank_you_message_When_a_visitor_answers_with_the_keyboard_only()
    {
        var before = await EntryCountAsync();
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // Follow „Umfrage starten“ with Tab and Enter.
        await TabUntilAsync(page, "a", "Umfrage starten");
        await PressEnterAndLoadAsync(page, "#f-gemeindegroesse-0");
        Assert.That(await page.Locator("#f-gemeindegroesse-0").CountAsync(), Is.EqualTo(1), $"survey form on {page.Url}");
        await Axe.AssertNoViolationsAsync(page, "the survey (page 1)");

        // „Weiter“ without the mandatory answer: German errors on top and at the field.
        await TabUntilAsync(page, "button[value='weiter']");
        await PressEnterAndLoadAsync(page, "#f-gemeindegroesse-fehler");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("[role=alert]").InnerTextAsync(), Does.Contain(MissingSize));
            Assert.That(await page.Locator("#f-gemeindegroesse-fehler").InnerTextAsync(), Does.Contain(MissingSize));
            Assert.That(await page.Locator("#f-gemeindegroesse-0").GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        }

        await Axe.AssertNoViolationsAsync(page, "the survey with errors");

        // Fix it: Space picks the first size, typing fills the department, Tab to „Weiter“ and Enter.
        await TabUntilAsync(page, "#f-gemeindegroesse-0");
        await page.Keyboard.PressAsync("Space");
        await TabUntilAsync(page, "#f-fachbereich");
        await page.Keyboard.TypeAsync("Umwelt und Klima");
        await TabUntilAsync(page, "#f-initiativen-1");
        await page.Keyboard.PressAsync("Space");
        await TabUntilAsync(page, "button[value='weiter']");
        await PressEnterAndLoadAsync(page, "#f-einwilligung");
        Assert.That(await page.Locator("#f-einwilligung").CountAsync(), Is.EqualTo(1), "page 2 with the consent");
        await Axe.AssertNoViolationsAsync(page, "the survey (page 2)");

        await TabUntilAsync(page, "#f-erfahrungen");
        await page.Keyboard.TypeAsync("Gute Zusammenarbeit mit dem Reparatur-Café.");
        await TabUntilAsync(page, "#f-einwilligung");
        await page.Keyboard.PressAsync("Space");

        // A person takes longer than the minimum fill time (3 s) — faster posts are treated as bots.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await TabUntilAsync(page, "button[value='absenden']");
        await PressEnterAndLoadAsync(page, "h1:text-is('Vielen Dank')");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(ThankYou));
            Assert.That(page.Url, Does.Contain("/formulare/danke/"));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        }

        var latest = await LatestValuesAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(latest["gemeindegroesse"].Values, Is.EqualTo(new[] { "unter 20.000 Einwohner" }));
            Assert.That(latest["fachbereich"].Values, Is.EqualTo(new[] { "Umwelt und Klima" }));
            Assert.That(latest["initiativen"].Values, Is.EqualTo(new[] { "Reparatur-Cafés" }));
            Assert.That(latest["erfahrungen"].Values, Is.EqualTo(new[] { "Gute Zusammenarbeit mit dem Reparatur-Café." }));
        }

        await Axe.AssertNoViolationsAsync(page, "the thank-you page");
    }

    [Test]
    public async Task Stores_the_answers_and_shows_the_thank_you_message_When_javascript_is_disabled()
    {
        var before = await EntryCountAsync();
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("a:text-is('Umfrage starten')").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/umfrage", StringComparison.Ordinal));

        await page.Locator("#f-gemeindegroesse-2").CheckAsync();
        await page.Locator("button[value='weiter']").ClickAsync();
        await page.Locator("#f-einwilligung").CheckAsync();
        await page.Locator("#f-wasHatGeholfen").FillAsync("Ein fester Ansprechpartner.");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await page.Locator("button[value='absenden']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/formulare/danke/", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(ThankYou));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        }
    }

    /// <summary>Enter on the focused link or button, then wait for the next page (after a 303, the page it leads to) showing <paramref name="expected"/>.</summary>
    private static async Task PressEnterAndLoadAsync(IPage page, string expected)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            response => response.Request.IsNavigationRequest && response.Status is not (301 or 302 or 303));
        await page.WaitForLoadStateAsync(LoadState.Load);

        // The old document may still answer right after the response: wait for an element only the next page has.
        await page.Locator(expected).First.WaitForAsync();
    }

    private static async Task TabUntilAsync(IPage page, string selector, string? text = null)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(
                "([s, t]) => document.activeElement !== null && document.activeElement.matches(s) && (t === null || document.activeElement.textContent.trim() === t)",
                new object?[] { selector, text }))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }

    private static async Task<int> EntryCountAsync()
    {
        await using var db = await BrowserSite.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.CountAsync(e => e.FormKey == SurveyKey);
    }

    private static async Task<IReadOnlyDictionary<string, FormEntryValue>> LatestValuesAsync()
    {
        await using var db = await BrowserSite.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var entry = await db.FormEntries.Where(e => e.FormKey == SurveyKey).OrderByDescending(e => e.Id).FirstAsync();
        return FormEntryValues.Deserialize(entry.ValuesJson);
    }
}
