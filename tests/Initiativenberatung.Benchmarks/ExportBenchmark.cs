using System.Diagnostics;
using System.Net;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>export --base URL --email E --password P [--form KEY]</c>: signs in over HTTP and downloads the CSV export of all entries
/// of the form (<c>from=&amp;to=</c>), printing the time to the first body byte, the total time, the bytes and the CSV records
/// (line ends outside quotes, minus the header).
/// </summary>
public static class ExportBenchmark
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var formKey = Guid.Parse(options.Get("form", EntryGenerator.SurveyFormKey));
        using var handler = SiteClient.CreateHandler();
        using var client = new SiteClient(handler, options.GetUri("base"));
        await client.SignInAsync(options.Get("email"), options.Get("password"));

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/umbraco/forms/{formKey}/export?format=csv&from=&to="), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"export answered {(int)response.StatusCode}");
        }

        var headers = watch.Elapsed;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        TimeSpan? firstByte = null;
        long bytes = 0, records = 0;
        var quoted = false;
        var previous = (byte)0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            firstByte ??= watch.Elapsed;
            bytes += read;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\n' && previous == (byte)'\r' && !quoted)
                {
                    records++;
                }

                previous = b;
            }
        }

        var total = watch.Elapsed;
        var rows = Math.Max(0, records - 1);
        Figures.Print("headers_ms", headers.TotalMilliseconds);
        Figures.Print("first_byte_ms", (firstByte ?? total).TotalMilliseconds);
        Figures.Print("seconds", total.TotalSeconds);
        Figures.Print("bytes", bytes);
        Figures.Print("rows", rows);
        Figures.Print("rows_per_s", rows / total.TotalSeconds);
        return 0;
    }
}
