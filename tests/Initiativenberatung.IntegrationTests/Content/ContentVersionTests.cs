using Initiativenberatung.Core.Auditing;
using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>The version page: states, side-by-side diff against the current draft or the previous version, preview of any version, rollback after confirming.</summary>
[TestFixture]
public sealed class ContentVersionTests
{
    private const string EditorEmail = "verlauf@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Actor Editor = new(null, EditorEmail);
    private CmsWebApplicationFactory _factory = null!;

    [SetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [TearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Reports_published_previously_published_rolled_back_and_draft_When_a_page_has_such_a_history()
    {
        var (key, first, second) = await PageWithTwoPublishedVersionsAsync();
        await Content().RollbackAsync(key, first, Editor);
        await Content().SaveAsync(Command(key, "Marktplatz", "Dritter Text, nur Entwurf."), Editor);

        var versions = await History().VersionsAsync(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(versions.Select(v => v.State), Is.EqualTo(new[]
            {
                ContentVersionState.Draft, ContentVersionState.RolledBack, ContentVersionState.Published, ContentVersionState.PreviouslyPublished,
            }), "newest first");
            Assert.That(versions[0].Changed, Is.EqualTo(new[] { "intro" }));
            Assert.That(versions[2].Id, Is.EqualTo(second));
            Assert.That(versions[^1].Changed, Is.Empty, "the first version has nothing before it");
        }
    }

    [Test]
    public async Task Shows_the_changed_fields_side_by_side_with_word_marks_When_a_version_is_compared_with_the_current_draft()
    {
        var (key, first, second) = await PageWithTwoPublishedVersionsAsync();
        using var editor = await EditorAsync();

        var html = await editor.GetStringAsync(new Uri($"/umbraco/content/versions/{key:D}/{first}", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var previousHtml = await editor.GetStringAsync(new Uri($"/umbraco/content/versions/{key:D}/{second}", UriKind.Relative));
        var rows = document.QuerySelectorAll("table.bo-diff tbody tr");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.QuerySelector("#diff-heading")?.TextContent.Trim(), Does.StartWith("Vergleich mit dem aktuellen Entwurf vom "));
            Assert.That(document.QuerySelectorAll("table.bo-diff thead th").Select(th => th.TextContent), Is.EqualTo(new[] { "Feld", "Diese Version", "Aktueller Entwurf" }));
            Assert.That(rows.Select(r => r.QuerySelector("th")!.TextContent), Is.EqualTo(new[] { "Name", "Einleitung" }), "only changed fields, labelled");
            Assert.That(rows[1].QuerySelectorAll("td")[0].QuerySelector("del")?.TextContent, Is.EqualTo("Erster"));
            Assert.That(rows[1].QuerySelectorAll("td")[1].QuerySelector("ins")?.TextContent, Is.EqualTo("Zweiter"));
            Assert.That(rows[1].QuerySelectorAll("td")[1].TextContent, Does.Contain("Text über den Platz."));
            Assert.That(document.QuerySelector($"a[href='/umbraco/preview/{key:D}/{first}']"), Is.Not.Null, "preview link");
            Assert.That(previousHtml, Does.Contain("Vergleich mit der vorherigen Version vom"), "the current draft is compared with the version before it");
            Assert.That(previousHtml, Does.Contain("2 geänderte Felder"));
        }
    }

    [Test]
    public async Task Renders_the_chosen_version_uncached_and_never_for_another_document_When_a_version_is_previewed()
    {
        var (key, first, second) = await PageWithTwoPublishedVersionsAsync();
        using var editor = await EditorAsync();

        using var older = await editor.GetAsync(new Uri($"/umbraco/preview/{key:D}/{first}", UriKind.Relative));
        var olderHtml = await older.Content.ReadAsStringAsync();
        using var newer = await editor.GetAsync(new Uri($"/umbraco/preview/{key:D}/{second}", UriKind.Relative));
        var newerHtml = await newer.Content.ReadAsStringAsync();
        var homeVersion = (await History().VersionsAsync(Home))[0].Id;
        using var foreign = await editor.GetAsync(new Uri($"/umbraco/preview/{key:D}/{homeVersion}", UriKind.Relative));
        using var anonymous = await _factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri($"/umbraco/preview/{key:D}/{first}", UriKind.Relative));
        using var publicPage = await _factory.CreateClient().GetAsync(new Uri("/marktplatz/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(older.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(olderHtml, Does.Contain("Erster Text über den Platz.").And.Not.Contain("Zweiter Text"));
            Assert.That(olderHtml, Does.Contain($"Vorschau der gespeicherten Version {first}"));
            Assert.That(older.Headers.CacheControl?.NoStore, Is.True, "never cached");
            Assert.That(newerHtml, Does.Contain("Zweiter Text über den Platz."));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a version of another document");
            Assert.That((int)anonymous.StatusCode, Is.EqualTo(302).Or.EqualTo(401));
            Assert.That(await publicPage.Content.ReadAsStringAsync(), Does.Contain("Zweiter Text über den Platz."), "the preview changes nothing for visitors");
        }
    }

    [Test]
    public async Task Asks_before_and_restores_as_a_new_draft_after_confirming_When_a_version_is_rolled_back_from_its_page()
    {
        var (key, first, _) = await PageWithTwoPublishedVersionsAsync();
        using var editor = await EditorAsync();
        var token = BackOfficeTestClient.AntiforgeryToken(await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(key), UriKind.Relative)))!;

        using var unconfirmed = await editor.PostEditAsync(key, "Rollback", [new("__RequestVerificationToken", token), new("versionId", first.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var countBefore = (await History().VersionsAsync(key)).Count;
        var confirmHtml = await editor.GetStringAsync(new Uri(unconfirmed.Headers.Location!.OriginalString, UriKind.Relative));
        var form = new HtmlParser().ParseDocument(confirmHtml).QuerySelector("section.bo-confirm form")!;
        using var confirmed = await editor.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative),
            new FormUrlEncodedContent(form.QuerySelectorAll("input[type='hidden']").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!))));
        var versions = await History().VersionsAsync(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unconfirmed.Headers.Location?.OriginalString, Is.EqualTo($"/umbraco/content/versions/{key:D}/{first}?rollback=true"));
            Assert.That(countBefore, Is.EqualTo(2), "nothing stored before confirming");
            Assert.That(confirmHtml, Does.Contain("Ja, als neuen Entwurf wiederherstellen"));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(versions, Has.Count.EqualTo(3));
            Assert.That(versions[0].State, Is.EqualTo(ContentVersionState.RolledBack));
            Assert.That((await _factory.Services.GetRequiredService<ContentQueryService>().GetAsync(key))!.Value.Draft!.Values["intro"], Is.EqualTo("Erster Text über den Platz."));
        }
    }

    private async Task<(Guid Key, int First, int Second)> PageWithTwoPublishedVersionsAsync()
    {
        var key = Guid.NewGuid();
        Assert.That((await Content().SaveAndPublishAsync(Command(key, "Marktplatz", "Erster Text über den Platz."), Editor)).Errors, Is.Empty);
        Assert.That((await Content().SaveAndPublishAsync(Command(key, "Rathausplatz", "Zweiter Text über den Platz."), Editor)).Errors, Is.Empty);
        var versions = await History().VersionsAsync(key);
        return (key, versions[1].Id, versions[0].Id);
    }

    private static SaveContentCommand Command(Guid key, string name, string intro) =>
        new(key, Home, "contentPage", name, new Dictionary<string, string?> { ["headline"] = "Plätze", ["intro"] = intro }, UrlSegment: "marktplatz");

    private async Task<HttpClient> EditorAsync()
    {
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        return await _factory.SignedInClientAsync(EditorEmail);
    }

    private ContentService Content() => _factory.Services.GetRequiredService<ContentService>();

    private ContentHistoryService History() => _factory.Services.GetRequiredService<ContentHistoryService>();
}
