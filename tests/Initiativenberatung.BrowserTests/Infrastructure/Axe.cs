using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.Infrastructure;

/// <summary>Runs axe-core (from npm, see package.json) in a page and asserts WCAG 2.1 A/AA without violations.</summary>
public static class Axe
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>WCAG 2.2 A/AA: the 2.1 rules plus the new 2.2 AA ones (e.g. target size).</summary>
    public static readonly IReadOnlyList<string> Wcag22Tags = [.. WcagTags, "wcag22aa"];

    private const string RunScript = """
        async ({ tags, rules }) => {
            const options = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
            if (rules.length > 0) {
                options.rules = Object.fromEntries(rules.map(rule => [rule, { enabled: true }]));
            }

            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact ?? '',
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(', '),
                    html: n.html,
                    summary: n.failureSummary ?? '',
                })),
            }));
        }
        """;

    /// <summary>
    /// Injects axe-core into <paramref name="page"/> (the context must have JavaScript on and CSP bypassed) and returns the
    /// violations of <paramref name="tags"/> (default <see cref="WcagTags"/>) and of the <paramref name="extraRules"/>
    /// outside those tags (e.g. the best-practice rule <c>heading-order</c>).
    /// </summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page, IReadOnlyList<string>? tags = null, IReadOnlyList<string>? extraRules = null)
    {
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = BrowserSite.AxeScript });
        }

        var json = await page.EvaluateAsync<JsonElement>(RunScript, new { tags = tags ?? WcagTags, rules = extraRules ?? [] });
        return json.Deserialize<List<AxeViolation>>(JsonOptions) ?? [];
    }

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await RunAsync(page);
        Assert.That(violations, Is.Empty, () => Describe(what, page.Url, violations));
    }

    public static string Describe(string what, string url, IReadOnlyList<AxeViolation> violations)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"axe-core found {violations.Count} WCAG A/AA violation(s) on {what} ({url}):");
        foreach (var violation in violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    at {node.Target}: {node.Html}");
                foreach (var line in node.Summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      {line}");
                }
            }
        }

        return text.ToString();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(string Target, string Html, string Summary);
