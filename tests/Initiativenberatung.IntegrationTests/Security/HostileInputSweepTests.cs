using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Hostile values in every back-office form and query parameter: the back office is crawled as an administrator (every
/// page reachable by links below <c>/umbraco</c>), then each page is requested with a NUL and with out-of-range dates in
/// its query, and each form of each page is submitted with a NUL in every value and with out-of-range dates in its date
/// fields. A NUL is refused with a German 400 naming the field; nothing answers 5xx.
/// </summary>
[TestFixture]
public sealed partial class HostileInputSweepTests
{
    private const string Admin = "admin-hostile@example.org";
    private const string TokenField = "__RequestVerificationToken";
    private const int MaxPages = 150;

    /// <summary>Links the crawl does not follow: sign-out, files, the public APIs below /umbraco (they have their own tests).</summary>
    private static readonly string[] Skipped =
        ["/umbraco/logout", "/umbraco/lib/", "/umbraco/css/", "/umbraco/delivery/", "/umbraco/forms/delivery/", "/umbraco/openapi/", "/umbraco/api-docs", "/umbraco/preview/"];

    private static readonly string[] OutOfRangeDates = ["9999-12-31", "0001-01-01", "9999-12-31T23:59", "+275760-09-13", "2026-02-30"];

    private CmsWebApplicationFactory _factory = null!;
    private HttpClient _admin = null!;
    private IReadOnlyList<(string Path, string Html)> _pages = null!;

    [OneTimeSetUp]
    public async Task CrawlBackOffice()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        var form = await _factory.CreateFormAsync("feindlich");
        await _factory.AppendAsync(form, ("fachbereich", ["Umwelt"]), ("einwilligung", ["true"]));
        _admin = await _factory.SignedInClientAsync(Admin);
        _pages = await CrawlAsync(_admin);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    [Test]
    public void Reaches_every_section_When_the_back_office_is_crawled()
    {
        var paths = _pages.Select(p => p.Path).ToList();

        Assert.That(paths, Has.Count.GreaterThanOrEqualTo(25).And.Some.StartsWith("/umbraco/content/edit/").And.Some.StartsWith("/umbraco/media/")
            .And.Some.StartsWith("/umbraco/settings/").And.Some.StartsWith("/umbraco/users/").And.Some.Contains("/entries")
            .And.Some.StartsWith("/umbraco/forms/builder/"), string.Join("\n", paths));
    }

    [Test]
    public async Task Refuses_with_a_German_400_naming_the_parameter_When_any_query_value_carries_a_nul()
    {
        var failures = new List<string>();
        foreach (var (path, _) in _pages)
        {
            foreach (var address in QueryVariants(path, _ => "a\0b", extra: "q"))
            {
                using var response = await _admin.GetAsync(new Uri(address, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("Steuerzeichen", StringComparison.Ordinal))
                {
                    failures.Add($"GET {address} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Never_answers_5xx_When_any_query_value_is_an_out_of_range_date()
    {
        var failures = new List<string>();
        foreach (var (path, _) in _pages)
        {
            foreach (var date in OutOfRangeDates)
            {
                foreach (var address in QueryVariants(path, _ => date, extra: "from").Append(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "to=" + date))
                {
                    using var response = await _admin.GetAsync(new Uri(address, UriKind.Relative));
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"GET {address} → {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Refuses_with_a_German_400_naming_the_field_When_any_form_value_carries_a_nul()
    {
        var failures = new List<string>();
        var sent = 0;
        foreach (var submission in await SubmissionsAsync())
        {
            var fields = submission.Fields.Select(f => f.Key == TokenField ? f : KeyValuePair.Create(f.Key, f.Value + "\0")).ToList();
            if (fields.All(f => f.Key == TokenField))
            {
                continue;
            }

            sent++;
            using var response = await _admin.SendAsync(submission with { Fields = fields });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("Steuerzeichen", StringComparison.Ordinal))
            {
                failures.Add($"{submission} → {(int)response.StatusCode}: {MainText(body)}");
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent, Is.GreaterThanOrEqualTo(50), "forms submitted");
            Assert.That(failures, Is.Empty, string.Join("\n", _factory.Logs.Lines.Where(l => l.Contains("answered", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).Take(6)));
        }
    }

    [Test]
    public async Task Never_answers_5xx_When_a_date_field_of_any_form_is_out_of_range()
    {
        var failures = new List<string>();
        var sent = 0;
        foreach (var submission in await SubmissionsAsync())
        {
            if (!submission.Fields.Any(f => DateField(f.Key)))
            {
                continue;
            }

            foreach (var date in OutOfRangeDates)
            {
                sent++;
                var fields = submission.Fields.Select(f => DateField(f.Key) ? KeyValuePair.Create(f.Key, date) : f).ToList();
                using var response = await _admin.SendAsync(submission with { Fields = fields });
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{submission} with {date} → {(int)response.StatusCode}");
                }
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent, Is.GreaterThanOrEqualTo(5), "forms with a date field");
            Assert.That(failures, Is.Empty);
        }
    }

    /// <summary>Every submission of every crawled page, each with a fresh copy of its page (tokens stay valid).</summary>
    private async Task<List<HtmlSubmission>> SubmissionsAsync()
    {
        var result = new List<HtmlSubmission>();
        foreach (var (path, html) in _pages)
        {
            result.AddRange(HtmlFormSubmission.All(html, path).Where(s => !s.Action.StartsWith("/umbraco/logout", StringComparison.OrdinalIgnoreCase)));
        }

        return result;
    }

    /// <summary>The address with each of its query values replaced in turn, and once with an extra parameter.</summary>
    private static IEnumerable<string> QueryVariants(string path, Func<string, string> value, string extra)
    {
        var parts = path.Split('?', 2);
        var query = parts.Length > 1 ? QueryHelpers.ParseQuery(parts[1]) : [];
        foreach (var key in query.Keys)
        {
            var changed = query.ToDictionary(q => q.Key, q => (string?)(q.Key == key ? value(q.Value.ToString()) : q.Value.ToString()));
            yield return QueryHelpers.AddQueryString(parts[0], changed);
        }

        if (!query.ContainsKey(extra))
        {
            yield return QueryHelpers.AddQueryString(path, extra, value(""));
        }
    }

    /// <summary>The text of the page's main content, for failure messages.</summary>
    private static string MainText(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var text = Regex.Replace(start < 0 ? html : html[start..], "<[^>]+>|\\s+", " ").Trim();
        return text[..Math.Min(text.Length, 400)];
    }

    private static bool DateField(string name) => DateFieldPattern().IsMatch(name);

    [GeneratedRegex("(date|from|^to$|release|expire|schedule|publishat|unpublishat|when)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateFieldPattern();

    [GeneratedRegex("href=\"(/umbraco[^\"#]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    private static async Task<IReadOnlyList<(string Path, string Html)>> CrawlAsync(HttpClient client)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/umbraco" };
        var queue = new Queue<string>(["/umbraco"]);
        var pages = new List<(string, string)>();
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var path = queue.Dequeue();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            pages.Add((path, html));
            foreach (var link in LinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (!Skipped.Any(s => link.StartsWith(s, StringComparison.OrdinalIgnoreCase)) && seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        return pages;
    }
}
