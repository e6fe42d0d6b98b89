using System.Diagnostics;
using System.Net;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>start-time --dll FILE --port N [--runs 5] [--path /]</c>: P6. Starts <c>dotnet FILE</c> (the site; configuration comes from
/// this process's environment, e.g. <c>ConnectionStrings__Default</c> of an existing database) <c>runs</c> times, polls
/// <c>path</c> every 5 ms until it answers 200, stops it, and prints every time and the median.
/// </summary>
public static class StartTime
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var dll = Path.GetFullPath(options.Get("dll"));
        var port = options.GetInt("port", 5310);
        var runs = options.GetInt("runs", 5);
        var path = options.Get("path", "/");
        var times = new List<double>();
        using var handler = SiteClient.CreateHandler();
        for (var run = 0; run < runs; run++)
        {
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var client = new SiteClient(handler, new Uri($"http://127.0.0.1:{port}"));
            while (true)
            {
                if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"the site did not answer 200 on {path} (exit code {(process.HasExited ? process.ExitCode : -1)})");
                }

                try
                {
                    using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(5);
            }

            times.Add(watch.Elapsed.TotalSeconds);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Console.Error.WriteLineAsync(FormattableString.Invariant($"  start {run + 1}: {times[^1]:0.000} s"));
        }

        times.Sort();
        Figures.Print("runs", string.Join(",", times.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))));
        Figures.Print("median_s", times[times.Count / 2]);
        return 0;
    }
}
