using Initiativenberatung.Core.Auditing;
using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>An editor's day in the content section, in Chromium: edit, preview, publish, roll back, reorder blocks; axe-core on the screens.</summary>
[TestFixture]
public sealed class ContentEditorJourneyTests
{
    private const string Email = "journey-editor@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private const string OldIntro = "Die Initiativenberatung stellt interessierten Kommunen";
    private const string NewIntro = "Neu: Kommunen und Initiativen gestalten gemeinsam nachhaltige Projekte.";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private int _seededVersion;

    [OneTimeSetUp]
    public Task CreateEditorAsync() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Redaktion");

    [SetUp]
    public async Task RememberSeedAsync() =>
        _seededVersion = (await BrowserSite.Services.GetRequiredService<ContentQueryService>().VersionsAsync(Home)).Single(v => v.IsPublished).Id;

    /// <summary>Other browser tests read the seeded home page: put its published state back.</summary>
    [TearDown]
    public async Task RestoreSeedAsync()
    {
        var content = BrowserSite.Services.GetRequiredService<ContentService>();
        await content.RollbackAsync(Home, _seededVersion, Actor.System);
        await content.PublishAsync(Home, Actor.System);
    }

    [Test]
    public async Task Edits_previews_publishes_rolls_back_and_reorders_When_an_editor_works_on_the_home_page()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await using var visitorContext = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var visitor = await visitorContext.NewPageAsync();
        await SignInAsync(page);

        // Change the intro; Save and preview shows it while / keeps the old text.
        await page.GotoAsync($"/umbraco/content/edit/{Home:D}");
        await page.GetByLabel("Einleitung", new() { Exact = false }).First.FillAsync(NewIntro);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und Vorschau", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/umbraco/preview/{Home:D}");
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Contain(NewIntro).And.Contain("Vorschau – nicht veröffentlicht"), "preview");
        await visitor.GotoAsync("/");
        Assert.That(await visitor.Locator("body").InnerTextAsync(), Does.Contain(OldIntro).And.Not.Contain(NewIntro), "/ before publishing");

        // Save and publish makes / show it.
        await page.GotoAsync($"/umbraco/content/edit/{Home:D}");
        Assert.That(await page.GetByLabel("Einleitung", new() { Exact = false }).First.InputValueAsync(), Is.EqualTo(NewIntro), "the draft is what the editor edits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("veröffentlicht");
        await visitor.GotoAsync("/");
        Assert.That(await visitor.Locator("body").InnerTextAsync(), Does.Contain(NewIntro), "/ after publishing");

        // Roll back: the old text comes back as a draft.
        await page.GetByRole(AriaRole.Link, new() { Name = "Info", Exact = true }).ClickAsync();
        await page.Locator($"a[href='/umbraco/content/versions/{Home:D}/{_seededVersion}']").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Diese Version wiederherstellen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, als neuen Entwurf wiederherstellen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("als neuer Entwurf");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inhalt", Exact = true }).Last.ClickAsync();
        Assert.That(await page.GetByLabel("Einleitung", new() { Exact = false }).First.InputValueAsync(), Does.StartWith(OldIntro), "rolled back draft");
        await visitor.GotoAsync("/");
        Assert.That(await visitor.Locator("body").InnerTextAsync(), Does.Contain(NewIntro), "a rollback is a draft, / unchanged");

        // Reorder two blocks (the quote goes above the first text) and publish: / shows the new order.
        await page.GetByRole(AriaRole.Button, new() { Name = "Nach oben: Block 3: Zitat" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.bo-block > legend").Nth(1)).ToHaveTextAsync("Block 2: Zitat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("veröffentlicht");
        await visitor.GotoAsync("/");
        var text = await visitor.Locator("main").InnerTextAsync();
        Assert.That(text.IndexOf("Mich inspiriert die Zusammenarbeit", StringComparison.Ordinal),
            Is.GreaterThanOrEqualTo(0).And.LessThan(text.IndexOf("Bürgerschaftliches Engagement", StringComparison.Ordinal)), "quote before the first text on /");
        Assert.That(text, Does.Contain(OldIntro), "the rolled-back intro is published with it");
    }

    [Test]
    public async Task Has_no_serious_accessibility_violations_When_the_content_tree_and_the_editor_are_shown()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page);

        var found = new List<string>();
        foreach (var path in new[] { "/umbraco/content", $"/umbraco/content/edit/{Home:D}", $"/umbraco/content/edit/{Home:D}?view=info" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var violations = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
            if (violations.Count > 0)
            {
                found.Add(Axe.Describe(path, page.Url, violations));
            }
        }

        Assert.That(found, Is.Empty, () => string.Join(Environment.NewLine, found));
    }

    private static async Task SignInAsync(IPage page)
    {
        await BackOfficeSession.SignInAsync(page, Email, Password);
    }
}
