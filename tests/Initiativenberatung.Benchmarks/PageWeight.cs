using System.Text.RegularExpressions;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>page-weight --base URL [--page /] [--survey /umfrage/]</c>: P7. The bytes of the page's HTML plus every style sheet and
/// script it links (media not counted), and the number of <c>&lt;script</c> tags on the page and on the survey page.
/// </summary>
public static partial class PageWeight
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        using var handler = SiteClient.CreateHandler();
        using var client = new SiteClient(handler, options.GetUri("base"));
        var html = await client.GetStringAsync(options.Get("page", "/"));
        var survey = await client.GetStringAsync(options.Get("survey", "/umfrage/"));
        long css = 0, js = 0;
        foreach (Match link in StylesheetPattern().Matches(html))
        {
            css += await BytesAsync(client, Href(link));
        }

        foreach (Match script in ScriptSourcePattern().Matches(html))
        {
            js += await BytesAsync(client, System.Net.WebUtility.HtmlDecode(script.Groups[1].Value));
        }

        var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);
        Figures.Print("html_bytes", htmlBytes);
        Figures.Print("css_bytes", css);
        Figures.Print("js_bytes", js);
        Figures.Print("total_kb", (htmlBytes + css + js) / 1024.0);
        Figures.Print("page_script_tags", ScriptTagPattern().Count(html));
        Figures.Print("survey_script_tags", ScriptTagPattern().Count(survey));
        return 0;
    }

    private static string Href(Match link) => System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);

    private static async Task<long> BytesAsync(SiteClient client, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex StylesheetPattern();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSourcePattern();

    [GeneratedRegex("<script\\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTagPattern();
}
