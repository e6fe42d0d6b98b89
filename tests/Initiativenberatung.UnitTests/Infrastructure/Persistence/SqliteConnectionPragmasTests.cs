using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.UnitTests.Infrastructure.Persistence;

public sealed class SqliteConnectionPragmasTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "ib-pragmas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Sets_the_busy_timeout_When_a_context_opens_its_connection(bool async)
    {
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, $"Data Source={Path.Combine(_root, "test.db")}");
        await using var db = new CmsDbContext(builder.Options);

        if (async)
        {
            await db.Database.OpenConnectionAsync();
        }
        else
        {
            db.Database.OpenConnection();
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        var value = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(value, Is.EqualTo(SqliteConnectionPragmas.DefaultBusyTimeoutMilliseconds));
    }

    [Test]
    public async Task Lets_a_second_writer_wait_for_the_lock_When_another_transaction_holds_it()
    {
        var connectionString = $"Data Source={Path.Combine(_root, "test.db")}";
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, connectionString);
        await using (var setup = new CmsDbContext(builder.Options))
        {
            await setup.Database.ExecuteSqlRawAsync("CREATE TABLE t (v INTEGER); PRAGMA journal_mode=WAL;");
        }

        await using var holder = new CmsDbContext(builder.Options);
        await holder.Database.OpenConnectionAsync();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (1);");

        await using var waiter = new CmsDbContext(builder.Options);
        // Microsoft.Data.Sqlite runs "async" commands synchronously: the waiting writer needs its own thread.
        var write = Task.Run(() => waiter.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (2);"));
        await Task.Delay(200);
        await transaction.CommitAsync();

        Assert.That(await write, Is.EqualTo(1));
        Assert.That(await waiter.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM t").SingleAsync(), Is.EqualTo(2));
    }
}
