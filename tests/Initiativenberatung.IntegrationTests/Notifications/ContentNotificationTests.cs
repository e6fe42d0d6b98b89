using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Notifications;

/// <summary>Every content write raises its notification once (actor, key, name) and leaves exactly one audit line.</summary>
[TestFixture]
public sealed class ContentNotificationTests
{
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Actor Editor = new("user-7", "redaktion@example.org");
    private readonly NotificationRecorder _recorder = new();
    private CmsWebApplicationFactory _factory = null!;
    private IServiceProvider _services = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _services = _recorder.Subscribe(_factory).Services;
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private ContentService Content => _services.GetRequiredService<ContentService>();

    private ContentStructureService Structure => _services.GetRequiredService<ContentStructureService>();

    private ContentScheduleService Schedules => _services.GetRequiredService<ContentScheduleService>();

    [Test]
    public async Task Raises_ContentSaved_with_the_new_version_When_a_draft_is_created()
    {
        var key = Guid.NewGuid();
        var saved = await _recorder.ExpectOneAsync<ContentSavedNotification>(_services, Editor, key,
            () => Succeeds(Content.SaveAsync(Command(key, "Entwurf Frühjahr"), Editor)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Created, Is.True);
            Assert.That(saved.Name, Is.EqualTo("Entwurf Frühjahr"));
            Assert.That(saved.VersionId, Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task Raises_ContentPublished_When_a_page_is_saved_and_published()
    {
        var key = Guid.NewGuid();
        var published = await _recorder.ExpectOneAsync<ContentPublishedNotification>(_services, Editor, key,
            () => Succeeds(Content.SaveAndPublishAsync(Command(key, "Sommerfest"), Editor)));
        Assert.That(published.Created, Is.True);
    }

    [Test]
    public async Task Raises_ContentPublished_When_the_saved_draft_is_published_as_it_is()
    {
        var key = await DraftAsync("Herbstprogramm");
        var published = await _recorder.ExpectOneAsync<ContentPublishedNotification>(_services, Editor, key,
            () => Succeeds(Content.PublishAsync(key, Editor)));
        Assert.That(published.Created, Is.False);
    }

    [Test]
    public async Task Raises_ContentUnpublished_When_a_published_page_is_taken_offline()
    {
        var key = await PublishedAsync("Winteraktion");
        await _recorder.ExpectOneAsync<ContentUnpublishedNotification>(_services, Editor, key, () => Succeeds(Content.UnpublishAsync(key, Editor)));
    }

    [Test]
    public async Task Raises_ContentRolledBack_with_the_new_version_When_an_old_version_is_restored()
    {
        var key = Guid.NewGuid();
        _recorder.Clear();
        await Succeeds(Content.SaveAsync(Command(key, "Fassung eins"), Editor));
        var first = _recorder.Received.OfType<ContentSavedNotification>().Single().VersionId;
        await Succeeds(Content.SaveAsync(Command(key, "Fassung zwei"), Editor));

        var rolledBack = await _recorder.ExpectOneAsync<ContentRolledBackNotification>(_services, Editor, key,
            () => Succeeds(Content.RollbackAsync(key, first, Editor)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rolledBack.Name, Is.EqualTo("Fassung eins"));
            Assert.That(rolledBack.VersionId, Is.GreaterThan(first));
        }
    }

    [Test]
    public async Task Raises_ContentMoved_with_old_and_new_parent_When_a_page_is_moved()
    {
        var target = await PublishedAsync("Ziel der Verschiebung");
        var key = await PublishedAsync("Wandernde Seite");
        var moved = await _recorder.ExpectOneAsync<ContentMovedNotification>(_services, Editor, key,
            () => Succeeds(Structure.MoveAsync(key, target, Editor)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(moved.OldParentKey, Is.EqualTo(Home));
            Assert.That(moved.NewParentKey, Is.EqualTo(target));
            Assert.That(moved.Details, Does.Contain("Ziel der Verschiebung"));
        }
    }

    [Test]
    public async Task Raises_ContentSorted_for_the_parent_When_its_children_are_sorted()
    {
        var parent = await PublishedAsync("Sortierte Liste");
        var first = await PublishedAsync("Erster Punkt", parent);
        var second = await PublishedAsync("Zweiter Punkt", parent);
        var sorted = await _recorder.ExpectOneAsync<ContentSortedNotification>(_services, Editor, parent,
            () => Succeeds(Structure.SortAsync(parent, [second, first], Editor)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sorted.Name, Is.EqualTo("Sortierte Liste"));
            Assert.That(sorted.Details, Does.EndWith("Zweiter Punkt, Erster Punkt"));
        }
    }

    [Test]
    public async Task Raises_ContentTrashed_then_ContentRestored_When_a_page_goes_to_the_recycle_bin_and_back()
    {
        var key = await PublishedAsync("Papierkorb hin und zurück");
        await _recorder.ExpectOneAsync<ContentTrashedNotification>(_services, Editor, key, () => Succeeds(Structure.TrashAsync(key, Editor)));
        await _recorder.ExpectOneAsync<ContentRestoredNotification>(_services, Editor, key, () => Succeeds(Structure.RestoreAsync(key, Editor)));
    }

    [Test]
    public async Task Raises_ContentDeleted_and_removes_the_page_When_it_is_deleted_from_the_recycle_bin()
    {
        var key = await PublishedAsync("Endgültig weg");
        await Succeeds(Structure.TrashAsync(key, Editor));
        await _recorder.ExpectOneAsync<ContentDeletedNotification>(_services, Editor, key, () => Succeeds(Structure.DeleteAsync(key, Editor)));

        await using var db = await DbAsync();
        Assert.That(await db.ContentNodes.AnyAsync(n => n.Key == key), Is.False);
    }

    [Test]
    public async Task Raises_ContentScheduleChanged_When_a_publish_is_planned_and_cancelled()
    {
        var key = await DraftAsync("Geplante Seite");
        var planned = await _recorder.ExpectOneAsync<ContentScheduleChangedNotification>(_services, Editor, key,
            () => Succeeds(Schedules.ScheduleAsync(key, ContentScheduleAction.Release, DateTime.UtcNow.AddDays(3), Editor)));
        var schedule = (await Schedules.ForContentAsync(key)).Single();
        var cancelled = await _recorder.ExpectOneAsync<ContentScheduleChangedNotification>(_services, Editor, key,
            () => Succeeds(Schedules.CancelAsync(key, schedule.Id, Editor)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(planned.Release, Is.True);
            Assert.That(planned.AuditAction, Is.EqualTo(AuditActions.SchedulePublish));
            Assert.That(cancelled.Release, Is.True);
            Assert.That(await Schedules.ForContentAsync(key), Is.Empty);
        }
    }

    [Test]
    public async Task Raises_ContentPublished_by_the_system_and_removes_the_schedule_When_a_due_publish_is_processed()
    {
        var key = await DraftAsync("Fällige Veröffentlichung");
        await using (var db = await DbAsync())
        {
            db.ContentSchedules.Add(new ContentSchedule { ContentKey = key, Action = ContentScheduleAction.Release, Date = DateTime.UtcNow.AddMinutes(-1), CreatedBy = Editor.UserName });
            await db.SaveChangesAsync();
        }

        var applied = 0;
        await _recorder.ExpectOneAsync<ContentPublishedNotification>(_services, Actor.System, key, async () => applied = await Schedules.ProcessDueAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied, Is.EqualTo(1));
            Assert.That(await Schedules.ForContentAsync(key), Is.Empty);
            Assert.That((await _services.GetRequiredService<ContentQueryService>().GetAsync(key))!.Value.Node.IsPublished, Is.True);
        }
    }

    [Test]
    public async Task Raises_nothing_and_writes_no_audit_line_When_an_operation_is_refused()
    {
        var key = await PublishedAsync("Nicht im Papierkorb");
        _recorder.Clear();
        var result = await Structure.DeleteAsync(key, Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Success, Is.False);
            Assert.That(_recorder.Received, Is.Empty);
            Assert.That((await _services.GetRequiredService<AuditService>().ForEntityAsync(key)).Select(a => a.Action),
                Is.EqualTo(new[] { AuditActions.Publish }));
        }
    }

    private static SaveContentCommand Command(Guid key, string name, Guid? parent = null) =>
        new(key, parent ?? Home, "contentPage", name, new Dictionary<string, string?> { ["headline"] = name });

    private static async Task Succeeds(Task<ContentOperationResult> operation)
    {
        var result = await operation;
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task<Guid> DraftAsync(string name)
    {
        var key = Guid.NewGuid();
        await Succeeds(Content.SaveAsync(Command(key, name), Editor));
        return key;
    }

    private async Task<Guid> PublishedAsync(string name, Guid? parent = null)
    {
        var key = Guid.NewGuid();
        await Succeeds(Content.SaveAndPublishAsync(Command(key, name, parent), Editor));
        return key;
    }

    private async Task<CmsDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
}
