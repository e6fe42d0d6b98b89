using System.Text.RegularExpressions;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>page-weight --base URL [--page /] [--survey /umfrage/]</c>: P7. For the page and for the survey page: the bytes of the
/// HTML plus every style sheet and script it links (media not counted), its <c>&lt;script</c> tags, and how many of those
/// load one of the <see cref="ProgressiveEnhancementScripts"/> (an external same-origin module; inline scripts never count as
/// such). The page must have no script at all; the survey may load only progressive-enhancement scripts, whose bytes count
/// into its weight. That the survey does not <em>need</em> them is proven by the browser tests with JavaScript disabled
/// (SurveyJourneyTests).
/// </summary>
public static partial class PageWeight
{
    /// <summary>Scripts that only enhance a page that works without them (path without query).</summary>
    public static readonly IReadOnlyList<string> ProgressiveEnhancementScripts = ["/js/survey-conditions.js"];

    public static async Task<int> RunAsync(CommandLine options)
    {
        using var handler = SiteClient.CreateHandler();
        using var client = new SiteClient(handler, options.GetUri("base"));
        Print("page", await MeasureAsync(client, options.Get("page", "/")));
        Print("survey", await MeasureAsync(client, options.Get("survey", "/umfrage/")));
        return 0;
    }

    private sealed record Weight(long Html, long Css, long Js, int ScriptTags, int EnhancementScripts, IReadOnlyList<string> Sources);

    private static void Print(string prefix, Weight weight)
    {
        Figures.Print(prefix + "_html_bytes", weight.Html);
        Figures.Print(prefix + "_css_bytes", weight.Css);
        Figures.Print(prefix + "_js_bytes", weight.Js);
        Figures.Print(prefix + "_total_kb", (weight.Html + weight.Css + weight.Js) / 1024.0);
        Figures.Print(prefix + "_script_tags", weight.ScriptTags);
        Figures.Print(prefix + "_enhancement_scripts", weight.EnhancementScripts);
        Figures.Print(prefix + "_script_sources", weight.Sources.Count == 0 ? "-" : string.Join(",", weight.Sources));
    }

    private static async Task<Weight> MeasureAsync(SiteClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        long css = 0, js = 0;
        foreach (Match link in StylesheetPattern().Matches(html))
        {
            css += await BytesAsync(client, Decode(link.Groups[1].Value));
        }

        var tags = 0;
        var enhancements = 0;
        var sources = new List<string>();
        foreach (Match tag in ScriptTagPattern().Matches(html))
        {
            tags++;
            if (SourcePattern().Match(tag.Groups[1].Value) is not { Success: true } source)
            {
                continue; // inline script: never progressive enhancement here (and CSP would block it)
            }

            var src = Decode(source.Groups[1].Value);
            js += await BytesAsync(client, src);
            var scriptPath = src.Split('?', 2)[0];
            sources.Add(scriptPath);
            if (ProgressiveEnhancementScripts.Contains(scriptPath, StringComparer.Ordinal) && ModulePattern().IsMatch(tag.Groups[1].Value))
            {
                enhancements++;
            }
        }

        return new Weight(System.Text.Encoding.UTF8.GetByteCount(html), css, js, tags, enhancements, sources);
    }

    private static string Decode(string value) => System.Net.WebUtility.HtmlDecode(value);

    private static async Task<long> BytesAsync(SiteClient client, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex StylesheetPattern();

    [GeneratedRegex("<script\\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTagPattern();

    [GeneratedRegex("\\bsrc=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SourcePattern();

    [GeneratedRegex("\\btype=\"module\"", RegexOptions.IgnoreCase)]
    private static partial Regex ModulePattern();
}
