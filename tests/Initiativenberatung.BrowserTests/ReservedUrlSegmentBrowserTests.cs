using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>
/// In Chromium: an editor who names a new page „Umbraco“ (or types the URL segment „Media“) below the home page sees the
/// German message at the field it is about, the field marked invalid and described by it; axe-core finds nothing.
/// </summary>
[TestFixture]
public sealed class ReservedUrlSegmentBrowserTests
{
    private const string Email = "reserved-segment-editor@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");

    [OneTimeSetUp]
    public Task CreateEditorAsync() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Redaktion");

    [Test]
    public async Task Shows_the_german_message_at_the_name_and_at_the_url_segment_When_a_new_page_would_answer_at_a_site_address()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);

        await page.GotoAsync($"/umbraco/content/edit/{Guid.NewGuid():D}?parent={Home:D}&type=contentPage");
        await page.Locator("#f-name").FillAsync("Umbraco");
        await page.GetByLabel("Überschrift", new() { Exact = false }).First.FillAsync("Verwaltung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#f-name-error")).ToContainTextAsync("Name: Aus dem Namen „Umbraco“ entsteht die Adresse „umbraco“");
        await Assertions.Expect(page.Locator("#f-name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#f-name")).ToHaveAttributeAsync("aria-describedby", "f-name-error");
        await Axe.AssertNoViolationsAsync(page, "Name mit reservierter Adresse");

        await page.Locator("#f-name").FillAsync("Dateien");
        await page.Locator("#f-urlSegment").FillAsync("Media");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#f-urlSegment-error")).ToContainTextAsync("URL-Segment: Die Adresse „media“ gehört auf der obersten Ebene zur Website selbst");
        await Assertions.Expect(page.Locator("#f-urlSegment")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#f-name-error")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page, "URL-Segment mit reservierter Adresse");
    }
}
