using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>
/// docs/quality.md D3: 10,000 pseudo-random malformed posts against the HTML survey (<c>POST /formulare/absenden</c>) and the
/// Forms delivery API (<c>POST …/entries/{id}</c>): wrong types, huge values, unknown and duplicate fields, missing or
/// forged tokens, tampered or forged signed state, absurd page numbers, broken UTF-8 and percent-encodings, wrong content
/// types, oversized bodies. Every answer is a 4xx with a clear message (German HTML for the survey, problem details for the
/// API), never a 5xx, and nothing is stored. The documented silent successes are the honeypot and the minimum fill time:
/// they answer like success (303 / 202) and store nothing. The seed is fixed (printed; <c>D3_SEED</c> overrides it).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MalformedSurveyPostTests
{
    private const int Posts = 10_000;
    private const int DefaultSeed = 20261126;
    private const string Api = "/umbraco/forms/delivery/api/v1/";
    private const string ApiKey = "it-malformed-api-key-3f8b1c";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private static readonly string[] JunkValues =
    [
        "zwölf", "NaN", "1e999999", "-0x1F", "<script>alert(1)</script>", "'; DROP TABLE FormEntries; --", "=HYPERLINK(\"x\")",
        "\u0000", "\uFFFF", "🙂🙂🙂", "31.02.2026", "2026-13-45", "nein", "false", "null", "[]", "{}", "../../etc/passwd",
        "%00", "\r\n\r\n", "   ", "Sonstige\u200B", "über 100.000 Einwohner ", "ÜBER 100.000 EINWOHNER",
    ];

    private CmsWebApplicationFactory _factory = null!;
    private FormDefinition _form = null!;
    private HttpClient _client = null!;
    private HttpClient _cookieless = null!;
    private string _token = "";
    private string _freshState = "";
    private string _agedState = "";
    private string[] _forgedStates = [];
    private string _apiFormToken = "";
    private string _freshApiFormToken = "";
    private List<KeyValuePair<string, string>> _valid = [];
    private List<FormField> _targets = [];

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "100000000";
        _factory.Settings["Forms:Survey:RateLimitWindowSeconds"] = "1";
        // Long enough that the fresh state and form token stay "too fast" for the whole run (the aged ones are an hour old).
        _factory.Settings["Forms:Survey:MinimumFillSeconds"] = "600";
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _factory.Settings["Forms:DeliveryApi:ApiKey"] = ApiKey;
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _cookieless = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var html = await _client.GetStringAsync(SurveyClient.SurveyPath);
        var document = new HtmlParser().ParseDocument(html);
        _token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token");
        _freshState = document.QuerySelector("input[name=__state]")?.GetAttribute("value") ?? throw new InvalidOperationException("no survey state");

        var states = _factory.Services.GetRequiredService<SurveyStateProtector>();
        var state = states.Unprotect(_freshState)!;
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        _agedState = states.Protect(state with { IssuedAtUnixMs = hourAgo });
        _forgedStates =
        [
            states.Protect(state with { IssuedAtUnixMs = hourAgo, PageIndex = 99 }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, PageIndex = -1 }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, PageIndex = int.MaxValue }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, PageIndex = int.MinValue }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, FormKey = Guid.NewGuid() }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, ContentKey = Guid.NewGuid() }),
            states.Protect(state with { IssuedAtUnixMs = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds() }),
            states.Protect(state with { IssuedAtUnixMs = DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeMilliseconds() }),
            states.Protect(state with { IssuedAtUnixMs = long.MinValue }),
            states.Protect(state with { IssuedAtUnixMs = hourAgo, Answers = new() { ["gibtEsNicht"] = ["x"], ["gemeindegroesse"] = ["Mond"] } }),
        ];
        var shown = _factory.Services.GetRequiredService<FormShownTokenProtector>();
        _apiFormToken = shown.Protect(SurveyKey, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        _freshApiFormToken = shown.Issue(SurveyKey);

        _form = _factory.Services.GetRequiredService<FormDefinitionCache>().Get(SurveyKey) ?? throw new InvalidOperationException("no survey form");
        var inputs = _form.AllFields().Where(f => FormFieldTypes.TakesInput(f.Type)).ToList();
        // Fields that a condition may hide are not mutated (a hidden field's answer is ignored, so it would not be malformed).
        _targets = inputs.Where(f => f.Condition is null or { Rules.Count: 0 }).ToList();
        _valid = inputs.Where(f => f.Condition is null or { Rules.Count: 0 }).Select(f => KeyValuePair.Create(f.Alias, ValidValue(f))).ToList();
        var check = FormValidator.Validate(_form, _valid.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Select(v => v.Value).ToArray()));
        Assert.That(check.IsValid, Is.True, "the generator's base answers must be valid: " + string.Join("; ", check.Errors.SelectMany(e => e.Value)));
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _client.Dispose();
        _cookieless.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Answers_every_malformed_post_with_a_4xx_and_a_clear_message_and_stores_nothing_When_10000_random_posts_arrive()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("D3_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        await TestContext.Out.WriteLineAsync($"D3 seed {seed} (set D3_SEED to repeat another run)");
        var (entriesBefore, maxIdBefore) = await EntriesAsync();
        var random = new Random(seed);
        var cases = Enumerable.Range(0, Posts).Select(i => Generate(random, i)).ToList();

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var parser = new HtmlParser();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (post, cancellationToken) =>
        {
            using var request = post.Build();
            using var response = await (post.Cookieless ? _cookieless : _client).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate($"{(post.Api ? "api" : "html")} {status}", 1, (_, n) => n + 1);
            var problem = post.Silent
                ? status == (post.Api ? 202 : 303) ? null : $"expected the silent success {(post.Api ? 202 : 303)}"
                : status is < 400 or >= 500 ? "expected a 4xx"
                : post.Api ? ApiMessageProblem(response, body)
                : HtmlMessageProblem(parser, body);
            if (problem is not null)
            {
                failures.Enqueue($"#{post.Number} {post.What}: {status} – {problem}; body: {Excerpt(body)}");
            }
        });
        await TestContext.Out.WriteLineAsync($"{Posts} posts in {watch.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}")));
        foreach (var group in failures.GroupBy(f => f.Split(": ")[0][(f.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal))
        {
            await TestContext.Out.WriteLineAsync($"FAILED ×{group.Count()}: {Excerpt(group.First())}");
        }

        foreach (var line in _factory.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).DistinctBy(l => l[(l.IndexOf("RequestPath=", StringComparison.Ordinal) + 1)..][..Math.Min(200, l.Length / 2)]).Take(5))
        {
            await TestContext.Out.WriteLineAsync("site log: " + Excerpt(line));
        }

        await TestContext.Out.WriteLineAsync("silent successes (honeypot, minimum fill time): " + cases.Count(c => c.Silent));
        var (entriesAfter, maxIdAfter) = await EntriesAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failures.Take(25), Is.Empty, $"{failures.Count} of {Posts} posts were answered wrongly (seed {seed})");
            Assert.That(statuses.Keys.Where(k => k[^3] == '5'), Is.Empty, "no 5xx at all");
            Assert.That(entriesAfter, Is.EqualTo(entriesBefore), "nothing stored");
            Assert.That(maxIdAfter, Is.EqualTo(maxIdBefore), "nothing stored (and nothing replaced)");
            Assert.That(cases.Count(c => c.Api), Is.GreaterThan(Posts / 5), "a share goes to the Forms API");
            Assert.That(cases.Select(c => c.What.Split(':')[0]).Distinct().Count(), Is.GreaterThanOrEqualTo(30), "many kinds of malformation");
        }
    }

    [Test]
    public async Task Stores_the_entry_When_the_generators_base_answers_are_posted_unchanged()
    {
        // Guards the test above against a generator whose "malformed" posts are only rejected because the base is broken.
        var (before, _) = await EntriesAsync();
        using var request = HtmlPost(_valid, _agedState, _token, "absenden").Build();
        using var response = await _client.SendAsync(request);
        var (after, _) = await EntriesAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(after, Is.EqualTo(before + 1));
        }

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        await db.FormEntries.Where(e => e.FormKey == SurveyKey).ExecuteDeleteAsync();
    }

    private async Task<(int Count, long MaxId)> EntriesAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var count = await db.FormEntries.CountAsync();
        var maxId = count == 0 ? 0 : await db.FormEntries.MaxAsync(e => e.Id);
        return (count, maxId);
    }

    private static string? HtmlMessageProblem(HtmlParser parser, string body)
    {
        var document = parser.ParseDocument(body);
        if (document.DocumentElement.GetAttribute("lang") != "de")
        {
            return "not the site's German HTML page";
        }

        var alert = document.QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";
        return alert.Length < 20 ? "no message in a role=alert element"
            : !GermanWords.Any(w => alert.Contains(w, StringComparison.Ordinal)) ? $"message not German: {Excerpt(alert)}"
            : null;
    }

    private static readonly string[] GermanWords = ["Bitte", "bitte", "Feld", "Formular", "Antwort", "nicht", "ist", "sind"];

    private static string? ApiMessageProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"not problem details ({response.Content.Headers.ContentType?.MediaType})";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "";
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(v => v.GetString() ?? "").ToList()
                : [];
            return title.Length == 0 ? "no title"
                : detail.Length < 10 && errors.All(m => m.Length < 10) ? "no detail or error message"
                : null;
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static string Excerpt(string text) => text.Length <= 1500 ? text : text[..1500] + "…";

    private static string ValidValue(FormField field) => field.Type switch
    {
        FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown => field.Options[0].Value,
        FormFieldType.Checkbox or FormFieldType.DataConsent => "true",
        FormFieldType.Number => "7",
        FormFieldType.Date => "2026-05-04",
        _ => "Gute Zusammenarbeit",
    };

    // --- the generator -----------------------------------------------------------------------------------------------------

    private sealed record RawPost(int Number, string What, bool Api, bool Silent, bool Cookieless, string Path, byte[] Body, string? ContentType, Dictionary<string, string> Headers)
    {
        public HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(Body) };
            request.Content.Headers.Remove("Content-Type");
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }
    }

    /// <summary>A well-formed urlencoded survey post (for the control test).</summary>
    private static RawPost HtmlPost(List<KeyValuePair<string, string>> answers, string state, string token, string action) =>
        new(0, "valid", false, false, false, SurveyClient.PostPath,
            Encoding.UTF8.GetBytes(Encode([.. answers, new("__state", state), new("__RequestVerificationToken", token), new("__aktion", action)])),
            "application/x-www-form-urlencoded", []);

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private RawPost Generate(Random random, int number) =>
        random.NextDouble() < 0.3 ? GenerateApi(random, number) : GenerateHtml(random, number);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ 0123456789-_.,;:!?\"'<>&%=+#/\\\t\n€✓";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Answers with one to three mutations that each make the post invalid for every action (a mutation of a field on a
    /// later page is only chosen when the action submits the whole form).
    /// </summary>
    private (List<KeyValuePair<string, string>> Answers, List<string> What) MutatedAnswers(Random random, bool wholeForm)
    {
        var answers = _valid.ToList();
        var what = new List<string>();
        var firstPage = _form.Pages[0].Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields).Select(f => f.Alias).ToHashSet(StringComparer.Ordinal);
        var targets = wholeForm ? _targets : _targets.Where(f => firstPage.Contains(f.Alias)).ToList();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var field = Pick(random, targets);
            var required = field.Mandatory || field.Type == FormFieldType.DataConsent;
            var kinds = new List<string> { "unknown field", "unknown field (long name)", "unknown field (odd name)", "too long value" };
            if (required)
            {
                kinds.Add("missing required");
                kinds.Add("blank required");
            }

            if (FormFieldTypes.HasOptions(field.Type) || field.Type is FormFieldType.Number or FormFieldType.Date or FormFieldType.Checkbox or FormFieldType.DataConsent)
            {
                kinds.AddRange(["wrong type", "wrong type"]);
            }

            if (FormFieldTypes.HasOptions(field.Type))
            {
                kinds.AddRange(["too many values", "duplicate values", "wrong type (number)", "wrong type (JSON)"]);
            }

            var kind = Pick(random, kinds);
            what.Add(kind);
            switch (kind)
            {
                case "unknown field":
                    answers.Add(new("feld" + random.Next(1000), RandomText(random, random.Next(0, 40))));
                    break;
                case "unknown field (long name)":
                    answers.Add(new(RandomText(random, random.Next(65, 500)).Replace("__", "x", StringComparison.Ordinal).TrimStart('_') + "x", "1"));
                    break;
                case "unknown field (odd name)":
                    answers.Add(new(Pick(random, (string[])["gemeindegroesse[]", "Gemeindegroesse", "values.gemeindegroesse", " einwilligung", "einwilligung\u0000", "👀", "constructor", "__proto__x"]).TrimStart('_'), "1"));
                    break;
                case "too long value":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, new string(Pick(random, (char[])['x', 'ä', '€', '"']), FormValidator.MaxLength(field) + 1 + random.Next(20_000))));
                    break;
                case "missing required":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    break;
                case "blank required":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, Pick(random, (string[])["", " ", "\t", "\r\n"])));
                    break;
                case "wrong type":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, field.Type == FormFieldType.Date ? Pick(random, (string[])["31.02.2026", "2026-13-45", "gestern", "2026-02-30"]) : Pick(random, JunkValues.Where(v => v.Trim().Length > 0 && v != "true").ToArray())));
                    break;
                case "wrong type (number)":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, Pick(random, (string[])["-1", "1e308", "99999999999999999999999999999999", "0x10", "∞"])));
                    break;
                case "wrong type (JSON)":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, Pick(random, (string[])["{\"a\":1}", "[1,2]", "null", "undefined"])));
                    break;
                case "too many values":
                    var values = field.AllowsMultiple ? field.Options.Select(o => o.Value).Append("extra") : [field.Options[0].Value, field.Options[^1].Value];
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.AddRange(values.Select(v => KeyValuePair.Create(field.Alias, v)));
                    if (!field.AllowsMultiple && field.Options.Count < 2)
                    {
                        answers.Add(new(field.Alias, "zweite"));
                    }

                    break;
                case "duplicate values":
                    answers.RemoveAll(a => a.Key == field.Alias);
                    answers.Add(new(field.Alias, field.Options[0].Value));
                    answers.Add(new(field.Alias, field.Options[0].Value));
                    break;
                default:
                    throw new InvalidOperationException(kind);
            }
        }

        return (answers.OrderBy(_ => random.Next()).ToList(), what);
    }

    private RawPost GenerateHtml(Random random, int number)
    {
        var action = random.NextDouble() switch
        {
            < 0.6 => "absenden",
            < 0.75 => "weiter",
            < 0.85 => "zurueck",
            _ => Pick(random, (string[])["", "ABSENDEN", "löschen", "absenden\u0000", new string('a', 600)]),
        };
        var wholeForm = action == "absenden";
        var (answers, what) = MutatedAnswers(random, wholeForm);
        if (action == "zurueck")
        {
            // Going back keeps the answers without judging them (a person may go back before fixing an error); only
            // names that are not fields of the form are rejected there.
            answers.Add(new("zurueckUnbekannt", "1"));
            what.Add("unknown field");
        }
        var state = _agedState;
        var token = _token;
        string? contentType = "application/x-www-form-urlencoded";
        var cookieless = false;
        var silent = false;
        var tail = new List<KeyValuePair<string, string>>();
        Func<byte[], byte[]>? raw = null;

        var kind = random.Next(26);
        switch (kind)
        {
            case 0: what = ["token missing"]; token = ""; answers = _valid.ToList(); break;
            case 1: what = ["token forged"]; token = "CfDJ8" + RandomText(random, 120); answers = _valid.ToList(); break;
            case 2: what = ["token without cookie"]; cookieless = true; answers = _valid.ToList(); break;
            case 3: what = ["token twice"]; tail.Add(new("__RequestVerificationToken", _token)); answers = _valid.ToList(); break;
            case 4: what = ["state missing"]; state = ""; answers = _valid.ToList(); break;
            case 5: what = ["state tampered"]; state = Tamper(random, _agedState); answers = _valid.ToList(); break;
            case 6: what = ["state forged (page, form, content, age, answers)"]; state = Pick(random, _forgedStates); answers = _valid.ToList(); break;
            case 7: what = ["state twice"]; tail.Add(new("__state", _agedState)); answers = _valid.ToList(); break;
            case 8: what = ["state garbage"]; state = Pick(random, (string[])["eyJwIjo5OTk5OX0", "%%%", new string('A', 5000), "null", RandomText(random, 80)]); answers = _valid.ToList(); break;
            case 9: what = ["content type wrong"]; contentType = Pick(random, (string[])["text/plain", "application/json", "application/xml", "image/png", "", "text/html; charset=utf-8"]); break;
            case 10: what = ["content type missing"]; contentType = null; break;
            case 11: what = ["multipart without boundary"]; contentType = "multipart/form-data"; break;
            case 12: what = ["multipart with a file"]; return Multipart(random, number, _valid.ToList(), state, token, action);
            case 13: what = ["body too large"]; tail.Add(new("fachbereich", new string('x', 300_000))); break;
            case 14: what = ["too many fields"]; tail.AddRange(Enumerable.Range(0, 600).Select(i => KeyValuePair.Create($"f{i}", "1"))); break;
            case 15: what.Insert(0, "broken percent-encoding"); raw = body => Concat(body, Encoding.ASCII.GetBytes(Pick(random, (string[])["&fachbereich=%", "&x=%zz", "&%=1", "&fachbereich=%C3%28", "&y=%FF%FE%FD", "&=%", "&%E2%82=1"]))); break;
            case 16: what.Insert(0, "broken UTF-8 bytes"); raw = body => Concat(body, [(byte)'&', (byte)'z', (byte)'=', 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]); break;
            case 17: what.Insert(0, "latin-1 body"); contentType = "application/x-www-form-urlencoded; charset=iso-8859-1"; raw = body => Concat(body, Encoding.Latin1.GetBytes("&ärger=ü")); break;
            case 18: what = ["honeypot filled (silent: 303, nothing stored)"]; answers = _valid.ToList(); tail.Add(new(SurveyFormModel.HoneypotField, "https://spam.example")); action = "absenden"; silent = true; break;
            case 19: what = ["faster than the minimum fill time (silent: 303, nothing stored)"]; answers = _valid.ToList(); state = _freshState; action = "absenden"; silent = true; break;
            case 21: what = ["broken encoding in an otherwise valid answer"]; answers = _valid.Where(v => v.Key != "fachbereich").ToList(); action = "absenden"; raw = body => Concat(body, Encoding.ASCII.GetBytes("&fachbereich=Umwelt"), Pick(random, (byte[][])[[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], Encoding.ASCII.GetBytes("%C3%28"), Encoding.ASCII.GetBytes("%FF%FE"), Encoding.ASCII.GetBytes("%E2%82")])); break;
            case 20: what = ["duplicate consent"]; answers = _valid.ToList(); tail.Add(new(_valid.First(v => _form.FindField(v.Key)!.Type == FormFieldType.DataConsent).Key, "true")); action = "absenden"; break;
            default: what.Insert(0, "answers"); break;
        }

        var fields = answers.Concat(tail).Append(new("__state", state)).Append(new("__aktion", action)).ToList();
        if (token.Length > 0 || kind != 0)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        var body = Encoding.UTF8.GetBytes(Encode(fields.OrderBy(_ => random.Next(4))));
        if (raw is not null)
        {
            body = raw(body);
        }

        return new RawPost(number, $"{string.Join(" + ", what)}: html {action}", false, silent, cookieless, SurveyClient.PostPath, body, contentType, []);
    }

    private static RawPost Multipart(Random random, int number, List<KeyValuePair<string, string>> answers, string state, string token, string action)
    {
        using var content = new MultipartFormDataContent("grenze" + random.Next(1000));
        foreach (var (key, value) in answers.Append(new("__state", state)).Append(new("__aktion", action)).Append(new("__RequestVerificationToken", token)))
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("<?php echo 1; ?>")), "datei", "../../x.php");
        var body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return new RawPost(number, "multipart with a file: html", false, false, false, SurveyClient.PostPath, body, content.Headers.ContentType!.ToString(), []);
    }

    private RawPost GenerateApi(Random random, int number)
    {
        var path = Api + $"entries/{SurveyKey}";
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Api-Key"] = ApiKey };
        var contentType = "application/json";
        var silent = false;
        var (answers, what) = MutatedAnswers(random, wholeForm: true);
        var formToken = (string?)null;
        string? json = null;
        byte[]? bytes = null;

        switch (random.Next(20))
        {
            case 0: what = ["no credentials"]; headers.Clear(); answers = _valid.ToList(); break;
            case 1: what = ["wrong api key"]; headers["Api-Key"] = Pick(random, (string[])["", " ", ApiKey + "x", ApiKey.ToUpperInvariant(), "key-" + random.Next()]); answers = _valid.ToList(); break;
            case 2: what = ["antiforgery header forged"]; headers.Clear(); headers["RequestVerificationToken"] = "CfDJ8" + random.Next(); answers = _valid.ToList(); formToken = _apiFormToken; break;
            case 3: what = ["form token missing (browser)"]; headers.Clear(); headers["RequestVerificationToken"] = _token; answers = _valid.ToList(); break;
            case 4: what = ["form token forged (browser)"]; headers.Clear(); headers["RequestVerificationToken"] = _token; answers = _valid.ToList(); formToken = Tamper(random, _apiFormToken); break;
            case 5: what = ["honeypot filled (silent: 202, nothing stored)"]; headers.Clear(); headers["RequestVerificationToken"] = _token; answers = [.. _valid, new(SurveyFormModel.HoneypotField, "spam")]; formToken = _apiFormToken; silent = true; break;
            case 6: what = ["faster than the minimum fill time (silent: 202, nothing stored)"]; headers.Clear(); headers["RequestVerificationToken"] = _token; answers = _valid.ToList(); formToken = _freshApiFormToken; silent = true; break;
            case 7: what = ["content type wrong"]; contentType = Pick(random, (string[])["text/plain", "application/x-www-form-urlencoded", "application/xml", "", "application/json; charset=latin1", "json"]); break;
            case 8: what = ["unknown form"]; path = Api + $"entries/{Guid.NewGuid()}"; answers = _valid.ToList(); break;
            case 9: what = ["malformed id"]; path = Api + "entries/" + Uri.EscapeDataString(RandomText(random, 12)); answers = _valid.ToList(); break;
            case 10: what = ["malformed JSON"]; json = Pick(random, (string[])["{", "{\"values\":", "[]", "\"text\"", "42", "null", "", "{'values':{}}", "{\"values\":{},}", "{\"values\":{\"a\":1} /* x */}", "{\"values\":{\"a\":01}}"]); break;
            case 11: what = ["broken UTF-8 in JSON"]; bytes = Concat(Encoding.UTF8.GetBytes("{\"values\":{\"fachbereich\":\""), [0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80], Encoding.UTF8.GetBytes("\"}}")); break;
            case 12: what = ["unknown property"]; json = "{\"values\":{},\"" + Pick(random, (string[])["extra", "__proto__", "Values", "formtoken"]) + "\":1}"; break;
            case 13: what = ["duplicate property"]; json = "{\"values\":{},\"values\":{}}"; break;
            case 14: what = ["values of the wrong type"]; json = "{\"values\":" + Pick(random, (string[])["[]", "\"x\"", "1", "true", "{\"gemeindegroesse\":{\"a\":1}}", "{\"initiativen\":[[1]]}", "{\"initiativen\":[{}]}", "{\"\":\"x\"}"]) + "}"; break;
            case 15: what = ["too deep"]; json = "{\"values\":{},\"additionalData\":" + new string('[', 40) + new string(']', 40) + "}"; break;
            case 16: what = ["body too large"]; json = "{\"values\":{\"fachbereich\":\"" + new string('x', 300_000) + "\"}}"; break;
            case 17: what = ["numbers and booleans for choices"]; json = "{\"values\":{\"gemeindegroesse\":1e400,\"einwilligung\":false,\"bewertung\":-0.0}}"; break;
            default: what.Insert(0, "answers"); break;
        }

        if (json is null && bytes is null)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                if (formToken is not null)
                {
                    writer.WriteString("formToken", formToken);
                }

                writer.WriteStartObject("values");
                foreach (var group in answers.GroupBy(a => a.Key, StringComparer.Ordinal))
                {
                    var values = group.Select(a => a.Value).ToList();
                    if (values.Count == 1 && random.Next(2) == 0)
                    {
                        writer.WriteString(group.Key, values[0]);
                    }
                    else
                    {
                        writer.WriteStartArray(group.Key);
                        values.ForEach(writer.WriteStringValue);
                        writer.WriteEndArray();
                    }
                }

                writer.WriteEndObject();
                writer.WriteString("culture", "de-DE");
                writer.WriteEndObject();
            }

            bytes = stream.ToArray();
        }

        bytes ??= Encoding.UTF8.GetBytes(json!);
        return new RawPost(number, $"{string.Join(" + ", what)}: api", true, silent, false, path, bytes, contentType, headers);
    }

    private static string Tamper(Random random, string token)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return random.Next(3) switch
        {
            0 => new string(chars),
            1 => token[..(token.Length / 2)],
            _ => token + "AA",
        };
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
