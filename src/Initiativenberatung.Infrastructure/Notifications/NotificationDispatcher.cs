using System.Collections.Concurrent;
using System.Reflection;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Notifications;

/// <summary>
/// A subscriber that writes inside the unit of work, before the commit: what it adds commits with the change or not at
/// all. Only the audit trail subscribes this way.
/// </summary>
public interface IInTransactionNotificationHandler<T>
    where T : INotification
{
    Task HandleAsync(IReadOnlyList<T> notifications, CmsDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Hands a unit of work's notifications to the subscribers registered for their type or for a marker interface they
/// implement (<see cref="IPublishedStateNotification"/>, <see cref="IAuditedNotification"/>, …): each subscription once,
/// with all matching notifications, in the order the notifications were raised.
/// </summary>
public sealed class NotificationDispatcher(IServiceProvider services, ILogger<NotificationDispatcher> logger)
{
    private static readonly ConcurrentDictionary<Type, Type[]> SubscriptionTypes = new();
    private static readonly ConcurrentDictionary<Type, AfterCommitInvoker> AfterCommitInvokers = new();
    private static readonly ConcurrentDictionary<Type, InTransactionInvoker> InTransactionInvokers = new();

    private delegate Task AfterCommitInvoker(object handler, IReadOnlyList<INotification> notifications, NotificationContext context, CancellationToken cancellationToken);

    private delegate Task InTransactionInvoker(object handler, IReadOnlyList<INotification> notifications, CmsDbContext db, CancellationToken cancellationToken);

    internal async Task DispatchInTransactionAsync(IReadOnlyList<INotification> notifications, CmsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (type, matching) in Group(notifications))
        {
            var handlerType = typeof(IInTransactionNotificationHandler<>).MakeGenericType(type);
            var invoke = InTransactionInvokers.GetOrAdd(type, t => Invoker<InTransactionInvoker>(nameof(InvokeInTransactionAsync), t));
            foreach (var handler in services.GetServices(handlerType))
            {
                await invoke(handler!, matching, db, cancellationToken);
            }
        }
    }

    /// <summary>Runs the subscribers after the commit; returns their notes. A failure is logged and noted, never thrown.</summary>
    public async Task<IReadOnlyList<string>> DispatchAsync(IReadOnlyList<INotification> notifications, CancellationToken cancellationToken = default)
    {
        var context = new NotificationContext();
        foreach (var (type, matching) in Group(notifications))
        {
            var handlerType = typeof(INotificationHandler<>).MakeGenericType(type);
            var invoke = AfterCommitInvokers.GetOrAdd(type, t => Invoker<AfterCommitInvoker>(nameof(InvokeAfterCommitAsync), t));
            foreach (var handler in services.GetServices(handlerType))
            {
                try
                {
                    await invoke(handler!, matching, context, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Folgeschritt {Handler} nach {Notification} ist fehlgeschlagen.", handler!.GetType().Name, type.Name);
                    context.AddMessage(Messages.Get("Notifications.FollowUpFailed", ex.Message));
                }
            }
        }

        return context.Messages;
    }

    /// <summary>Publishes notifications that come with no database change (a new published snapshot, the start).</summary>
    public Task<IReadOnlyList<string>> PublishAsync(INotification notification, CancellationToken cancellationToken = default) =>
        DispatchAsync([notification], cancellationToken);

    /// <summary>Each subscription type (the notification's own type and its notification interfaces) with its notifications.</summary>
    private static List<(Type Type, IReadOnlyList<INotification> Matching)> Group(IReadOnlyList<INotification> notifications)
    {
        var groups = new List<(Type, IReadOnlyList<INotification>)>();
        var seen = new HashSet<Type>();
        foreach (var notification in notifications)
        {
            foreach (var type in SubscriptionTypes.GetOrAdd(notification.GetType(), SubscriptionTypesOf))
            {
                if (seen.Add(type))
                {
                    groups.Add((type, notifications.Where(type.IsInstanceOfType).ToList()));
                }
            }
        }

        return groups;
    }

    /// <summary>A typed call of the subscriber for one notification type (built once per type, no reflection per call).</summary>
    private static TDelegate Invoker<TDelegate>(string method, Type notificationType)
        where TDelegate : Delegate =>
        typeof(NotificationDispatcher).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(notificationType).CreateDelegate<TDelegate>();

    private static Type[] SubscriptionTypesOf(Type type) =>
        [type, .. type.GetInterfaces().Where(i => i != typeof(INotification) && typeof(INotification).IsAssignableFrom(i))];

    private static Task InvokeAfterCommitAsync<T>(object handler, IReadOnlyList<INotification> notifications, NotificationContext context, CancellationToken cancellationToken)
        where T : INotification =>
        ((INotificationHandler<T>)handler).HandleAsync([.. notifications.Cast<T>()], context, cancellationToken);

    private static Task InvokeInTransactionAsync<T>(object handler, IReadOnlyList<INotification> notifications, CmsDbContext db, CancellationToken cancellationToken)
        where T : INotification =>
        ((IInTransactionNotificationHandler<T>)handler).HandleAsync([.. notifications.Cast<T>()], db, cancellationToken);
}
