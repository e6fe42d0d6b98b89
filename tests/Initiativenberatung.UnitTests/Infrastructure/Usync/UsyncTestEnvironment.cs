using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Sanitizing;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

/// <summary>A real SQLite database in a temp file, a local media store in a temp folder, and the uSync service on top.</summary>
public sealed class UsyncTestEnvironment : IDisposable
{
    private readonly DbContextOptions<CmsDbContext> _options;

    /// <param name="configure">Adds test subscribers or handlers to the services.</param>
    public UsyncTestEnvironment(Action<IServiceCollection>? configure = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "usync-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, $"Data Source={Path.Combine(Root, "test.db")};Pooling=False");
        _options = builder.Options;
        using (var db = new CmsDbContext(_options))
        {
            db.Database.Migrate();
        }

        Factory = new TestDbFactory(_options);
        MediaStore = new LocalMediaFileStore(Path.Combine(Root, "media"));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Factory)
            .AddSingleton<IMediaFileStore>(MediaStore)
            .AddSingleton<RichTextSanitizer>()
            .AddSingleton<PropertyValueSanitizer>()
            .AddSingleton<PublishedSnapshotService>()
            .AddSingleton<AuditService>()
            .AddSingleton<IPublishedSnapshotAccessor>(sp => sp.GetRequiredService<PublishedSnapshotService>())
            .AddSingleton<ContentService>()
            .AddSingleton<ContentStructureService>()
            .AddSingleton<SchemaService>()
            .AddSingleton<FormBuilderService>()
            .AddSingleton<FormDeletion>()
            .AddSingleton<FormEntryFieldCatalog>()
            .AddSingleton(Options.Create(new MediaOptions()))
            .AddSingleton<MediaService>()
            .AddUsyncImport()
            .AddCmsNotifications()
            .AddInTransactionNotificationHandler<IAuditedNotification, AuditTrailWriter>()
            .AddNotificationHandler<IPublishedStateNotification, PublishedSnapshotRefresher>()
            .AddNotificationHandler<FormDeletedNotification, FormEntryFieldCatalogEviction>();
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider();
        Snapshots = Provider.GetRequiredService<PublishedSnapshotService>();
        Service = Provider.GetRequiredService<UsyncService>();
    }

    /// <summary>The services as the site registers them (with this environment's database and media folder).</summary>
    public ServiceProvider Provider { get; }

    public string Root { get; }

    public IDbContextFactory<CmsDbContext> Factory { get; }

    public LocalMediaFileStore MediaStore { get; }

    public PublishedSnapshotService Snapshots { get; }

    public UsyncService Service { get; }

    public static string RepoRoot => Initiativenberatung.Testing.RepositoryPaths.Root;

    public static string SeedFolder => Path.Combine(RepoRoot, "uSync", "v17");

    public static string V9Folder => Path.Combine(RepoRoot, "tests", "Initiativenberatung.UnitTests", "TestData", "uSync-v9");

    public CmsDbContext CreateDb() => new(_options);

    /// <summary>Copies a folder into this environment's temp root and returns the copy's path.</summary>
    public string CopyFolder(string source, string name)
    {
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public static Dictionary<string, byte[]> ReadAll(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

    public void Dispose()
    {
        Provider.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
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
