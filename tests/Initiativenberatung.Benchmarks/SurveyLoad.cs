using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Initiativenberatung.Core.Forms;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>survey-load --base URL --db FILE [--clients 32] [--seconds 10] [--path /umfrage/]</c>: P4. Each client GETs the survey page
/// (antiforgery cookie and token, signed state; a state is single-use, so once per post) and POSTs complete valid answers
/// (<c>__aktion=absenden</c>) to <c>/formulare/absenden</c> as fast as it can; the latency is the POST's; an answer counts as
/// accepted when it is the 303 to the thank-you page. The
/// site must run with the rate limit lifted and minimum fill time 0 (configuration, see bench/run).
/// </summary>
public static class SurveyLoad
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseAddress = options.GetUri("base");
        var clients = options.GetInt("clients", 32);
        var duration = TimeSpan.FromSeconds(options.GetDouble("seconds", 10));
        var path = options.Get("path", "/umfrage/");
        FormDefinition form;
        using (var connection = new SqliteConnection($"Data Source={options.Get("db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            form = SurveyAnswers.LoadForm(connection, Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey)));
        }

        using var handler = SiteClient.CreateHandler();
        var sessions = new List<(SiteClient Client, SurveyAnswers Answers)>();
        for (var i = 0; i < clients; i++)
        {
            var client = new SiteClient(handler, baseAddress);
            await client.StartSurveyAsync(path); // fails early when the page has no survey
            sessions.Add((client, new SurveyAnswers(form, seed: i)));
        }

        var accepted = 0;
        var other = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var hidden = await session.Client.StartSurveyAsync(path);
                var fields = hidden.Concat(session.Answers.Next().SelectMany(a => a.Value.Select(v => KeyValuePair.Create(a.Key, v))));
                var started = watch.Elapsed;
                using var response = await session.Client.PostFormAsync("/formulare/absenden", fields);
                latencies.Add((watch.Elapsed - started).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location?.OriginalString.Contains("/formulare/danke/", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    other.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        foreach (var (client, _) in sessions)
        {
            client.Dispose();
        }

        var sorted = latencies.Order().ToArray();
        Figures.Print("accepted", accepted);
        Figures.Print("rejected", other.Values.Sum());
        Figures.Print("rejected_statuses", string.Join(",", other.Select(o => $"{o.Key}x{o.Value}")));
        Figures.Print("accepted_per_s", accepted / elapsed);
        Figures.Print("p50_ms", sorted.Length > 0 ? sorted[sorted.Length / 2] : 0);
        Figures.Print("p99_ms", sorted.Length > 0 ? sorted[Math.Min(sorted.Length - 1, sorted.Length * 99 / 100)] : 0);
        return 0;
    }
}
