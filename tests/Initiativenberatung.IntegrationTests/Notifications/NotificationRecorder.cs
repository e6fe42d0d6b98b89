using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Notifications;

/// <summary>
/// An extra subscriber of every audited notification, registered next to the real ones: what a service raised after its
/// commit, and how many times the dispatcher called the subscriber (once per unit of work).
/// </summary>
internal sealed class NotificationRecorder : INotificationHandler<IAuditedNotification>
{
    private readonly List<IAuditedNotification> _received = [];

    public IReadOnlyList<IAuditedNotification> Received => _received;

    public int Calls { get; private set; }

    public Task HandleAsync(IReadOnlyList<IAuditedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        Calls++;
        _received.AddRange(notifications);
        return Task.CompletedTask;
    }

    public void Clear()
    {
        Calls = 0;
        _received.Clear();
    }

    /// <summary>The site of <paramref name="factory"/> with this recorder subscribed.</summary>
    public WebApplicationFactory<Program> Subscribe(CmsWebApplicationFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton<INotificationHandler<IAuditedNotification>>(this)));

    /// <summary>
    /// Runs <paramref name="operation"/> and asserts that it raised exactly one notification, a <typeparamref name="T"/> by
    /// <paramref name="actor"/> about <paramref name="key"/>, and that the audit trail of the key got exactly one line for it.
    /// </summary>
    public async Task<T> ExpectOneAsync<T>(IServiceProvider services, Actor actor, Guid key, Func<Task> operation)
        where T : ChangeNotification
    {
        var audit = services.GetRequiredService<AuditService>();
        var before = (await audit.ForEntityAsync(key)).Count;
        Clear();
        await operation();
        var lines = await audit.ForEntityAsync(key);
        Assert.That(Received, Has.Count.EqualTo(1), () => "raised: " + string.Join(", ", Received.Select(n => n.GetType().Name)));
        var notification = Received[0] as T;
        Assert.That(notification, Is.Not.Null, () => $"expected {typeof(T).Name}, got {Received[0].GetType().Name}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Calls, Is.EqualTo(1), "the subscriber is called once per unit of work");
            Assert.That(notification!.Actor, Is.EqualTo(actor));
            Assert.That(notification.EntityKey, Is.EqualTo(key));
            Assert.That(notification.EntityName, Is.Not.Empty);
            Assert.That(lines, Has.Count.EqualTo(before + 1), "exactly one audit line per operation");
            Assert.That(lines[0].Action, Is.EqualTo(notification.AuditAction));
            Assert.That(lines[0].EntityType, Is.EqualTo(notification.EntityType));
            Assert.That(lines[0].EntityName, Is.EqualTo(notification.EntityName));
            Assert.That(lines[0].UserName, Is.EqualTo(actor.UserName));
            Assert.That(lines[0].Details, Is.EqualTo(notification.Details));
        }

        return notification;
    }
}
