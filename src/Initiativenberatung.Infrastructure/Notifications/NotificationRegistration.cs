using Initiativenberatung.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Initiativenberatung.Infrastructure.Notifications;

/// <summary>One subscription: which subscriber listens to which notification (or marker interface), and in which phase.</summary>
public sealed record NotificationSubscription(Type Notification, Type Handler, bool InTransaction);

/// <summary>Every subscription of the application, in registration order (documented in docs/architecture.md).</summary>
public sealed class NotificationSubscriptions
{
    private readonly List<NotificationSubscription> _all = [];

    public IReadOnlyList<NotificationSubscription> All => _all;

    internal void Add(NotificationSubscription subscription) => _all.Add(subscription);
}

public static class NotificationRegistration
{
    /// <summary>The unit of work, the dispatcher and the registry of subscriptions.</summary>
    public static IServiceCollection AddCmsNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<NotificationDispatcher>();
        services.TryAddSingleton<CmsUnitOfWorkFactory>();
        Registry(services);
        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> (a singleton) to <typeparamref name="TNotification"/> after the commit.</summary>
    public static IServiceCollection AddNotificationHandler<TNotification, THandler>(this IServiceCollection services)
        where TNotification : INotification
        where THandler : class, INotificationHandler<TNotification>
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton<INotificationHandler<TNotification>>(sp => sp.GetRequiredService<THandler>());
        Registry(services).Add(new NotificationSubscription(typeof(TNotification), typeof(THandler), InTransaction: false));
        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TNotification"/> inside the unit of work.</summary>
    public static IServiceCollection AddInTransactionNotificationHandler<TNotification, THandler>(this IServiceCollection services)
        where TNotification : INotification
        where THandler : class, IInTransactionNotificationHandler<TNotification>
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton<IInTransactionNotificationHandler<TNotification>>(sp => sp.GetRequiredService<THandler>());
        Registry(services).Add(new NotificationSubscription(typeof(TNotification), typeof(THandler), InTransaction: true));
        return services;
    }

    private static NotificationSubscriptions Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(NotificationSubscriptions))?.ImplementationInstance is NotificationSubscriptions existing)
        {
            return existing;
        }

        var registry = new NotificationSubscriptions();
        services.AddSingleton(registry);
        return registry;
    }
}
