using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>The content section at /umbraco/content through the real login: editing, preview, publish, history, blocks, redirects, schedules, recycle bin.</summary>
[TestFixture]
public sealed class ContentSectionTests
{
    private const string EditorEmail = "redaktion@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Guid Survey = new("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51");
    private static readonly Guid QuoteBlock = new("4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a12");

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _public = null!;

    [SetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _public = _factory.CreateClient();
    }

    [TearDown]
    public void StopSite()
    {
        _public.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Forbids_every_content_page_and_handler_When_the_user_is_staff()
    {
        await _factory.CreateUserAsync("staff@example.org", BackOfficeRoles.Staff);
        using var staff = await _factory.SignedInClientAsync("staff@example.org");
        var token = BackOfficeTestClient.AntiforgeryToken(await staff.GetStringAsync(new Uri("/umbraco", UriKind.Relative)))!;
        var gets = new[]
        {
            "/umbraco/content", $"/umbraco/content/edit/{Home:D}", $"/umbraco/content/edit/{Home:D}?view=info", "/umbraco/content/create",
            "/umbraco/content/sort", "/umbraco/content/recycle-bin", $"/umbraco/preview/{Home:D}",
        };
        var posts = new[] { "Save", "Publish", "Preview", "Unpublish", "Rollback", "AddBlock", "Trash", "Move", "Schedule" }
            .Select(h => $"/umbraco/content/edit/{Home:D}?handler={h}")
            .Append("/umbraco/content/recycle-bin?handler=Delete").Append("/umbraco/content/sort");

        var statuses = new List<string>();
        foreach (var path in gets)
        {
            using var response = await staff.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add($"GET {path} {(int)response.StatusCode}");
        }

        foreach (var path in posts)
        {
            using var body = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("p.intro", "Staff war hier"), new("versionId", "1")]);
            using var response = await staff.PostAsync(new Uri(path, UriKind.Relative), body);
            statuses.Add($"POST {path} {(int)response.StatusCode}");
        }

        Assert.That(statuses, Has.All.EndsWith(" 403"));
        Assert.That(await _public.GetStringAsync(new Uri("/", UriKind.Relative)), Does.Not.Contain("Staff war hier"));
    }

    [Test]
    public async Task Shows_the_draft_only_in_the_preview_until_published_When_the_editor_changes_the_intro()
    {
        using var editor = await EditorAsync();
        var form = await editor.EditFormAsync(Home);
        form.Set("p.intro", "Ein Entwurf der Einleitung.");

        using var saved = await editor.PostEditAsync(Home, "Save", form);
        var publicAfterSave = await _public.GetStringAsync(new Uri("/", UriKind.Relative));
        using var preview = await editor.GetAsync(new Uri($"/umbraco/preview/{Home:D}", UriKind.Relative));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        using var anonymousPreview = await _factory.CreateClient(new() { AllowAutoRedirect = false })
            .GetAsync(new Uri($"/umbraco/preview/{Home:D}", UriKind.Relative));

        using var published = await editor.PostEditAsync(Home, "Publish", await FormWithIntroAsync(editor, "Ein Entwurf der Einleitung."));
        var publicAfterPublish = await _public.GetStringAsync(new Uri("/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "save redirects back to the editor");
            Assert.That(publicAfterSave, Does.Not.Contain("Ein Entwurf der Einleitung."), "a draft is never public");
            Assert.That(publicAfterSave, Does.Contain("Die Initiativenberatung stellt interessierten Kommunen"));
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(previewHtml, Does.Contain("Ein Entwurf der Einleitung.").And.Contain("Vorschau – nicht veröffentlicht"));
            Assert.That(previewHtml, Does.Contain("Gefördert durch"), "the preview renders the public view with its blocks");
            Assert.That(preview.Headers.CacheControl?.NoStore, Is.True, "Cache-Control: no-store");
            Assert.That((int)anonymousPreview.StatusCode, Is.EqualTo(302).Or.EqualTo(401), "visitors are sent to the login");
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(publicAfterPublish, Does.Contain("Ein Entwurf der Einleitung."));
        }

        var trail = await AuditAsync(Home);
        Assert.That(trail.Select(a => (a.Action, a.UserName)), Does.Contain((AuditActions.Save, EditorEmail)).And.Contain((AuditActions.Publish, EditorEmail)));
    }

    [Test]
    public async Task Redirects_to_the_preview_When_save_and_preview_is_clicked()
    {
        using var editor = await EditorAsync();
        using var response = await editor.PostEditAsync(Home, "Preview", await FormWithIntroAsync(editor, "Vorschau-Text"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/preview/{Home:D}"));
    }

    [Test]
    public async Task Restores_the_old_text_as_a_draft_When_a_version_is_rolled_back()
    {
        using var editor = await EditorAsync();
        var seeded = (await Queries().VersionsAsync(Home)).Single(v => v.IsPublished);
        using var published = await editor.PostEditAsync(Home, "Publish", await FormWithIntroAsync(editor, "Neue Einleitung, gleich zurückgerollt."));
        var infoPage = await editor.GetStringAsync(new Uri($"/umbraco/content/edit/{Home:D}?view=info", UriKind.Relative));

        using var rollback = await editor.PostEditAsync(Home, "Rollback",
            [new("__RequestVerificationToken", BackOfficeTestClient.AntiforgeryToken(infoPage)!), new("versionId", seeded.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("confirmed", "true")]);
        var draft = (await Queries().GetAsync(Home))!.Value;
        var publicHtml = await _public.GetStringAsync(new Uri("/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(infoPage, Does.Contain($"/umbraco/content/versions/{Home:D}/{seeded.Id}").And.Contain(EditorEmail));
            Assert.That(rollback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(draft.Draft!.Values["intro"], Does.StartWith("Die Initiativenberatung stellt interessierten Kommunen"));
            Assert.That(draft.Node.HasPendingChanges, Is.True, "the rollback is a new draft");
            Assert.That(publicHtml, Does.Contain("Neue Einleitung, gleich zurückgerollt."), "visitors keep the published version until it is published");
            Assert.That((await AuditAsync(Home)).Select(a => a.Action), Does.Contain(AuditActions.Rollback));
        }
    }

    [Test]
    public async Task Names_the_headline_in_German_and_stores_nothing_When_the_mandatory_headline_is_empty()
    {
        using var editor = await EditorAsync();
        var versionsBefore = (await Queries().VersionsAsync(Home)).Count;
        var form = await editor.EditFormAsync(Home);
        form.Set("p.headline", "   ");
        form.Set("p.intro", "Dieser Text darf nicht gespeichert werden.");

        using var response = await editor.PostEditAsync(Home, "Publish", form);
        var html = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("„Überschrift“ ist ein Pflichtfeld."));
            Assert.That(html, Does.Contain("id=\"f-headline-error\"").And.Contain("aria-describedby=\"f-headline-error\""), "error next to the field");
            Assert.That(html, Does.Contain("bo-error-summary"), "summary on top");
            Assert.That(html, Does.Contain("Dieser Text darf nicht gespeichert werden."), "the posted input is kept");
            Assert.That((await Queries().VersionsAsync(Home)).Count, Is.EqualTo(versionsBefore), "nothing stored");
        }
    }

    [Test]
    public async Task Never_shows_script_handlers_or_javascript_urls_When_they_are_posted_in_a_rich_text_block()
    {
        using var editor = await EditorAsync();
        var form = await editor.EditFormAsync(Home);
        form.Set("p.sections[1].text", "<p>Sicherer Text<script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">Link</a></p>");

        using var response = await editor.PostEditAsync(Home, "Publish", form);
        var html = await _public.GetStringAsync(new Uri("/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(html, Does.Contain("Sicherer Text"));
            Assert.That(html, Does.Not.Contain("alert("));
            Assert.That(html, Does.Not.Contain("onerror"));
            Assert.That(html, Does.Not.Contain("javascript:"));
        }
    }

    [Test]
    public async Task Adds_moves_and_removes_blocks_without_saving_When_the_block_buttons_are_used()
    {
        using var editor = await EditorAsync();
        var versionsBefore = (await Queries().VersionsAsync(Home)).Count;
        var form = await editor.EditFormAsync(Home);
        var blocks = Blocks(form);
        form.Set("p.intro", "Ungespeicherte Änderung bleibt erhalten.");

        var added = ContentEditorClient.FormFields(await PostTextAsync(editor, "AddBlock", form.Append(new("target", $"sections|{QuoteBlock:D}"))));
        var moved = ContentEditorClient.FormFields(await PostTextAsync(editor, "BlockUp", added.Append(new("target", "sections[2]"))));
        var removed = ContentEditorClient.FormFields(await PostTextAsync(editor, "RemoveBlock", moved.Append(new("target", "sections[0]"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Blocks(added), Has.Count.EqualTo(blocks.Count + 1));
            Assert.That(Blocks(added).Take(blocks.Count), Is.EqualTo(blocks), "existing block keys stay stable");
            Assert.That(Blocks(added)[^1], Does.Contain(QuoteBlock.ToString("D")), "the new block is a quote");
            Assert.That(Blocks(moved), Is.EqualTo(new[] { blocks[0], blocks[2], blocks[1] }.Concat(Blocks(added).Skip(3))));
            Assert.That(moved.Get("p.sections[1].author"), Is.EqualTo("Frank Neweling"), "values move with their block");
            Assert.That(Blocks(removed), Is.EqualTo(Blocks(moved).Skip(1)));
            Assert.That(removed.Get("p.intro"), Is.EqualTo("Ungespeicherte Änderung bleibt erhalten."));
            Assert.That((await Queries().VersionsAsync(Home)).Count, Is.EqualTo(versionsBefore), "rearranging stores nothing");
        }

        // Saving the rearranged form publishes the new order.
        using var publish = await editor.PostEditAsync(Home, "Publish", removed.Where(f => f.Key != "p.sections[6].author" && f.Key != "p.sections[6].quote")
            .Append(new("p.sections[6].author", "Neue Stimme")).Append(new("p.sections[6].quote", "Ein neues Zitat.")));
        var html = await _public.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await publish.Content.ReadAsStringAsync());
        Assert.That(html.IndexOf("Mich inspiriert die Zusammenarbeit", StringComparison.Ordinal),
            Is.LessThan(html.IndexOf("Bürgerschaftliches Engagement ist ein wichtiger Zukunftsfaktor", StringComparison.Ordinal)), "quote now before the first text");
        Assert.That(html, Does.Contain("Ein neues Zitat.").And.Not.Contain("Mehrere Personen an einem runden Tisch"), "image block removed, quote added");
    }

    [Test]
    public async Task Serves_301_redirects_without_sql_When_published_pages_are_renamed_and_moved()
    {
        using var editor = await EditorAsync();
        var form = await editor.EditFormAsync(Survey);
        form.Set("UrlSegment", "umfrage-kommunen");
        using var renamed = await editor.PostEditAsync(Survey, "Publish", form);

        var archive = await CreatePublishedPageAsync("Archiv", Home);
        var report = await CreatePublishedPageAsync("Bericht", Home);
        var reportForm = await editor.EditFormAsync(report);
        using var moved = await editor.PostEditAsync(report, "Move", [new("__RequestVerificationToken", reportForm.Get("__RequestVerificationToken")), new("moveTarget", archive.ToString("D"))]);
        using var notAllowed = await editor.PostEditAsync(Survey, "Move", [new("__RequestVerificationToken", reportForm.Get("__RequestVerificationToken")), new("moveTarget", archive.ToString("D"))]);
        var notAllowedHtml = await notAllowed.Content.ReadAsStringAsync();

        using var noRedirects = _factory.CreateClient(new() { AllowAutoRedirect = false });
        await noRedirects.GetAsync(new Uri("/umfrage/", UriKind.Relative)); // warm up
        var sqlBefore = _factory.SqlCommands.Count;
        using var oldSurvey = await noRedirects.GetAsync(new Uri("/umfrage/?x=1", UriKind.Relative));
        using var oldReport = await noRedirects.GetAsync(new Uri("/bericht/", UriKind.Relative));
        using var newReport = await noRedirects.GetAsync(new Uri("/archiv/bericht/", UriKind.Relative));
        var sqlAfter = _factory.SqlCommands.Count;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(oldSurvey.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(oldSurvey.Headers.Location?.OriginalString, Is.EqualTo("/umfrage-kommunen/?x=1"));
            Assert.That(oldReport.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(oldReport.Headers.Location?.OriginalString, Is.EqualTo("/archiv/bericht/"));
            Assert.That(newReport.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sqlAfter - sqlBefore, Is.Zero, "redirects come from the snapshot");
            Assert.That(notAllowedHtml, Does.Contain("ist unter „Inhaltsseite“ nicht erlaubt"), "placement rules apply to moves");
            Assert.That((await AuditAsync(report)).Select(a => a.Action), Does.Contain(AuditActions.Move));
        }
    }

    [Test]
    public async Task Applies_a_planned_unpublish_When_its_date_has_come()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var users = factory.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Initiativenberatung.Infrastructure.Users.BackOfficeUser>>();
        var user = new Initiativenberatung.Infrastructure.Users.BackOfficeUser { UserName = EditorEmail, Email = EditorEmail, DisplayName = EditorEmail, CreatedAt = DateTime.UtcNow };
        Assert.That((await users.CreateAsync(user, BackOfficeTestClient.Password)).Succeeded, Is.True);
        await users.AddToRoleAsync(user, BackOfficeRoles.Editor);
        using var editor = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await editor.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = EditorEmail, ["Password"] = BackOfficeTestClient.Password }))
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var form = await editor.EditFormAsync(Survey);
        using var planned = await editor.PostEditAsync(Survey, "Schedule",
            [new("__RequestVerificationToken", form.Get("__RequestVerificationToken")), new("expireDate", "2027-03-01T12:00")]);
        var schedules = factory.Services.GetRequiredService<ContentScheduleService>();
        var appliedEarly = await schedules.ProcessDueAsync();

        // The hosted worker ticks on the (fake) clock: moving it past the date lets the worker apply the schedule.
        clock.Advance(TimeSpan.FromHours(3));
        using var publicClient = factory.CreateClient();
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 100 && status != HttpStatusCode.NotFound; attempt++)
        {
            await Task.Delay(100);
            using var probe = await publicClient.GetAsync(new Uri("/umfrage/", UriKind.Relative));
            status = probe.StatusCode;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(planned.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await planned.Content.ReadAsStringAsync());
            Assert.That(appliedEarly, Is.Zero, "not due before 12:00 Berlin time (11:00 UTC)");
            Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), "the worker unpublished the page");
            Assert.That((await schedules.ForContentAsync(Survey)), Is.Empty, "an applied schedule is removed");
            var trail = await AuditAsync(Survey, factory.Services);
            Assert.That(trail.Select(a => (a.Action, a.UserName)), Does.Contain((AuditActions.ScheduleUnpublish, EditorEmail)).And.Contain((AuditActions.Unpublish, "System")));
        }
    }

    [Test]
    public async Task Trashes_restores_and_deletes_for_good_When_the_recycle_bin_is_used()
    {
        using var editor = await EditorAsync();
        var page = await CreatePublishedPageAsync("Veraltet", Home);
        var token = (await editor.EditFormAsync(page)).Get("__RequestVerificationToken");
        KeyValuePair<string, string>[] Fields(params (string, string)[] more) => [new("__RequestVerificationToken", token), .. more.Select(m => new KeyValuePair<string, string>(m.Item1, m.Item2))];

        using var trashed = await editor.PostEditAsync(page, "Trash", Fields(("confirmed", "true")));
        var trashedStatus = (await _public.GetAsync(new Uri("/veraltet/", UriKind.Relative))).StatusCode;
        var bin = await editor.GetStringAsync(new Uri("/umbraco/content/recycle-bin", UriKind.Relative));
        var tree = await editor.GetStringAsync(new Uri("/umbraco/content", UriKind.Relative));
        using var restored = await editor.PostAsync(new Uri("/umbraco/content/recycle-bin?handler=Restore", UriKind.Relative), new FormUrlEncodedContent(Fields(("key", page.ToString("D")))));
        var afterRestore = (await Queries().GetAsync(page))!.Value.Node;
        using var trashedAgain = await editor.PostEditAsync(page, "Trash", Fields());
        using var askFirst = await editor.PostAsync(new Uri("/umbraco/content/recycle-bin?handler=Delete", UriKind.Relative), new FormUrlEncodedContent(Fields(("key", page.ToString("D")))));
        var askHtml = await askFirst.Content.ReadAsStringAsync();
        var existsAfterAsk = await Queries().GetAsync(page) is not null;
        using var deleted = await editor.PostAsync(new Uri("/umbraco/content/recycle-bin?handler=Delete", UriKind.Relative),
            new FormUrlEncodedContent(Fields(("key", page.ToString("D")), ("confirmed", "true"))));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trashed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(trashedStatus, Is.EqualTo(HttpStatusCode.NotFound), "trashed pages are not public");
            Assert.That(bin, Does.Contain("Veraltet"));
            Assert.That(tree, Does.Contain("bo-recycle-bin"));
            Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(afterRestore.Trashed, Is.False);
            Assert.That(afterRestore.IsPublished, Is.False, "restored documents come back unpublished");
            Assert.That(askFirst.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(askHtml, Does.Contain("Ja, endgültig löschen"));
            Assert.That(existsAfterAsk, Is.True, "the first click only asks");
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await db.ContentNodes.AnyAsync(n => n.Key == page), Is.False);
            Assert.That(await db.ContentVersions.AnyAsync(v => v.ContentKey == page), Is.False, "versions go with it");
            Assert.That((await AuditAsync(page)).Select(a => a.Action), Is.SupersetOf(new[] { AuditActions.Trash, AuditActions.Restore, AuditActions.Delete }));
        }
    }

    [Test]
    public async Task Refuses_to_restore_with_a_German_message_When_the_parent_is_in_the_recycle_bin()
    {
        var parent = await CreatePublishedPageAsync("Eltern", Home);
        var child = await CreatePublishedPageAsync("Kind", parent);
        var structure = _factory.Services.GetRequiredService<ContentStructureService>();
        var actor = new Actor(null, EditorEmail);
        await structure.TrashAsync(child, actor);
        await structure.TrashAsync(parent, actor);

        var result = await structure.RestoreAsync(child, actor);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors[0].Message, Does.Contain("übergeordnete Seite"));
    }

    [Test]
    public async Task Lists_documents_with_unpublished_ones_marked_When_the_content_section_opens()
    {
        using var editor = await EditorAsync();
        var draft = Guid.NewGuid();
        var result = await _factory.Services.GetRequiredService<ContentService>().SaveAsync(
            new SaveContentCommand(draft, Home, "contentPage", "Noch geheim", new Dictionary<string, string?> { ["headline"] = "Geheim" }), new Actor(null, EditorEmail));
        Assert.That(result.Errors, Is.Empty);

        var html = await editor.GetStringAsync(new Uri("/umbraco/content", UriKind.Relative));

        var link = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector($"a[href='/umbraco/content/edit/{draft:D}']");
        Assert.That(link?.ClassList.Contains("bo-unpublished"), Is.True, "unpublished nodes are marked");
        Assert.That(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector($"a[href='/umbraco/content/edit/{Home:D}']")?.ClassList.Contains("bo-unpublished"), Is.False);
        Assert.That(html, Does.Contain("Letzte Änderungen"));
    }

    [Test]
    public async Task Creates_an_unpublished_document_of_an_allowed_type_When_the_editor_creates_below_a_page()
    {
        using var editor = await EditorAsync();
        using var chosen = await editor.PostFormAsync($"/umbraco/content/create?parent={Home:D}", new Dictionary<string, string> { ["Type"] = "contentPage", ["Parent"] = Home.ToString("D") });
        var editUrl = chosen.Headers.Location!.OriginalString;
        var key = Guid.Parse(editUrl.Split('/', '?')[4]);
        var form = ContentEditorClient.FormFields(await editor.GetStringAsync(new Uri(editUrl, UriKind.Relative)));
        form.Set("Name", "Neue Seite für Kommunen");
        form.Set("p.headline", "Neue Seite");
        using var saved = await editor.PostEditAsync(key, "Save", form);
        var node = (await Queries().GetAsync(key))?.Node;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
            Assert.That(node?.ParentKey, Is.EqualTo(Home));
            Assert.That(node?.UrlSegment, Is.EqualTo("neue-seite-fuer-kommunen"));
            Assert.That(node?.IsPublished, Is.False);
        }
    }

    private async Task<HttpClient> EditorAsync()
    {
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        return await _factory.SignedInClientAsync(EditorEmail);
    }

    private static async Task<List<KeyValuePair<string, string>>> FormWithIntroAsync(HttpClient editor, string intro)
    {
        var form = await editor.EditFormAsync(Home);
        form.Set("p.intro", intro);
        return form;
    }

    private static async Task<string> PostTextAsync(HttpClient client, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await client.PostEditAsync(Home, handler, fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{handler}: {html}");
        return html;
    }

    private static List<string> Blocks(List<KeyValuePair<string, string>> form) =>
        form.Where(f => f.Key == "p.sections.__block").Select(f => f.Value).ToList();

    private async Task<Guid> CreatePublishedPageAsync(string name, Guid parent)
    {
        var key = Guid.NewGuid();
        var result = await _factory.Services.GetRequiredService<ContentService>().SaveAndPublishAsync(
            new SaveContentCommand(key, parent, "contentPage", name, new Dictionary<string, string?> { ["headline"] = name }), new Actor(null, EditorEmail));
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return key;
    }

    private ContentQueryService Queries() => _factory.Services.GetRequiredService<ContentQueryService>();

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid key, IServiceProvider? services = null) =>
        (services ?? _factory.Services).GetRequiredService<AuditService>().ForEntityAsync(key);
}
