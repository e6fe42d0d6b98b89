using Initiativenberatung.Core.Notifications;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

/// <summary>An in-memory subscriber: keeps every notification of its type that was published after a commit.</summary>
public sealed class NotificationRecorder<T> : INotificationHandler<T>
    where T : INotification
{
    public List<T> Received { get; } = [];

    public Task HandleAsync(IReadOnlyList<T> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        Received.AddRange(notifications);
        return Task.CompletedTask;
    }
}
