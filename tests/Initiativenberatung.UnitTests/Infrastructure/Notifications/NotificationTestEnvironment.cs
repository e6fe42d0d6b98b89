using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.UnitTests.Infrastructure.Notifications;

/// <summary>
/// A real SQLite database in a temp file with the unit of work, the audit subscriber and recording subscribers: what a
/// service does with a unit, the tests do by hand.
/// </summary>
public sealed class NotificationTestEnvironment : IDisposable
{
    private readonly DbContextOptions<CmsDbContext> _options;
    private readonly string _root;

    public NotificationTestEnvironment(Action<IServiceCollection>? configure = null)
    {
        _root = Path.Combine(Path.GetTempPath(), "notification-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, $"Data Source={Path.Combine(_root, "test.db")};Pooling=False");
        _options = builder.Options;
        using (var db = new CmsDbContext(_options))
        {
            db.Database.Migrate();
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IDbContextFactory<CmsDbContext>>(new TestDbFactory(_options))
            .AddSingleton<AuditService>()
            .AddCmsNotifications()
            .AddInTransactionNotificationHandler<IAuditedNotification, AuditTrailWriter>()
            .AddNotificationHandler<IPublishedStateNotification, RecordingSubscriber<IPublishedStateNotification>>()
            .AddNotificationHandler<ContentPublishedNotification, RecordingSubscriber<ContentPublishedNotification>>();
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider();
    }

    public ServiceProvider Provider { get; }

    public CmsUnitOfWorkFactory Units => Provider.GetRequiredService<CmsUnitOfWorkFactory>();

    public RecordingSubscriber<IPublishedStateNotification> PublishedState => Provider.GetRequiredService<RecordingSubscriber<IPublishedStateNotification>>();

    public RecordingSubscriber<ContentPublishedNotification> Published => Provider.GetRequiredService<RecordingSubscriber<ContentPublishedNotification>>();

    public static Actor Editor { get; } = new("user-1", "redaktion@example.org");

    public CmsDbContext CreateDb() => new(_options);

    public static DataType NewDataType(string name) => new() { Key = Guid.NewGuid(), Name = name, EditorAlias = "Umbraco.TextBox" };

    public static ContentPublishedNotification PublishedNotification(DataType item) => new(Editor, item.Key, item.Name, "Veröffentlicht", Created: true, VersionId: 1);

    /// <summary>The rows a fresh context sees: committed data only.</summary>
    public (int DataTypes, int AuditEntries) Committed()
    {
        using var db = CreateDb();
        return (db.DataTypes.Count(), db.AuditEntries.Count());
    }

    public void Dispose()
    {
        Provider.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class TestDbFactory(DbContextOptions<CmsDbContext> options) : IDbContextFactory<CmsDbContext>
    {
        public CmsDbContext CreateDbContext() => new(options);
    }
}

/// <summary>An in-memory subscriber: records every call with the notifications it got.</summary>
public sealed class RecordingSubscriber<T> : INotificationHandler<T>
    where T : INotification
{
    private readonly List<IReadOnlyList<T>> _calls = [];

    public IReadOnlyList<IReadOnlyList<T>> Calls => _calls;

    public Func<IReadOnlyList<T>, NotificationContext, Task>? OnHandle { get; set; }

    public async Task HandleAsync(IReadOnlyList<T> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        _calls.Add(notifications);
        if (OnHandle is { } handle)
        {
            await handle(notifications, context);
        }
    }
}
