using Initiativenberatung.Core.Auditing;
using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>Trashing or unpublishing a published page asks first, naming every page that goes offline (without JavaScript).</summary>
[TestFixture]
public sealed class ContentConfirmationTests
{
    private const string EditorEmail = "bestaetigung@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
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
    public async Task Asks_first_and_names_the_page_and_its_published_descendants_When_a_published_branch_is_trashed()
    {
        using var editor = await EditorAsync();
        var parent = await CreatePageAsync("Projekte", Home, publish: true);
        await CreatePageAsync("Projekt Nord", parent, publish: true);
        await CreatePageAsync("Projekt Süd", parent, publish: true);
        await CreatePageAsync("Projekt Entwurf", parent, publish: false);
        var token = BackOfficeTestClient.AntiforgeryToken(await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(parent), UriKind.Relative)))!;

        using var unconfirmed = await editor.PostEditAsync(parent, "Trash", [new("__RequestVerificationToken", token)]);
        var stillLive = (await _public.GetAsync(new Uri("/projekte/projekt-nord/", UriKind.Relative))).StatusCode;
        var confirmHtml = await editor.GetStringAsync(new Uri(unconfirmed.Headers.Location!.OriginalString, UriKind.Relative));
        var confirm = new HtmlParser().ParseDocument(confirmHtml);
        var form = confirm.QuerySelector("main form[method='post']")!;
        using var confirmed = await editor.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative),
            new FormUrlEncodedContent(form.QuerySelectorAll("input[type='hidden']").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!))));
        var goneAfter = (await _public.GetAsync(new Uri("/projekte/projekt-nord/", UriKind.Relative))).StatusCode;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(unconfirmed.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/content/confirm/{parent:D}/trash"));
            Assert.That(stillLive, Is.EqualTo(HttpStatusCode.OK), "nothing happens before the confirmation");
            Assert.That(confirm.QuerySelector("h1")?.TextContent, Is.EqualTo("„Projekte“ in den Papierkorb legen?"));
            Assert.That(confirm.QuerySelector("#offline-heading")?.TextContent, Is.EqualTo("Damit gehen 3 veröffentlichte Seiten offline:"));
            Assert.That(confirm.QuerySelectorAll(".bo-offline-list li").Select(li => li.QuerySelector("a")!.TextContent),
                Is.EqualTo(new[] { "Projekte", "Projekt Nord", "Projekt Süd" }), "the unpublished child is not named");
            Assert.That(confirmHtml, Does.Contain("/projekte/projekt-sued/"), "the live addresses are shown");
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(goneAfter, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Queries().GetAsync(parent))!.Value.Node.Trashed, Is.True);
        }
    }

    [Test]
    public async Task Uses_the_singular_and_unpublishes_only_after_confirming_When_a_single_page_is_unpublished()
    {
        using var editor = await EditorAsync();
        var page = await CreatePageAsync("Einzelseite", Home, publish: true);
        var editHtml = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(page), UriKind.Relative));
        var token = BackOfficeTestClient.AntiforgeryToken(editHtml)!;

        using var unconfirmed = await editor.PostEditAsync(page, "Unpublish", [new("__RequestVerificationToken", token)]);
        var publishedBefore = (await Queries().GetAsync(page))!.Value.Node.IsPublished;
        var confirmHtml = await editor.GetStringAsync(new Uri($"/umbraco/content/confirm/{page:D}/unpublish", UriKind.Relative));
        using var confirmed = await editor.PostEditAsync(page, "Unpublish", [new("__RequestVerificationToken", token), new("confirmed", "true")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new HtmlParser().ParseDocument(editHtml).QuerySelector($"a[href='/umbraco/content/confirm/{page:D}/unpublish']"), Is.Not.Null, "the edit page links to the confirmation");
            Assert.That(unconfirmed.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/content/confirm/{page:D}/unpublish"));
            Assert.That(publishedBefore, Is.True);
            Assert.That(confirmHtml, Does.Contain("Damit geht 1 veröffentlichte Seite offline:").And.Contain("Ja, Veröffentlichung zurücknehmen"));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await Queries().GetAsync(page))!.Value.Node.IsPublished, Is.False);
        }
    }

    [Test]
    public async Task Trashes_at_once_When_nothing_in_the_branch_is_published()
    {
        using var editor = await EditorAsync();
        var draft = await CreatePageAsync("Nur ein Entwurf", Home, publish: false);
        var token = BackOfficeTestClient.AntiforgeryToken(await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(draft), UriKind.Relative)))!;

        using var trashed = await editor.PostEditAsync(draft, "Trash", [new("__RequestVerificationToken", token)]);

        Assert.That(trashed.Headers.Location?.OriginalString, Does.StartWith($"/umbraco/content/edit/{draft:D}"));
        Assert.That((await Queries().GetAsync(draft))!.Value.Node.Trashed, Is.True);
    }

    [Test]
    public async Task Counts_the_sub_pages_deleted_with_it_When_a_trashed_branch_is_about_to_be_deleted()
    {
        using var editor = await EditorAsync();
        var parent = await CreatePageAsync("Archiv 2025", Home, publish: true);
        await CreatePageAsync("Archiv Januar", parent, publish: true);
        await CreatePageAsync("Archiv Februar", parent, publish: false);
        var single = await CreatePageAsync("Archiv Einzeln", Home, publish: false);
        var structure = _factory.Services.GetRequiredService<ContentStructureService>();
        await structure.TrashAsync(parent, new Actor(null, EditorEmail));
        await structure.TrashAsync(single, new Actor(null, EditorEmail));

        var branch = await editor.GetStringAsync(new Uri($"/umbraco/content/recycle-bin?delete={parent:D}", UriKind.Relative));
        var alone = await editor.GetStringAsync(new Uri($"/umbraco/content/recycle-bin?delete={single:D}", UriKind.Relative));

        Assert.That(branch, Does.Contain("Darunter liegen 2 Unterseiten; sie werden mit gelöscht."));
        Assert.That(alone, Does.Not.Contain("Darunter lieg"));
    }

    [Test]
    public async Task Answers_404_When_the_confirmation_names_an_unknown_operation_or_document()
    {
        using var editor = await EditorAsync();

        using var unknownOperation = await editor.GetAsync(new Uri($"/umbraco/content/confirm/{Home:D}/loeschen", UriKind.Relative));
        using var unknownDocument = await editor.GetAsync(new Uri($"/umbraco/content/confirm/{Guid.NewGuid():D}/trash", UriKind.Relative));

        Assert.That(unknownOperation.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownDocument.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<HttpClient> EditorAsync()
    {
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        return await _factory.SignedInClientAsync(EditorEmail);
    }

    private async Task<Guid> CreatePageAsync(string name, Guid parent, bool publish)
    {
        var key = Guid.NewGuid();
        var command = new SaveContentCommand(key, parent, "contentPage", name, new Dictionary<string, string?> { ["headline"] = name });
        var content = _factory.Services.GetRequiredService<ContentService>();
        var actor = new Actor(null, EditorEmail);
        var result = publish ? await content.SaveAndPublishAsync(command, actor) : await content.SaveAsync(command, actor);
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return key;
    }

    private ContentQueryService Queries() => _factory.Services.GetRequiredService<ContentQueryService>();
}
