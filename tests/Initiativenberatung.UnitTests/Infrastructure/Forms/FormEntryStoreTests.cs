using System.Data.Common;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms;

public sealed class FormEntryStoreTests
{
    private static readonly Guid FormKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");
    private string _root = null!;
    private DbContextOptions<CmsDbContext> _options = null!;
    private readonly CommandLog _commands = new();
    private readonly SettableClock _clock = new();

    [SetUp]
    public void SetUp()
    {
        _commands.Texts.Clear();
        _root = Path.Combine(Path.GetTempPath(), "ib-forms-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, $"Data Source={Path.Combine(_root, "test.db")}");
        builder.AddInterceptors(_commands);
        _options = builder.Options;
        using var db = new CmsDbContext(_options);
        db.Database.Migrate();
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private FormEntryStore Store(string precision = "Day") =>
        new(new Factory(_options), Options.Create(new FormsOptions { SubmittedAtPrecision = precision }), _clock, new FormEntryFieldCatalog(new Factory(_options)));

    private static FormDefinition Form(SubmittedAtPrecision? precision = null) => new() { Key = FormKey, Alias = "umfrage", SubmittedAtPrecision = precision };

    private static KeyValuePair<string, FormEntryValue>[] Answer(string text) => [KeyValuePair.Create("text", new FormEntryValue("Ihr Text", [text]))];

    [Test]
    public async Task Stores_the_day_only_and_the_caption_with_the_values_When_an_entry_is_appended()
    {
        _clock.Now = new DateTimeOffset(2026, 5, 17, 14, 33, 12, TimeSpan.Zero);

        var entry = await Store().AppendAsync(Form(), Answer("Hallo"));

        await using var db = new CmsDbContext(_options);
        var stored = await db.FormEntries.SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Id, Is.GreaterThan(0));
            Assert.That(stored.SubmittedOn, Is.EqualTo(new DateTime(2026, 5, 17, 0, 0, 0)));
            Assert.That(stored.State, Is.EqualTo(FormEntryState.Submitted));
            Assert.That(FormEntryValues.Deserialize(stored.ValuesJson)["text"].Caption, Is.EqualTo("Ihr Text"));
            Assert.That(FormEntryValues.Deserialize(stored.ValuesJson)["text"].Values, Is.EqualTo(new[] { "Hallo" }));
        });
    }

    [TestCase("Hour", null, "2026-05-17T14:00:00")]
    [TestCase("Second", null, "2026-05-17T14:33:12")]
    [TestCase("Second", SubmittedAtPrecision.Day, "2026-05-17T00:00:00")]
    public async Task Uses_the_form_precision_before_the_site_default_When_the_time_is_stored(string siteDefault, SubmittedAtPrecision? formPrecision, string expected)
    {
        _clock.Now = new DateTimeOffset(2026, 5, 17, 14, 33, 12, 456, TimeSpan.Zero);

        var entry = await Store(siteDefault).AppendAsync(Form(formPrecision), Answer("x"));

        Assert.That(entry.SubmittedOn, Is.EqualTo(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Sets_synchronous_FULL_on_the_connection_before_inserting_When_an_entry_is_appended()
    {
        await Store().AppendAsync(Form(), Answer("x"));

        var pragma = _commands.Texts.FindIndex(t => t.Contains("PRAGMA synchronous=FULL", StringComparison.Ordinal));
        var insert = _commands.Texts.FindIndex(t => t.Contains("INSERT INTO \"FormEntries\"", StringComparison.Ordinal));
        Assert.That(pragma, Is.GreaterThanOrEqualTo(0).And.LessThan(insert), string.Join("\n", _commands.Texts));
    }

    [Test]
    public async Task Commits_every_entry_once_with_its_own_id_When_100_entries_are_appended_concurrently()
    {
        await using var store = Store();

        var appended = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => store.AppendAsync(Form(), Answer($"Antwort {i}")))));

        await using var db = new CmsDbContext(_options);
        var stored = await db.FormEntries.AsNoTracking().ToDictionaryAsync(e => e.Id, e => FormEntryValues.Deserialize(e.ValuesJson)["text"].Values[0]);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(100));
            Assert.That(appended.Select(e => e.Id).Distinct().Count(), Is.EqualTo(100));
            Assert.That(appended.Select(e => stored[e.Id]), Is.EqualTo(appended.Select(e => FormEntryValues.Deserialize(e.ValuesJson)["text"].Values[0])));
        });
    }

    [Test]
    public async Task Commits_the_waiting_entries_in_one_transaction_When_they_arrive_while_the_database_is_locked()
    {
        await using var store = Store();
        await store.AppendAsync(Form(), Answer("erste"));
        await using var holder = new CmsDbContext(_options);
        await holder.Database.OpenConnectionAsync();
        var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("UPDATE \"FormEntries\" SET \"State\" = 0;");
        _commands.Texts.Clear();

        var blocked = store.AppendAsync(Form(), Answer("wartet"));
        await Task.Delay(200);
        var queued = Enumerable.Range(0, 20).Select(i => store.AppendAsync(Form(), Answer($"dahinter {i}"))).ToList();
        await Task.Delay(200);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await Task.WhenAll(queued.Append(blocked));

        int syncs;
        lock (_commands.Texts)
        {
            syncs = _commands.Texts.Count(t => t.Contains("PRAGMA synchronous=FULL", StringComparison.Ordinal));
        }

        await using var db = new CmsDbContext(_options);
        var count = await db.FormEntries.CountAsync();
        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(22));
            Assert.That(syncs, Is.EqualTo(2), "the blocked entry, then the 20 that queued behind it together");
        });
    }

    [Test]
    public async Task Commits_the_queued_entries_before_it_stops_When_the_store_is_disposed()
    {
        var store = Store();
        await store.AppendAsync(Form(), Answer("vorher")); // the field catalogue knows the alias: appends enqueue at once
        var appends = Enumerable.Range(0, 30).Select(i => store.AppendAsync(Form(), Answer($"{i}"))).ToList();

        await store.DisposeAsync();

        await using var db = new CmsDbContext(_options);
        var count = await db.FormEntries.CountAsync();
        var committed = await Task.WhenAll(appends);
        Assert.Multiple(() =>
        {
            Assert.That(committed.Select(e => e.Id), Is.Unique.And.All.GreaterThan(0));
            Assert.That(count, Is.EqualTo(31));
            Assert.That(() => store.AppendAsync(Form(), Answer("zu spät")), Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task Reads_every_entry_once_in_date_and_id_order_When_10000_entries_are_read_by_keyset()
    {
        await Seed(10_000);
        _commands.Texts.Clear();

        var ids = new List<long>();
        var dates = new List<DateTime>();
        await foreach (var entry in Store().ReadAsync(FormKey, new FormEntryQuery(BatchSize: 1000)))
        {
            ids.Add(entry.Id);
            dates.Add(entry.SubmittedOn);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(10_000));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(10_000));
            Assert.That(dates, Is.Ordered);
            Assert.That(_commands.Texts.Count(t => t.Contains("FROM \"FormEntries\"", StringComparison.Ordinal)), Is.EqualTo(11), "ten full batches and one empty");
            Assert.That(_commands.Texts, Has.All.Not.Contains("OFFSET"), "keyset, not offset paging");
        });
    }

    [Test]
    public async Task Reads_only_the_range_and_continues_after_the_cursor_When_a_date_range_and_cursor_are_given()
    {
        await Seed(10_000);
        var from = new DateTime(2026, 1, 11);
        var to = new DateTime(2026, 1, 21);

        var inRange = await Store().ReadAsync(FormKey, new FormEntryQuery(from, to, BatchSize: 333)).ToListAsync();
        var cursor = new FormEntryCursor(inRange[99].SubmittedOn, inRange[99].Id);
        var rest = await Store().ReadAsync(FormKey, new FormEntryQuery(from, to, cursor)).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(inRange, Has.Count.EqualTo(1000), "10 days × 100 entries");
            Assert.That(inRange, Has.All.Matches<FormEntry>(e => e.SubmittedOn >= from && e.SubmittedOn < to));
            Assert.That(rest.Select(e => e.Id), Is.EqualTo(inRange.Skip(100).Select(e => e.Id)));
        });
    }

    [Test]
    public async Task Has_no_column_that_could_identify_a_person_When_the_entries_table_is_inspected()
    {
        await using var db = new CmsDbContext(_options);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA table_info('FormEntries');";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(1));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EquivalentTo(new[] { "Id", "FormKey", "SubmittedOn", "State", "ValuesJson", "SearchText" }), "SearchText holds the answers only, case-folded");
            Assert.That(columns.Select(c => c.ToUpperInvariant()), Has.None.Matches<string>(c =>
                c.Contains("IP", StringComparison.Ordinal) || c.Contains("AGENT", StringComparison.Ordinal) || c.Contains("REFERER", StringComparison.Ordinal)
                || c.Contains("REFERRER", StringComparison.Ordinal) || c.Contains("COOKIE", StringComparison.Ordinal) || c.Contains("USER", StringComparison.Ordinal)));
        });
    }

    /// <summary>10,000 entries over 100 days (100 per day), plus entries of another form that must never show up.</summary>
    private async Task Seed(int count)
    {
        await using var db = new CmsDbContext(_options);
        for (var i = 0; i < count; i++)
        {
            db.FormEntries.Add(new FormEntry { FormKey = FormKey, SubmittedOn = new DateTime(2026, 1, 1).AddDays(i % 100), ValuesJson = "{}" });
        }

        db.FormEntries.Add(new FormEntry { FormKey = Guid.NewGuid(), SubmittedOn = new DateTime(2026, 1, 15), ValuesJson = "{}" });
        await db.SaveChangesAsync();
    }

    private sealed class Factory(DbContextOptions<CmsDbContext> options) : IDbContextFactory<CmsDbContext>
    {
        public CmsDbContext CreateDbContext() => new(options);
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (Texts)
            {
                Texts.Add(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            lock (Texts)
            {
                Texts.Add(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }
    }
}
