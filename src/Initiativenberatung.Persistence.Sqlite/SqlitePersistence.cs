using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Initiativenberatung.Persistence.Sqlite;

/// <summary>The embedded default: SQLite in WAL mode, migrations in this assembly.</summary>
public static class SqlitePersistence
{
    public const string ProviderName = "Sqlite";

    private static readonly SqliteConnectionPragmas Pragmas = new(SqliteConnectionPragmas.DefaultBusyTimeoutMilliseconds);

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqlitePersistence).Assembly.GetName().Name))
            .AddInterceptors(Pragmas, SqliteIndexHintInterceptor.Instance);

    /// <summary>Creates the folder of the database file, so <c>Data Source=App_Data/x.db</c> works on a fresh clone.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Switches a SQLite database to write-ahead logging (persistent per file); does nothing on other providers.</summary>
    public static async Task EnableWalAsync(CmsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Used by <c>dotnet ef migrations add</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, "Data Source=design-time.db");
        return new CmsDbContext(builder.Options);
    }
}
