using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.UnitTests.Infrastructure.Notifications;

public sealed class CmsUnitOfWorkTests
{
    [Test]
    public async Task Commits_the_change_with_its_audit_line_and_then_notifies_When_the_unit_completes()
    {
        using var env = new NotificationTestEnvironment();
        var item = NotificationTestEnvironment.NewDataType("Text");

        await using (var unit = env.Units.Begin())
        {
            unit.Db.DataTypes.Add(item);
            unit.Notify(NotificationTestEnvironment.PublishedNotification(item));
            await unit.CompleteAsync();
        }

        Assert.That(env.Committed(), Is.EqualTo((1, 1)));
        using var db = env.CreateDb();
        var line = db.AuditEntries.Single();
        Assert.Multiple(() =>
        {
            Assert.That((line.Action, line.EntityType, line.EntityKey, line.EntityName, line.UserName, line.Details),
                Is.EqualTo(("Publish", "Document", (Guid?)item.Key, "Text", "redaktion@example.org", "Veröffentlicht")));
            Assert.That(env.Published.Calls, Has.Count.EqualTo(1));
            Assert.That(env.Published.Calls[0].Single().EntityKey, Is.EqualTo(item.Key));
        });
    }

    [Test]
    public async Task Stores_nothing_and_notifies_nobody_When_the_unit_is_disposed_without_completing()
    {
        using var env = new NotificationTestEnvironment();
        var item = NotificationTestEnvironment.NewDataType("Text");

        await using (var unit = env.Units.Begin())
        {
            unit.Db.DataTypes.Add(item);
            await unit.SaveChangesAsync();
            unit.Notify(NotificationTestEnvironment.PublishedNotification(item));
        }

        Assert.That(env.Committed(), Is.EqualTo((0, 0)));
        Assert.That(env.Published.Calls, Is.Empty);
    }

    [Test]
    public async Task Rolls_back_the_change_When_an_in_transaction_subscriber_fails()
    {
        using var env = new NotificationTestEnvironment(services =>
            services.AddInTransactionNotificationHandler<ContentPublishedNotification, FailingAuditSubscriber>());
        var item = NotificationTestEnvironment.NewDataType("Text");

        await using (var unit = env.Units.Begin())
        {
            unit.Db.DataTypes.Add(item);
            unit.Notify(NotificationTestEnvironment.PublishedNotification(item));
            Assert.ThrowsAsync<InvalidOperationException>(() => unit.CompleteAsync());
        }

        Assert.That(env.Committed(), Is.EqualTo((0, 0)));
        Assert.That(env.Published.Calls, Is.Empty);
    }

    [Test]
    public async Task Calls_each_subscription_once_with_all_matching_notifications_When_a_unit_raises_several()
    {
        using var env = new NotificationTestEnvironment();
        var first = NotificationTestEnvironment.NewDataType("Eins");
        var second = NotificationTestEnvironment.NewDataType("Zwei");
        var actor = NotificationTestEnvironment.Editor;

        await using (var unit = env.Units.Begin())
        {
            unit.Notify(NotificationTestEnvironment.PublishedNotification(first));
            unit.Notify(new MediaTrashedNotification(actor, Guid.NewGuid(), "Logo", null));
            unit.Notify(new ContentSavedNotification(actor, Guid.NewGuid(), "Entwurf", null, Created: false, VersionId: 3));
            unit.Notify(NotificationTestEnvironment.PublishedNotification(second));
            await unit.CompleteAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(env.PublishedState.Calls, Has.Count.EqualTo(1), "one snapshot rebuild per unit of work");
            Assert.That(env.PublishedState.Calls[0].Select(n => n.GetType().Name),
                Is.EqualTo(new[] { "ContentPublishedNotification", "MediaTrashedNotification", "ContentPublishedNotification" }));
            Assert.That(env.Published.Calls.Single().Select(n => n.EntityName), Is.EqualTo(new[] { "Eins", "Zwei" }));
            Assert.That(env.Committed().AuditEntries, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Joins_the_outer_unit_and_notifies_after_the_outer_commit_When_a_unit_starts_inside_another()
    {
        using var env = new NotificationTestEnvironment();
        var item = NotificationTestEnvironment.NewDataType("Text");

        await using (var outer = env.Units.Begin())
        {
            await outer.BeginTransactionAsync();
            await using (var inner = env.Units.Begin())
            {
                Assert.That(inner.IsNested, Is.True);
                Assert.That(inner.Db, Is.SameAs(outer.Db));
                inner.Db.DataTypes.Add(item);
                inner.Notify(NotificationTestEnvironment.PublishedNotification(item));
                Assert.That(await inner.CompleteAsync(), Is.Empty);
            }

            Assert.That(env.Published.Calls, Is.Empty, "nested: nothing is published before the outer commit");
            await outer.CompleteAsync();
        }

        Assert.That(env.Committed(), Is.EqualTo((1, 1)));
        Assert.That(env.Published.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Dooms_the_outer_unit_When_a_nested_unit_wrote_and_did_not_complete()
    {
        using var env = new NotificationTestEnvironment();

        await using (var outer = env.Units.Begin())
        {
            outer.Db.DataTypes.Add(NotificationTestEnvironment.NewDataType("Vorher"));
            await outer.SaveChangesAsync();
            await using (var inner = env.Units.Begin())
            {
                inner.Db.DataTypes.Add(NotificationTestEnvironment.NewDataType("Halb"));
                await inner.SaveChangesAsync();
            }

            var error = Assert.ThrowsAsync<InvalidOperationException>(() => outer.CompleteAsync());
            Assert.That(error!.Message, Does.Contain("nichts wurde gespeichert"));
        }

        Assert.That(env.Committed(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Dooms_the_outer_unit_When_a_nested_caller_saved_the_context_itself_and_did_not_complete()
    {
        using var env = new NotificationTestEnvironment();

        await using (var outer = env.Units.Begin())
        {
            await outer.BeginTransactionAsync();
            await using (var inner = env.Units.Begin())
            {
                inner.Db.DataTypes.Add(NotificationTestEnvironment.NewDataType("Direkt gespeichert"));
                await inner.Db.SaveChangesAsync();
            }

            Assert.ThrowsAsync<InvalidOperationException>(() => outer.CompleteAsync());
        }

        Assert.That(env.Committed(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Keeps_the_outer_unit_When_a_nested_unit_returns_early_without_writing()
    {
        using var env = new NotificationTestEnvironment();

        await using (var outer = env.Units.Begin())
        {
            outer.Db.DataTypes.Add(NotificationTestEnvironment.NewDataType("Bleibt"));
            await outer.SaveChangesAsync();
            await using (var inner = env.Units.Begin())
            {
                _ = await inner.Db.DataTypes.AsNoTracking().CountAsync();
            }

            await outer.CompleteAsync();
        }

        Assert.That(env.Committed().DataTypes, Is.EqualTo(1));
    }

    [Test]
    public async Task Starts_a_unit_of_its_own_When_the_previous_unit_of_the_flow_completed()
    {
        using var env = new NotificationTestEnvironment();

        await using (var first = env.Units.Begin())
        {
            first.Db.DataTypes.Add(NotificationTestEnvironment.NewDataType("Eins"));
            await first.CompleteAsync();
        }

        await using var second = env.Units.Begin();

        Assert.That(second.IsNested, Is.False);
    }

    [Test]
    public async Task Keeps_the_change_and_returns_a_German_note_When_an_after_commit_subscriber_fails()
    {
        using var env = new NotificationTestEnvironment();
        env.Published.OnHandle = (_, _) => throw new IOException("Datenträger voll");
        var item = NotificationTestEnvironment.NewDataType("Text");

        IReadOnlyList<string> notes;
        await using (var unit = env.Units.Begin())
        {
            unit.Db.DataTypes.Add(item);
            unit.Notify(NotificationTestEnvironment.PublishedNotification(item));
            notes = await unit.CompleteAsync();
        }

        Assert.That(env.Committed(), Is.EqualTo((1, 1)));
        Assert.That(notes, Is.EqualTo(new[] { "Gespeichert, aber ein Folgeschritt ist fehlgeschlagen: Datenträger voll" }));
        Assert.That(env.PublishedState.Calls, Has.Count.EqualTo(1), "the other subscribers still run");
    }

    [Test]
    public async Task Returns_the_subscribers_notes_When_the_unit_completes()
    {
        using var env = new NotificationTestEnvironment();
        env.PublishedState.OnHandle = (_, context) =>
        {
            context.AddMessage("uSync: DataTypes/text.config geschrieben.");
            return Task.CompletedTask;
        };
        var item = NotificationTestEnvironment.NewDataType("Text");

        await using var unit = env.Units.Begin();
        unit.Notify(NotificationTestEnvironment.PublishedNotification(item));
        var notes = await unit.CompleteAsync();

        Assert.That(notes, Is.EqualTo(new[] { "uSync: DataTypes/text.config geschrieben." }));
    }

    [Test]
    public async Task Writes_the_audit_line_in_a_unit_of_its_own_When_a_notification_comes_without_a_change()
    {
        using var env = new NotificationTestEnvironment();

        await env.Units.PublishAsync(new UserSignedInNotification(NotificationTestEnvironment.Editor, "redaktion@example.org", null));

        using var db = env.CreateDb();
        Assert.That(db.AuditEntries.Select(a => a.Action).ToList(), Is.EqualTo(new[] { "Login" }));
    }

    private sealed class FailingAuditSubscriber : IInTransactionNotificationHandler<ContentPublishedNotification>
    {
        public Task HandleAsync(IReadOnlyList<ContentPublishedNotification> notifications, CmsDbContext db, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Audit nicht möglich");
    }
}
