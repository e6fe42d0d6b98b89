using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>insert-baseline --db FILE [--seconds 10]</c>: the P4 baseline, a bare loop inserting one entry row per transaction with
/// <c>synchronous=FULL</c> (the database's own journal mode, WAL for the site's) into a copy of the site's database.
/// </summary>
public static class InsertBaseline
{
    public static Task<int> RunAsync(CommandLine options)
    {
        var seconds = options.GetDouble("seconds", 10);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.Get("db"), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        EntryGenerator.Execute(connection, "PRAGMA synchronous=FULL;");
        var formKey = Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey));
        var answers = new SurveyAnswers(SurveyAnswers.LoadForm(connection, formKey), seed: 7);
        var pool = Enumerable.Range(0, 1000).Select(_ => answers.NextValuesJson()).ToArray();

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO FormEntries (FormKey, SubmittedOn, State, ValuesJson) VALUES ($key, $on, 0, $values)";
        insert.Parameters.AddWithValue("$key", formKey.ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$on", DateTime.UtcNow.Date.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        var values = insert.Parameters.Add("$values", SqliteType.Text);
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            values.Value = pool[count % pool.Length];
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }

        Figures.Print("inserts", count);
        Figures.Print("inserts_per_s", count / watch.Elapsed.TotalSeconds);
        return Task.FromResult(0);
    }
}
