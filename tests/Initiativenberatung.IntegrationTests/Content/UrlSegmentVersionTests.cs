using System.Globalization;
using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>
/// URL segments belong to versions (as in Umbraco): a draft carries its new address, visitors keep the old one
/// until the version is published, and only then does the old address answer with a 301.
/// </summary>
[TestFixture]
public sealed class UrlSegmentVersionTests
{
    private const string EditorEmail = "redaktion@example.org";
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Guid Survey = new("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51");

    private CmsWebApplicationFactory _factory = null!;

    [SetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [TearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Keeps_the_live_address_until_publish_When_a_published_page_is_renamed_as_a_draft()
    {
        using var editor = await EditorAsync();
        using var visitor = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var seededSegment = await LatestSegmentAsync(Survey);
        var form = await editor.EditFormAsync(Survey);
        form.Set("Name", "Umfrage 2027");
        form.Set("UrlSegment", "");

        using var saved = await editor.PostEditAsync(Survey, "Save", form);
        using var oldWhileDraft = await visitor.GetAsync(new Uri("/umfrage/", UriKind.Relative));
        using var newWhileDraft = await visitor.GetAsync(new Uri("/umfrage-2027/", UriKind.Relative));
        var redirectsWhileDraft = await RedirectsAsync(Survey);
        var editPage = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(Survey), UriKind.Relative));
        var draftForm = ContentEditorClient.FormFields(editPage);
        var preview = await editor.GetStringAsync(new Uri($"/umbraco/preview/{Survey:D}", UriKind.Relative));
        var nodeWhileDraft = (await Queries().GetAsync(Survey))!.Value;

        using var published = await editor.PostEditAsync(Survey, "Publish", draftForm);
        using var newAfterPublish = await visitor.GetAsync(new Uri("/umfrage-2027/", UriKind.Relative));
        using var oldAfterPublish = await visitor.GetAsync(new Uri("/umfrage/", UriKind.Relative));
        var editAfterPublish = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(Survey), UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(seededSegment, Is.EqualTo("umfrage"), "the uSync import stores the segment on the version");
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
            Assert.That(oldWhileDraft.StatusCode, Is.EqualTo(HttpStatusCode.OK), "visitors keep the live address while only a draft is saved");
            Assert.That(newWhileDraft.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(redirectsWhileDraft, Is.Empty, "no redirect before publish");
            Assert.That(nodeWhileDraft.Node.UrlSegment, Is.EqualTo("umfrage"), "the document keeps the published segment");
            Assert.That(nodeWhileDraft.Draft!.UrlSegment, Is.EqualTo("umfrage-2027"), "the draft carries the new segment");
            Assert.That(draftForm.Get("UrlSegment"), Is.EqualTo("umfrage-2027"), "the URL field shows the draft's segment");
            Assert.That(editPage, Does.Contain("Neue Adresse nach dem Veröffentlichen: /umfrage-2027/"));
            Assert.That(preview, Does.Contain("/umfrage-2027/"), "the preview shows the future address");

            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await published.Content.ReadAsStringAsync());
            Assert.That(newAfterPublish.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(oldAfterPublish.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(oldAfterPublish.Headers.Location?.OriginalString, Is.EqualTo("/umfrage-2027/"));
            Assert.That(await RedirectsAsync(Survey), Is.EqualTo(new[] { "/umfrage/" }));
            Assert.That(editAfterPublish, Does.Not.Contain("Neue Adresse nach dem Veröffentlichen"), "no note once draft and live address agree");
        }
    }

    [Test]
    public async Task Restores_the_older_segment_in_the_draft_When_a_version_with_it_is_rolled_back()
    {
        using var editor = await EditorAsync();
        using var visitor = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var seeded = (await Queries().VersionsAsync(Survey)).Single(v => v.IsPublished);
        var form = await editor.EditFormAsync(Survey);
        form.Set("UrlSegment", "umfrage-neu");
        using var renamed = await editor.PostEditAsync(Survey, "Publish", form);

        var infoPage = await editor.GetStringAsync(new Uri($"{ContentEditorClient.EditPath(Survey)}?view=info", UriKind.Relative));
        using var rollback = await editor.PostEditAsync(Survey, "Rollback",
            [new("__RequestVerificationToken", BackOfficeTestClient.AntiforgeryToken(infoPage)!), new("versionId", seeded.Id.ToString(CultureInfo.InvariantCulture)), new("confirmed", "true")]);
        var afterRollback = (await Queries().GetAsync(Survey))!.Value;
        using var liveAfterRollback = await visitor.GetAsync(new Uri("/umfrage-neu/", UriKind.Relative));
        var editPage = await editor.GetStringAsync(new Uri(ContentEditorClient.EditPath(Survey), UriKind.Relative));

        using var published = await editor.PostEditAsync(Survey, "Publish", ContentEditorClient.FormFields(editPage));
        using var restored = await visitor.GetAsync(new Uri("/umfrage/", UriKind.Relative));
        using var newer = await visitor.GetAsync(new Uri("/umfrage-neu/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await renamed.Content.ReadAsStringAsync());
            Assert.That(rollback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(afterRollback.Draft!.UrlSegment, Is.EqualTo("umfrage"), "the rolled-back draft has the old version's segment");
            Assert.That(afterRollback.Node.UrlSegment, Is.EqualTo("umfrage-neu"), "the live address stays until publish");
            Assert.That(liveAfterRollback.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(editPage, Does.Contain("Neue Adresse nach dem Veröffentlichen: /umfrage/"));
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await published.Content.ReadAsStringAsync());
            Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old address is live again (its redirect is gone)");
            Assert.That(newer.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(newer.Headers.Location?.OriginalString, Is.EqualTo("/umfrage/"));
        }
    }

    [Test]
    public async Task Publishes_the_new_segment_When_a_planned_release_is_due()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var visitor = factory.CreateClient(new() { AllowAutoRedirect = false });
        var content = factory.Services.GetRequiredService<ContentService>();
        var schedules = factory.Services.GetRequiredService<ContentScheduleService>();
        var actor = new Actor(null, EditorEmail);
        var draft = (await factory.Services.GetRequiredService<ContentQueryService>().GetAsync(Survey))!.Value;

        var saved = await content.SaveAsync(
            new SaveContentCommand(Survey, draft.Node.ParentKey, draft.Node.ContentTypeAlias, draft.Node.Name, draft.Draft!.Values, "umfrage-fruehjahr"), actor);
        var planned = await schedules.ScheduleAsync(Survey, ContentScheduleAction.Release, clock.GetUtcNow().UtcDateTime.AddHours(1), actor);
        using var beforeRelease = await visitor.GetAsync(new Uri("/umfrage-fruehjahr/", UriKind.Relative));
        clock.Advance(TimeSpan.FromHours(2));
        await schedules.ProcessDueAsync();
        using var released = await visitor.GetAsync(new Uri("/umfrage-fruehjahr/", UriKind.Relative));
        using var old = await visitor.GetAsync(new Uri("/umfrage/", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Errors, Is.Empty);
            Assert.That(planned.Errors, Is.Empty);
            Assert.That(beforeRelease.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(released.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the scheduled release publishes the draft's segment");
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.OriginalString, Is.EqualTo("/umfrage-fruehjahr/"));
        }
    }

    [Test]
    public async Task Refuses_a_segment_in_German_When_a_sibling_has_it_published_or_in_its_draft()
    {
        var content = _factory.Services.GetRequiredService<ContentService>();
        var actor = new Actor(null, EditorEmail);
        var archive = Guid.NewGuid();
        var values = new Dictionary<string, string?> { ["headline"] = "Archiv" };
        Assert.That((await content.SaveAndPublishAsync(new SaveContentCommand(archive, Home, "contentPage", "Archiv", values), actor)).Errors, Is.Empty);
        Assert.That((await content.SaveAsync(new SaveContentCommand(archive, Home, "contentPage", "Archiv", values, "berichte"), actor)).Errors, Is.Empty);

        var againstDraft = await content.SaveAsync(new SaveContentCommand(Guid.NewGuid(), Home, "contentPage", "Berichte", values), actor);
        var againstPublished = await content.SaveAsync(new SaveContentCommand(Guid.NewGuid(), Home, "contentPage", "Archiv", values), actor);
        var ownOldSegment = await content.SaveAsync(new SaveContentCommand(archive, Home, "contentPage", "Archiv", values, "archiv"), actor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(againstDraft.Errors.Select(e => (e.PropertyAlias, e.Message)),
                Is.EqualTo(new[] { ("urlSegment", "Auf dieser Ebene gibt es bereits eine Seite mit der Adresse „berichte“.") }));
            Assert.That(againstPublished.Errors.Select(e => (e.PropertyAlias, e.Message)),
                Is.EqualTo(new[] { ("urlSegment", "Auf dieser Ebene gibt es bereits eine Seite mit der Adresse „archiv“.") }));
            Assert.That(ownOldSegment.Errors, Is.Empty, "a page never clashes with itself");
        }
    }

    private async Task<HttpClient> EditorAsync()
    {
        await _factory.CreateUserAsync(EditorEmail, BackOfficeRoles.Editor);
        return await _factory.SignedInClientAsync(EditorEmail);
    }

    private ContentQueryService Queries() => _factory.Services.GetRequiredService<ContentQueryService>();

    private async Task<string?> LatestSegmentAsync(Guid key) => (await Queries().GetAsync(key))?.Draft?.UrlSegment;

    private async Task<List<string>> RedirectsAsync(Guid key)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.RedirectUrls.AsNoTracking().Where(r => r.ContentKey == key).Select(r => r.Route).ToListAsync();
    }
}
