using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Initiativenberatung.Core.Forms;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>mixed-load --base URL --db FILE --pid PID [--connections 64] [--seconds 60]</c>: D2. Each connection loops over a
/// mix of page views (<c>/</c>, <c>/umfrage/</c>; half of the requests), Delivery API reads (<c>content/item/</c> by path,
/// a quarter) and valid survey posts (a quarter; each GETs the survey for a fresh token and single-use state). Counts
/// failed requests (no answer), 5xx and any answer other than 2xx/3xx, and samples the site's resident memory
/// (<c>/proc/PID/status</c> VmRSS) once a second. The site must run with the survey rate limit lifted (bench/run).
/// </summary>
public static class MixedLoad
{
    private static readonly string[] Pages = ["/", "/umfrage/"];
    private static readonly string[] ApiReads = ["/umbraco/delivery/api/v2/content/item/", "/umbraco/delivery/api/v2/content/item/umfrage/"];

    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseAddress = options.GetUri("base");
        var connections = options.GetInt("connections", 64);
        var duration = TimeSpan.FromSeconds(options.GetDouble("seconds", 60));
        var pid = options.GetInt("pid", 0);
        FormDefinition form;
        using (var connection = new SqliteConnection($"Data Source={options.Get("db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            form = SurveyAnswers.LoadForm(connection, Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey)));
        }

        using var handler = SiteClient.CreateHandler();
        handler.MaxConnectionsPerServer = connections;
        var sessions = new List<(SiteClient Client, SurveyAnswers Answers, Random Random)>();
        for (var i = 0; i < connections; i++)
        {
            var client = new SiteClient(handler, baseAddress);
            await client.StartSurveyAsync(); // fails early when the page has no survey
            sessions.Add((client, new SurveyAnswers(form, seed: 7000 + i), new Random(i)));
        }

        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failed = 0;
        var total = 0;
        var samples = new List<(double Second, long Kb)>();
        var watch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
            {
                if (ResidentKb(pid) is { } kb)
                {
                    lock (samples)
                    {
                        samples.Add((watch.Elapsed.TotalSeconds, kb));
                    }
                }
            }
        });

        await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var pick = session.Random.Next(4);
                var kind = pick switch { 0 or 1 => "page", 2 => "api", _ => "survey" };
                try
                {
                    using var response = kind switch
                    {
                        "page" => await session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Pages[session.Random.Next(Pages.Length)])),
                        "api" => await session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiReads[session.Random.Next(ApiReads.Length)])),
                        // A survey state is single-use: every post starts the survey afresh (one GET, like a visitor).
                        _ => await session.Client.PostFormAsync("/formulare/absenden",
                            (await session.Client.StartSurveyAsync()).Concat(session.Answers.Next().SelectMany(a => a.Value.Select(v => KeyValuePair.Create(a.Key, v))))),
                    };
                    var status = (int)response.StatusCode;
                    var expected = kind == "survey" ? response.StatusCode == HttpStatusCode.SeeOther : status is >= 200 and < 400;
                    counts.AddOrUpdate($"{kind} {status}{(expected ? "" : " (unexpected)")}", 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    counts.AddOrUpdate($"{kind} failed: {ex.GetType().Name}", 1, (_, n) => n + 1);
                }

                Interlocked.Increment(ref total);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        try
        {
            await sampler;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var (client, _, _) in sessions)
        {
            client.Dispose();
        }

        // "Flat": the samples of the last 30 s (the second half of a shorter run) stay within ±10 % of their mean.
        var window = Math.Min(30, elapsed / 2);
        var last = samples.Where(s => s.Second >= elapsed - window).Select(s => s.Kb).ToList();
        var mean = last.Count > 0 ? last.Average() : 0;
        Figures.Print("requests", total);
        Figures.Print("requests_per_s", total / elapsed);
        Figures.Print("failed", failed);
        Figures.Print("status_5xx", counts.Where(c => c.Key.Split(' ')[1].StartsWith('5')).Sum(c => c.Value));
        Figures.Print("unexpected", counts.Where(c => c.Key.EndsWith("(unexpected)", StringComparison.Ordinal)).Sum(c => c.Value));
        Figures.Print("statuses", string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} x{c.Value}")));
        Figures.Print("rss_window_s", window);
        Figures.Print("rss_samples", last.Count);
        Figures.Print("rss_min_mb", last.Count > 0 ? last.Min() / 1024.0 : 0);
        Figures.Print("rss_max_mb", last.Count > 0 ? last.Max() / 1024.0 : 0);
        Figures.Print("rss_mean_mb", mean / 1024.0);
        Figures.Print("rss_flat", last.Count >= 3 && last.All(kb => Math.Abs(kb - mean) <= 0.1 * mean) ? "1" : "0");
        Figures.Print("rss_all_mb", string.Join(" ", samples.Select(s => (s.Kb / 1024).ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    private static long? ResidentKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
