using Initiativenberatung.Core.Auditing;
using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.BackOffice;

/// <summary>
/// Editors cannot lose work or restore blind, in Chromium: the unsaved-changes warning, the version page (diff, preview,
/// confirmed rollback), the confirmation before a published branch goes offline, the content search; axe-core on each new screen.
/// </summary>
[TestFixture]
public sealed class ContentSafetyBrowserTests
{
    private const string Email = "sicherheitsnetz@example.org";
    private const string Password = "Rathaus-Gartenbank-2026!";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Actor Editor = new(null, Email);

    [OneTimeSetUp]
    public Task CreateEditorAsync() =>
        BackOfficeSession.EnsureUserAsync(Email, Password, BackOfficeRoles.Editor, "Sicherheitsnetz");

    [Test]
    public async Task Warns_before_leaving_with_unsaved_edits_and_not_after_saving_When_the_editor_clicks_another_section()
    {
        var key = await CreatePageAsync("Übergänge begleiten", "Alte Einleitung.", publish: false);
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        var dialog = page.Locator("#bo-unsaved-dialog");
        var medien = page.GetByRole(AriaRole.Navigation, new() { Name = "Bereiche" }).GetByRole(AriaRole.Link, new() { Name = "Medien" });
        await page.GotoAsync($"/umbraco/content/edit/{key:D}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Nothing changed yet: the section link just navigates.
        await medien.ClickAsync();
        await page.WaitForURLAsync("**/umbraco/media");
        await page.GotoAsync($"/umbraco/content/edit/{key:D}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var intro = page.GetByLabel("Einleitung", new() { Exact = false }).First;
        await intro.FillAsync("Neue Einleitung, noch nicht gespeichert.");
        await medien.ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Ungespeicherte Änderungen" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the unsaved-changes dialog");

        // Staying keeps the edits on the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Auf der Seite bleiben" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        Assert.That(page.Url, Does.Contain($"/umbraco/content/edit/{key:D}"));
        Assert.That(await intro.InputValueAsync(), Is.EqualTo("Neue Einleitung, noch nicht gespeichert."));

        // Saving is not leaving; afterwards the link navigates without asking.
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("Entwurf wurde gespeichert");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await medien.ClickAsync();
        await page.WaitForURLAsync("**/umbraco/media");
        var draft = (await BrowserSite.Services.GetRequiredService<ContentQueryService>().GetAsync(key))!.Value.Draft!;
        Assert.That(draft.Values["intro"], Is.EqualTo("Neue Einleitung, noch nicht gespeichert."));
    }

    [Test]
    public async Task Warns_When_only_a_rich_text_block_was_changed_and_leaves_after_confirming()
    {
        var sections = "{\"layout\":{\"Umbraco.BlockList\":[{\"contentKey\":\"6f1d2c3b-4a5e-4f60-8b71-9c0d1e2f3a41\"}]},\"contentData\":[{\"key\":\"6f1d2c3b-4a5e-4f60-8b71-9c0d1e2f3a41\",\"contentTypeKey\":\"4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a11\",\"values\":[{\"alias\":\"text\",\"editorAlias\":\"Umbraco.RichText\",\"value\":{\"markup\":\"<p>Text im Block.</p>\",\"blocks\":null}}]}],\"settingsData\":[]}";
        var key = await CreatePageAsync("Textblock-Seite", "Einleitung.", publish: false, sections);
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        await page.GotoAsync($"/umbraco/content/edit/{key:D}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var surface = page.Locator("ib-rich-text-editor [role='textbox']").First;
        await surface.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Ergänzt.");
        await page.Locator("a.bo-recycle-bin").ClickAsync();
        await Assertions.Expect(page.Locator("#bo-unsaved-dialog")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verlassen und Änderungen verwerfen" }).ClickAsync();
        await page.WaitForURLAsync("**/umbraco/content/recycle-bin");
    }

    [Test]
    public async Task Shows_the_diff_previews_and_rolls_back_after_confirming_When_the_editor_opens_an_older_version()
    {
        var key = await CreatePageAsync("Marktplatz", "Erster Text über den Platz.", publish: true);
        var content = BrowserSite.Services.GetRequiredService<ContentService>();
        await content.SaveAndPublishAsync(Command(key, "Marktplatz", "Zweiter Text über den Platz."), Editor);
        var first = (await BrowserSite.Services.GetRequiredService<ContentQueryService>().VersionsAsync(key))[^1];
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);

        await page.GotoAsync($"/umbraco/content/edit/{key:D}?view=info");
        var rows = page.Locator("table.bo-versions tbody tr");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("veröffentlicht");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("früher veröffentlicht");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Einleitung");
        await rows.Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/umbraco/content/versions/{key:D}/{first.Id}");
        var introRow = page.Locator("table.bo-diff tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Einleitung" }) });
        await Assertions.Expect(introRow.Locator("del")).ToHaveTextAsync("Erster");
        await Assertions.Expect(introRow.Locator("ins")).ToHaveTextAsync("Zweiter");
        await Axe.AssertNoViolationsAsync(page, "the version page");

        var preview = await context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Vorschau dieser Version", Exact = false }).ClickAsync());
        await preview.WaitForLoadStateAsync();
        Assert.That(await preview.Locator("body").InnerTextAsync(), Does.Contain("Erster Text über den Platz.").And.Contain("Vorschau der gespeicherten Version"));
        await preview.CloseAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Diese Version wiederherstellen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Diese Version wiederherstellen?" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the rollback confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, als neuen Entwurf wiederherstellen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("als neuer Entwurf");
        await Assertions.Expect(page.Locator("table.bo-versions tbody tr").Nth(0)).ToContainTextAsync("zurückgesetzt");
    }

    [Test]
    public async Task Names_what_goes_offline_and_trashes_only_after_confirming_When_javascript_is_off()
    {
        var parent = await CreatePageAsync("Aktionstage", "Einleitung.", publish: true);
        await CreatePageAsync("Aktionstag Mai", "Einleitung.", publish: true, parent: parent);
        await using var scripted = await BrowserSite.NewContextAsync();
        var axePage = await SignedInPageAsync(scripted);
        await axePage.GotoAsync($"/umbraco/content/confirm/{parent:D}/trash");
        await Axe.AssertNoViolationsAsync(axePage, "the trash confirmation");

        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var page = await SignedInPageAsync(context);
        await page.GotoAsync($"/umbraco/content/edit/{parent:D}");
        await page.GetByRole(AriaRole.Link, new() { Name = "In den Papierkorb" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("„Aktionstage“ in den Papierkorb legen?");
        await Assertions.Expect(page.Locator("#offline-heading")).ToHaveTextAsync("Damit gehen 2 veröffentlichte Seiten offline:");
        Assert.That((await BrowserSite.Services.GetRequiredService<ContentQueryService>().GetAsync(parent))!.Value.Node.Trashed, Is.False, "nothing happens before confirming");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, in den Papierkorb legen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bo-message")).ToContainTextAsync("Papierkorb");
        Assert.That((await BrowserSite.Services.GetRequiredService<ContentQueryService>().GetAsync(parent))!.Value.Node.Trashed, Is.True);
    }

    [Test]
    public async Task Finds_a_page_by_its_umlaut_name_and_announces_the_count_When_the_editor_searches_the_tree()
    {
        var key = await CreatePageAsync("Übergänge im Quartier", "Einleitung.", publish: false);
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);
        await page.GotoAsync("/umbraco/content");

        await page.GetByLabel("Inhalte durchsuchen (Name und Text)").FillAsync("ÜBERGÄNGE IM");
        await page.GetByLabel("Inhalte durchsuchen (Name und Text)").PressAsync("Enter");
        await page.WaitForURLAsync("**/umbraco/content/search?q=*");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 Treffer für „ÜBERGÄNGE IM“.");
        await Axe.AssertNoViolationsAsync(page, "the content search");
        await page.GetByRole(AriaRole.Link, new() { Name = "Übergänge im Quartier" }).Last.ClickAsync();
        await page.WaitForURLAsync($"**/umbraco/content/edit/{key:D}");
    }

    [Test]
    public async Task Has_no_accessibility_violations_When_the_media_confirmation_is_shown()
    {
        await using var context = await BrowserSite.NewContextAsync();
        var page = await SignedInPageAsync(context);

        await page.GotoAsync("/umbraco/media/confirm/7d1e2f30-5a6b-4c7d-8e9f-0a1b2c3d4e53/trash");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("„Logos“ in den Papierkorb legen?");
        await Axe.AssertNoViolationsAsync(page, "the media trash confirmation");
    }

    private static async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BackOfficeSession.SignInAsync(page, Email, Password);
        return page;
    }

    private static SaveContentCommand Command(Guid key, string name, string intro, Guid? parent = null, string? sections = null)
    {
        var values = new Dictionary<string, string?> { ["headline"] = name, ["intro"] = intro };
        if (sections is not null)
        {
            values["sections"] = sections;
        }

        return new SaveContentCommand(key, parent ?? Home, "contentPage", name, values);
    }

    private static async Task<Guid> CreatePageAsync(string name, string intro, bool publish, string? sections = null, Guid? parent = null)
    {
        // Unique names: the fixtures share one site.
        var key = Guid.NewGuid();
        var command = Command(key, name, intro, parent, sections) with { UrlSegment = UrlSegmentFor(name, key) };
        var content = BrowserSite.Services.GetRequiredService<ContentService>();
        var result = publish ? await content.SaveAndPublishAsync(command, Editor) : await content.SaveAsync(command, Editor);
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return key;
    }

    private static string UrlSegmentFor(string name, Guid key) => $"{name.Length}-{key:N}"[..20];
}
