using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>generate-entries --db FILE --count N [--form KEY] [--days 730]</c>: appends N realistic entries of the form straight into
/// the site's SQLite database (one transaction, one prepared INSERT), spread evenly over the last <c>days</c> days at day
/// precision, 10 % approved. The values JSON comes from a pool of 10,000 validated answer sets serialized like
/// <c>FormEntryStore.AppendAsync</c>.
/// </summary>
public static class EntryGenerator
{
    public const string SurveyFormKey = "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";

    public static Task<int> RunAsync(CommandLine options)
    {
        var database = options.Get("db");
        var count = options.GetInt("count", 10_000);
        var formKey = Guid.Parse(options.Get("form", SurveyFormKey));
        var days = options.GetInt("days", 730);
        var watch = Stopwatch.StartNew();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous=OFF;");
        var answers = new SurveyAnswers(SurveyAnswers.LoadForm(connection, formKey), seed: 4711);
        var pool = Enumerable.Range(0, Math.Min(count, 10_000)).Select(_ => answers.NextValuesJson()).ToArray();
        var random = new Random(42);
        var today = DateTime.UtcNow.Date;
        var first = today.AddDays(-days + 1);

        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO FormEntries (FormKey, SubmittedOn, State, ValuesJson) VALUES ($key, $on, $state, $values)";
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var on = insert.Parameters.Add("$on", SqliteType.Text);
            var state = insert.Parameters.Add("$state", SqliteType.Integer);
            var values = insert.Parameters.Add("$values", SqliteType.Text);
            key.Value = formKey.ToString().ToUpperInvariant();
            insert.Prepare();
            var lastDay = -1L;
            for (long i = 0; i < count; i++)
            {
                var day = i * days / count;
                if (day != lastDay)
                {
                    on.Value = first.AddDays(day).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    lastDay = day;
                }

                state.Value = random.Next(10) == 0 ? 1 : 0;
                values.Value = pool[random.Next(pool.Length)];
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        Figures.Print("entries", count);
        Figures.Print("seconds", watch.Elapsed.TotalSeconds);
        Figures.Print("db_bytes", new FileInfo(database).Length);
        return Task.FromResult(0);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
