using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// D1 (docs/quality.md "Durability and load"): survey posts while the site is killed with <c>kill -9</c>, then a check that
/// every acknowledged entry is in the database.
/// </summary>
public static partial class Durability
{
    /// <summary>
    /// <c>durability-post --base URL --db FILE --acks FILE --round N [--clients 32] [--field wasHatGeholfen]</c>: like
    /// <c>survey-load</c>, but every post carries a unique marker (<c>D1-r{round}-c{client}-n{n}</c>) as the answer of a
    /// free-text field, and the marker is appended to the acks file (flushed) as soon as its 303 to the thank-you page has
    /// arrived. Runs until the site stops answering (it is killed by the script) and exits 0.
    /// </summary>
    public static async Task<int> PostAsync(CommandLine options)
    {
        var baseAddress = options.GetUri("base");
        var clients = options.GetInt("clients", 32);
        var round = options.GetInt("round", 0);
        var fieldAlias = options.Get("field", "wasHatGeholfen");
        FormDefinition form;
        using (var connection = new SqliteConnection($"Data Source={options.Get("db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            form = SurveyAnswers.LoadForm(connection, Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey)));
        }

        if (form.FindField(fieldAlias) is not { Type: FormFieldType.LongAnswer or FormFieldType.ShortAnswer, Condition: null or { Rules.Count: 0 } })
        {
            throw new ArgumentException($"--field {fieldAlias} is not an unconditional free-text field of the survey");
        }

        using var handler = SiteClient.CreateHandler();
        var sessions = new List<(SiteClient Client, SurveyAnswers Answers)>();
        for (var i = 0; i < clients; i++)
        {
            var client = new SiteClient(handler, baseAddress);
            await client.StartSurveyAsync(); // fails early when the page has no survey
            sessions.Add((client, new SurveyAnswers(form, seed: round * 1000 + i)));
        }

        await using var acks = new StreamWriter(options.Get("acks"), append: true);
        var gate = new SemaphoreSlim(1, 1);
        var acknowledged = 0;
        var errors = 0;
        await Task.WhenAll(sessions.Select((session, c) => Task.Run(async () =>
        {
            for (var n = 0; ; n++)
            {
                var marker = $"D1-r{round}-c{c}-n{n}";
                var answers = session.Answers.Next();
                answers[fieldAlias] = [marker];
                try
                {
                    // A fresh state per post: a state is single-use (a second post of it would be acknowledged but not stored).
                    var fields = (await session.Client.StartSurveyAsync()).Concat(answers.SelectMany(a => a.Value.Select(v => KeyValuePair.Create(a.Key, v))));
                    using var response = await session.Client.PostFormAsync("/formulare/absenden", fields);
                    if (response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location?.OriginalString.Contains("/formulare/danke/", StringComparison.Ordinal) == true)
                    {
                        await gate.WaitAsync();
                        try
                        {
                            await acks.WriteLineAsync(marker);
                            await acks.FlushAsync();
                        }
                        finally
                        {
                            gate.Release();
                        }

                        Interlocked.Increment(ref acknowledged);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        await Console.Error.WriteLineAsync($"{marker}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
                {
                    return; // the site is gone (or going: the survey page no longer answers 200)
                }
            }
        })));
        foreach (var (client, _) in sessions)
        {
            client.Dispose();
        }

        Figures.Print("acknowledged", acknowledged);
        Figures.Print("other_answers", errors);
        return 0;
    }

    /// <summary>
    /// <c>durability-check --db FILE --acks FILE</c>: <c>PRAGMA integrity_check</c>, then every marker in the acks file
    /// looked up among the stored entries. Prints <c>integrity</c>, <c>acknowledged</c>, <c>stored_markers</c>, <c>lost</c>
    /// (the first few lost markers on stderr).
    /// </summary>
    public static Task<int> CheckAsync(CommandLine options)
    {
        var acked = File.Exists(options.Get("acks")) ? File.ReadAllLines(options.Get("acks")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];
        using var connection = new SqliteConnection($"Data Source={options.Get("db")};Mode=ReadWrite;Pooling=False");
        connection.Open();
        using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        var integrityResult = string.Join(" ", ReadAll(integrity));
        using var values = connection.CreateCommand();
        values.CommandText = "SELECT ValuesJson FROM FormEntries WHERE ValuesJson LIKE '%D1-r%'";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var json in ReadAll(values))
        {
            foreach (Match marker in MarkerPattern().Matches(json))
            {
                stored.Add(marker.Value);
            }
        }

        var lost = acked.Where(m => !stored.Contains(m)).ToList();
        foreach (var marker in lost.Take(10))
        {
            Console.Error.WriteLine($"lost: {marker}");
        }

        Figures.Print("integrity", integrityResult);
        Figures.Print("acknowledged", acked.Count);
        Figures.Print("stored_markers", stored.Count);
        Figures.Print("lost", lost.Count);
        return Task.FromResult(0);
    }

    private static List<string> ReadAll(SqliteCommand command)
    {
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [GeneratedRegex("D1-r[0-9]+-c[0-9]+-n[0-9]+")]
    private static partial Regex MarkerPattern();
}
