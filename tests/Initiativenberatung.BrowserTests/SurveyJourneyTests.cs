using Initiativenberatung.BrowserTests.Infrastructure;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests;

/// <summary>
/// A visitor answers the anonymous survey in Chromium: keyboard only, German errors, thank-you page, axe-core, no JavaScript;
/// show/hide conditions on the same page with and without survey-conditions.js (and its parity with FormConditions).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SurveyJourneyTests
{
    private const string ThankYou = "Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert.";
    private const string MissingSize = "Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“.";
    private static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    [Test]
    public async Task Stores_the_answers_and_shows_the_thank_you_message_When_a_visitor_answers_with_the_keyboard_only()
    {
        var before = await EntryCountAsync();
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // Follow „Umfrage starten“ with Tab and Enter.
        await TabUntilAsync(page, "a", "Umfrage starten");
        await PressEnterAndLoadAsync(page, "#f-gemeindegroesse-0");
        Assert.That(await page.Locator("#f-gemeindegroesse-0").CountAsync(), Is.EqualTo(1), $"survey form on {page.Url}");
        await Axe.AssertNoViolationsAsync(page, "the survey (page 1)");

        // „Weiter“ without the mandatory answer: German errors on top and at the field.
        await TabUntilAsync(page, "button[value='weiter']");
        await PressEnterAndLoadAsync(page, "#f-gemeindegroesse-fehler");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("[role=alert]").InnerTextAsync(), Does.Contain(MissingSize));
            Assert.That(await page.Locator("#f-gemeindegroesse-fehler").InnerTextAsync(), Does.Contain(MissingSize));
            Assert.That(await page.Locator("#f-gemeindegroesse-0").GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        }

        await Axe.AssertNoViolationsAsync(page, "the survey with errors");

        // Fix it: Space picks the first size, typing fills the department, Tab to „Weiter“ and Enter.
        await TabUntilAsync(page, "#f-gemeindegroesse-0");
        await page.Keyboard.PressAsync("Space");
        await TabUntilAsync(page, "#f-fachbereich");
        await page.Keyboard.TypeAsync("Umwelt und Klima");
        await TabUntilAsync(page, "#f-initiativen-1");
        await page.Keyboard.PressAsync("Space");
        await TabUntilAsync(page, "button[value='weiter']");
        await PressEnterAndLoadAsync(page, "#f-einwilligung");
        Assert.That(await page.Locator("#f-einwilligung").CountAsync(), Is.EqualTo(1), "page 2 with the consent");
        await Axe.AssertNoViolationsAsync(page, "the survey (page 2)");

        await TabUntilAsync(page, "#f-erfahrungen");
        await page.Keyboard.TypeAsync("Gute Zusammenarbeit mit dem Reparatur-Café.");
        await TabUntilAsync(page, "#f-einwilligung");
        await page.Keyboard.PressAsync("Space");

        // A person takes longer than the minimum fill time (3 s) — faster posts are treated as bots.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await TabUntilAsync(page, "button[value='absenden']");
        await PressEnterAndLoadAsync(page, "h1:text-is('Vielen Dank')");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(ThankYou));
            Assert.That(page.Url, Does.Contain("/formulare/danke/"));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        }

        var latest = await LatestValuesAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(latest["gemeindegroesse"].Values, Is.EqualTo(new[] { "unter 20.000 Einwohner" }));
            Assert.That(latest["fachbereich"].Values, Is.EqualTo(new[] { "Umwelt und Klima" }));
            Assert.That(latest["initiativen"].Values, Is.EqualTo(new[] { "Reparatur-Cafés" }));
            Assert.That(latest["erfahrungen"].Values, Is.EqualTo(new[] { "Gute Zusammenarbeit mit dem Reparatur-Café." }));
        }

        await Axe.AssertNoViolationsAsync(page, "the thank-you page");
    }

    [Test]
    public async Task Stores_the_answers_and_shows_the_thank_you_message_When_javascript_is_disabled()
    {
        var before = await EntryCountAsync();
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("a:text-is('Umfrage starten')").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/umfrage", StringComparison.Ordinal));

        await page.Locator("#f-gemeindegroesse-2").CheckAsync();
        await page.Locator("button[value='weiter']").ClickAsync();
        await page.Locator("#f-einwilligung").CheckAsync();
        await page.Locator("#f-wasHatGeholfen").FillAsync("Ein fester Ansprechpartner.");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await page.Locator("button[value='absenden']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/formulare/danke/", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(ThankYou));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
        }
    }

    [Test]
    public async Task Shows_the_other_initiatives_field_only_while_Sonstige_is_ticked_When_javascript_is_on_and_the_visitor_uses_the_keyboard()
    {
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");
        var other = page.Locator("#f-initiativenSonstige");
        var sonstige = page.Locator("#f-initiativen-5");
        Assert.That(await page.Locator("label[for='f-initiativen-5']").InnerTextAsync(), Is.EqualTo("Sonstige"));

        // The script hides the field until its condition holds, disables it (not posted) and drops the no-JavaScript hint.
        await other.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await other.IsDisabledAsync(), Is.True, "a hidden field is disabled");
            Assert.That(await page.Locator("#f-initiativenSonstige-bedingung").CountAsync(), Is.Zero, "hint removed");
            Assert.That(await other.GetAttributeAsync("aria-describedby"), Does.Not.Contain("bedingung"));
        }

        await Axe.AssertNoViolationsAsync(page, "the survey with the conditional field hidden");

        // Space on „Sonstige“ shows the field; the next Tab stop is the field itself.
        await TabUntilAsync(page, "#f-initiativen-5");
        await page.Keyboard.PressAsync("Space");
        await other.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.That(await other.IsEnabledAsync(), Is.True, "a shown field is enabled");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("f-initiativenSonstige"), "Tab goes from „Sonstige“ into the field");
        await page.Keyboard.TypeAsync("Nachbarschaftshilfe");
        await Axe.AssertNoViolationsAsync(page, "the survey with the conditional field shown");

        // Shift+Tab back, Space unticks: the field disappears again and focus stays on the checkbox.
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("f-initiativen-5"));
        await page.Keyboard.PressAsync("Space");
        await other.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await sonstige.IsCheckedAsync(), Is.False);
            Assert.That(await other.IsDisabledAsync(), Is.True);
            Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("f-initiativen-5"));
        }

        await Axe.AssertNoViolationsAsync(page, "the survey with the conditional field hidden again");

        // The hidden field's text is not posted (the server would ignore it anyway).
        await page.Locator("#f-gemeindegroesse-0").CheckAsync();
        var post = await page.RunAndWaitForRequestAsync(
            () => page.Locator("button[value='weiter']").ClickAsync(),
            request => request.Method == "POST" && request.Url.Contains("/formulare/absenden", StringComparison.Ordinal));
        Assert.That(post.PostData, Does.Not.Contain("initiativenSonstige").And.Contain("gemeindegroesse"));
    }

    [Test]
    public async Task Shows_the_other_initiatives_field_with_its_hint_and_stores_a_full_submission_When_javascript_is_disabled()
    {
        var before = await EntryCountAsync();
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");
        var other = page.Locator("#f-initiativenSonstige");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await other.IsVisibleAsync(), Is.True, "without JavaScript the field is always shown");
            Assert.That(await other.IsEnabledAsync(), Is.True);
            Assert.That(await page.Locator("#f-initiativenSonstige-bedingung").InnerTextAsync(), Is.EqualTo(
                "Nur beantworten, wenn Sie bei „Mit welchen Arten von Initiativen arbeitet Ihre Kommune zusammen?“ „Sonstige“ ausgewählt haben."));
        }

        await page.Locator("#f-gemeindegroesse-1").CheckAsync();
        await page.Locator("#f-initiativen-5").CheckAsync();
        await other.FillAsync("Nachbarschaftshilfe");
        await page.Locator("button[value='weiter']").ClickAsync();
        await page.Locator("#f-einwilligung").CheckAsync();
        await page.Locator("#f-wasHatGeholfen").FillAsync("Ein fester Ansprechpartner.");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await page.Locator("button[value='absenden']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/formulare/danke/", StringComparison.Ordinal));

        var latest = await LatestValuesAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(ThankYou));
            Assert.That(await EntryCountAsync(), Is.EqualTo(before + 1));
            Assert.That(latest["initiativen"].Values, Is.EqualTo(new[] { "Sonstige" }));
            Assert.That(latest["initiativenSonstige"].Values, Is.EqualTo(new[] { "Nachbarschaftshilfe" }));
        }
    }

    [Test]
    public async Task Has_no_axe_violations_and_shows_the_hint_When_the_condition_script_does_not_load()
    {
        // axe-core needs JavaScript, so this context blocks only the survey's own script: the page as without JavaScript.
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        await context.RouteAsync("**/js/survey-conditions.js*", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await page.Locator("#f-initiativenSonstige").IsVisibleAsync(), Is.True);
            Assert.That(await page.Locator("#f-initiativenSonstige-bedingung").IsVisibleAsync(), Is.True);
            Assert.That(await page.Locator("#f-initiativenSonstige").GetAttributeAsync("aria-describedby"), Does.Contain("f-initiativenSonstige-bedingung"));
        }

        await Axe.AssertNoViolationsAsync(page, "the survey without its script");
    }

    [Test]
    public async Task Decides_every_operator_like_the_server_When_the_script_evaluates_a_rule()
    {
        (FormConditionOperator Op, string[] Values, string Expected)[] cases =
        [
            (FormConditionOperator.Is, ["Sonstige"], " sonstige "),
            (FormConditionOperator.Is, ["Gärten"], "Sonstige"),
            (FormConditionOperator.Is, ["on"], "TRUE"),
            (FormConditionOperator.Is, [], "x"),
            (FormConditionOperator.IsNot, [], "x"),
            (FormConditionOperator.IsNot, ["a", "X"], "x"),
            (FormConditionOperator.Contains, ["Reparatur-Cafés"], "CAFÉ"),
            (FormConditionOperator.Contains, ["Gärten"], "Café"),
            (FormConditionOperator.NotContains, ["Gärten"], "Café"),
            (FormConditionOperator.StartsWith, ["Lastenrad-Verleihe"], "lasten"),
            (FormConditionOperator.StartsWith, ["Lastenrad"], "rad"),
            (FormConditionOperator.EndsWith, ["Lastenrad-Verleihe"], "VERLEIHE"),
            (FormConditionOperator.GreaterThan, ["10,5"], "9"),
            (FormConditionOperator.GreaterThan, ["-3"], "-2.5"),
            (FormConditionOperator.GreaterThan, ["abc"], "1"),
            (FormConditionOperator.GreaterThan, ["1e3"], "5"),
            (FormConditionOperator.GreaterThan, ["2026-01-02"], "2026-01-01"),
            (FormConditionOperator.GreaterThan, ["2026-02-30"], "2026-01-01"),
            (FormConditionOperator.LessThan, [" 1 "], "2"),
            (FormConditionOperator.LessThan, ["2025-12-31"], "2026-01-01"),
            (FormConditionOperator.LessThan, ["1.2.3"], "5"),
        ];
        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");
        var src = await page.Locator("script[type=module]").GetAttributeAsync("src");

        var script = await page.EvaluateAsync<bool[]>(
            "async ([src, cases]) => { const m = await import(src); return cases.map(c => m.holds(c.op, c.values, c.expected)); }",
            new object[] { src!, cases.Select(c => new { op = c.Op.ToString(), values = c.Values, expected = c.Expected }).ToArray() });

        var server = cases.Select(c => FormConditions.Holds(c.Op, c.Values, c.Expected)).ToArray();
        Assert.That(script, Is.EqualTo(server), string.Join("; ", cases.Select((c, i) => $"{c.Op} [{string.Join(",", c.Values)}] '{c.Expected}': server {server[i]}, script {script[i]}")));
    }

    [Test]
    public async Task Shows_and_disables_fields_like_the_server_When_conditions_chain_hide_with_any_and_use_Umbraco_spelling()
    {
        // B shows when A is ticked; C hides when B is not "x" or N > 3 (B hidden = unanswered); the hidden input H is
        // posted only while C is "ok". The script must decide every combination as FormConditions does on the server.
        const string Fixture = """
            <form class="survey__form">
              <div class="survey__field"><input type="checkbox" id="a" name="a" value="true"><label for="a">A</label></div>
              <div class="survey__field" id="wb" data-condition-action="Show" data-condition-logic="All"
                   data-condition-rules='[{"field":"a","operator":"Is","value":"on"}]'><label for="b">B</label><input type="text" id="b" name="b"></div>
              <div class="survey__field" id="wc" data-condition-action="Hide" data-condition-logic="Any"
                   data-condition-rules='[{"field":"b","operator":"IsNot","value":"x"},{"field":"n","operator":"GreaterThen","value":"3"}]'><label for="c">C</label><input type="text" id="c" name="c"></div>
              <div class="survey__field"><label for="n">N</label><input type="text" id="n" name="n"></div>
              <input type="hidden" name="h" value="1" data-condition-action="Show" data-condition-logic="All"
                     data-condition-rules='[{"field":"c","operator":"Is","value":"ok"}]'>
            </form>
            """;
        FormField Field(string alias, FormFieldType type, FormConditionActionType action = default, FormConditionLogicType logic = default, params (string Field, FormConditionOperator Op, string Value)[] rules) => new()
        {
            Key = Guid.NewGuid(),
            Alias = alias,
            Caption = alias,
            Type = type,
            Condition = rules.Length == 0 ? null : new FormCondition
            {
                ActionType = action,
                LogicType = logic,
                Rules = rules.Select(r => new FormConditionRule { Field = r.Field, Operator = r.Op, Value = r.Value }).ToList(),
            },
        };
        var b = Field("b", FormFieldType.ShortAnswer, FormConditionActionType.Show, FormConditionLogicType.All, ("a", FormConditionOperator.Is, "on"));
        var c = Field("c", FormFieldType.ShortAnswer, FormConditionActionType.Hide, FormConditionLogicType.Any,
            ("b", FormConditionOperator.IsNot, "x"), ("n", FormConditionOperator.GreaterThan, "3"));
        var h = Field("h", FormFieldType.Hidden, FormConditionActionType.Show, FormConditionLogicType.All, ("c", FormConditionOperator.Is, "ok"));
        var form = new FormDefinition
        {
            Pages = [new FormPage { Fieldsets = [new FormFieldset { Columns = [new FormColumn { Fields = [Field("a", FormFieldType.Checkbox), b, c, Field("n", FormFieldType.Number), h] }] }] }],
        };

        await using var context = await BrowserSite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umfrage/");
        var src = await page.Locator("script[type=module]").GetAttributeAsync("src");
        await page.EvaluateAsync("html => { document.querySelector('main').innerHTML = html; }", Fixture);
        await page.EvaluateAsync("src => import(src + '&fixture=chain')", src); // a new URL: the module runs again, on the fixture

        var mismatches = new List<string>();
        foreach (var ticked in new[] { false, true })
        {
            foreach (var bValue in new[] { "", "x", "y" })
            {
                foreach (var nValue in new[] { "", "5", "2,5" })
                {
                    foreach (var cValue in new[] { "ok", "" })
                    {
                        var script = await page.EvaluateAsync<bool[]>(
                            """
                            ([ticked, b, n, c]) => {
                              document.getElementById('a').checked = ticked;
                              document.getElementById('b').value = b;
                              document.getElementById('n').value = n;
                              document.getElementById('c').value = c;
                              document.querySelector('form').dispatchEvent(new Event('input', { bubbles: true }));
                              const shown = (id) => !document.getElementById(id).hidden && !document.getElementById(id).querySelector('input').disabled;
                              return [shown('wb'), shown('wc'), !document.querySelector('[name=h]').disabled];
                            }
                            """,
                            new object[] { ticked, bValue, nValue, cValue });
                        var values = new Dictionary<string, string[]>(StringComparer.Ordinal)
                        {
                            ["a"] = ticked ? ["true"] : [], ["b"] = [bValue], ["n"] = [nValue], ["c"] = [cValue], ["h"] = ["1"],
                        };
                        var conditions = new FormConditions(form, values);
                        var server = new[] { conditions.IsVisible(b), conditions.IsVisible(c), conditions.IsVisible(h) };
                        if (!server.SequenceEqual(script))
                        {
                            mismatches.Add($"a={ticked} b='{bValue}' n='{nValue}' c='{cValue}': server [{string.Join(",", server)}], script [{string.Join(",", script)}]");
                        }
                    }
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    /// <summary>Enter on the focused link or button, then wait for the next page (after a 303, the page it leads to) showing <paramref name="expected"/>.</summary>
    private static async Task PressEnterAndLoadAsync(IPage page, string expected)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            response => response.Request.IsNavigationRequest && response.Status is not (301 or 302 or 303));
        await page.WaitForLoadStateAsync(LoadState.Load);

        // The old document may still answer right after the response: wait for an element only the next page has.
        await page.Locator(expected).First.WaitForAsync();
    }

    private static async Task TabUntilAsync(IPage page, string selector, string? text = null)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(
                "([s, t]) => document.activeElement !== null && document.activeElement.matches(s) && (t === null || document.activeElement.textContent.trim() === t)",
                new object?[] { selector, text }))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }

    private static async Task<int> EntryCountAsync()
    {
        await using var db = await BrowserSite.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.CountAsync(e => e.FormKey == SurveyKey);
    }

    private static async Task<IReadOnlyDictionary<string, FormEntryValue>> LatestValuesAsync()
    {
        await using var db = await BrowserSite.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var entry = await db.FormEntries.Where(e => e.FormKey == SurveyKey).OrderByDescending(e => e.Id).FirstAsync();
        return FormEntryValues.Deserialize(entry.ValuesJson);
    }
}
