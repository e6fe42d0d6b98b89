using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Initiativenberatung.IntegrationTests.Persistence;

/// <summary>The PostgreSQL migration fills the case-folded search text of existing entries like the application does, and the search finds them.</summary>
[TestFixture]
[NonParallelizable]
public sealed class FormEntrySearchPostgreSqlTests
{
    [Test]
    public async Task Fills_the_search_text_like_the_application_and_finds_any_case_When_the_migration_runs_on_PostgreSql()
    {
        var connectionString = await PostgreSqlTestRun.Server.CreateDatabaseAsync("search");
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        PostgreSqlPersistence.Configure(options, connectionString);
        var answers = new[]
        {
            KeyValuePair.Create("fachbereich", new FormEntryValue("Fachbereich", ["Übergänge"])),
            KeyValuePair.Create("initiativen", new FormEntryValue("Initiativen", ["ΣΟΦΙΑ", "Straße", "ﬁnden"])),
        };
        await using (var db = new CmsDbContext(options.Options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
            var json = FormEntryValues.Serialize(answers);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"FormEntries\" (\"FormKey\", \"SubmittedOn\", \"State\", \"ValuesJson\") VALUES ({Guid.NewGuid()}, {DateTime.UtcNow}, 0, {json})");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"FormEntries\" (\"FormKey\", \"SubmittedOn\", \"State\", \"ValuesJson\") VALUES ({Guid.NewGuid()}, {DateTime.UtcNow}, 0, {"kein JSON"})");
            await db.Database.MigrateAsync();
        }

        await using var after = new CmsDbContext(options.Options);
        var texts = await after.FormEntries.OrderBy(e => e.Id).Select(e => e.SearchText).ToListAsync();
        var found = await after.FormEntries.CountAsync(e => e.SearchText.Contains(FormEntrySearch.Fold("ÜBERGÄNGE")));
        var foundSs = await after.FormEntries.CountAsync(e => e.SearchText.Contains(FormEntrySearch.Fold("STRASSE")));
        NpgsqlConnection.ClearAllPools();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts[0].Split('\n'), Is.EquivalentTo(FormEntrySearch.TextOf(answers).Split('\n')));
            Assert.That(texts[1], Is.Empty);
            Assert.That(found, Is.EqualTo(1));
            Assert.That(foundSs, Is.EqualTo(1));
        }
    }
}
