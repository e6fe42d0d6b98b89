using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Persistence;

/// <summary>The database as a whole: bringing its schema up to date before anything else uses it (command line).</summary>
public sealed class CmsDatabase(IDbContextFactory<CmsDbContext> dbFactory)
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Applies pending migrations and switches SQLite to write-ahead logging (persistent per file).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (string.Equals(db.Database.ProviderName, SqliteProvider, StringComparison.Ordinal))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
