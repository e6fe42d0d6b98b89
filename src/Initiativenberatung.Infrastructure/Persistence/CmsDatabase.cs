using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Persistence;

/// <summary>The database as a whole: bringing its schema up to date before anything else uses it (start, command line).</summary>
public sealed class CmsDatabase(IDbContextFactory<CmsDbContext> dbFactory)
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Applies pending migrations and switches SQLite to write-ahead logging (persistent per file).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // MigrateAsync also diffs the model against the migrations' snapshot (EF Core 9+), which costs a second model
        // build on every start; asking for pending migrations first keeps a start on an up-to-date database cheap.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (string.Equals(db.Database.ProviderName, SqliteProvider, StringComparison.Ordinal))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Whether the database holds no schema yet: the first boot, which imports everything from uSync.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await db.ContentTypes.AnyAsync(cancellationToken);
    }
}
