using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.IntegrationTests.Infrastructure;

/// <summary>
/// The real site on a temporary SQLite file and media folder, seeded from the repository's uSync folder
/// on first boot. Counts every SQL command the app sends.
/// </summary>
public sealed class CmsWebApplicationFactory : WebApplicationFactory<Program>
{
    // Every test site watches its configuration files; with inotify that is one instance per watcher, and the user limit
    // (128 by default) runs out when test runs overlap. Polling watchers need none.
    static CmsWebApplicationFactory() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    private readonly string _tempDirectory = Path.Combine(Path.GetTempPath(), "initiativenberatung-it-" + Guid.NewGuid().ToString("N"));

    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>Every log line the site writes (at the configured levels), for anonymity assertions.</summary>
    public CapturedLogs Logs { get; } = new();

    public string TempDirectory => _tempDirectory;

    /// <summary>Extra configuration for this site (set before the first request), e.g. <c>uSync:Settings:RootFolder</c>.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs this site on PostgreSQL (an empty database, migrated and seeded on first boot) instead of the temp SQLite file.</summary>
    public CmsWebApplicationFactory UsePostgreSql(string connectionString)
    {
        Settings["Database:Provider"] = "PostgreSql";
        Settings["ConnectionStrings:Default"] = connectionString;
        return this;
    }

    public static string RepositoryRoot => Initiativenberatung.Testing.RepositoryPaths.Root;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_tempDirectory);
        builder.UseContentRoot(RepositoryRoot);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_tempDirectory, "site.db")}");
        builder.UseSetting("Media:RootPath", Path.Combine(_tempDirectory, "media"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IInterceptor>(SqlCommands);
            services.AddSingleton<IStartupFilter>(new SqlCommandCounter.RequestMarker());
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_tempDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is removed with the temp folder later.
            }
        }
    }
}

/// <summary>Counts SQL commands sent through EF Core (reader, scalar and non-query).</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private const int KeptTexts = 500;
    private static readonly AsyncLocal<bool> InRequest = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();
    private int _count;
    private int _requestCount;

    /// <summary>Commands sent while an HTTP request was being handled (not by background jobs such as scheduled publishing).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Marks the request pipeline, so that <see cref="RequestCount"/> leaves out what background jobs send meanwhile.</summary>
    internal sealed class RequestMarker : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                InRequest.Value = true;
                await following(context);
            });
            next(app);
        };
    }

    /// <summary>The texts of the last commands (at most 500), oldest first.</summary>
    public IReadOnlyList<string> RecentTexts => _texts.ToArray();

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        if (InRequest.Value)
        {
            Interlocked.Increment(ref _requestCount);
        }

        _texts.Enqueue(command.CommandText);
        while (_texts.Count > KeptTexts && _texts.TryDequeue(out _))
        {
        }
    }

    public int Count => Volatile.Read(ref _count);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
