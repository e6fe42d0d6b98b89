using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>One bar of a chart: label, count and share (0–100).</summary>
public sealed record ResultBar(string Label, int Count, double Percent);

/// <summary>
/// The answers to one choice question: how many entries answered it and one bar per option (options first, then unknown
/// values, then "Keine Antwort" for the entries without one). Every share is of all entries, answered or not.
/// </summary>
public sealed record QuestionResult(string Alias, string Caption, bool Multiple, int Respondents, IReadOnlyList<ResultBar> Bars);

/// <summary>
/// Results of a form: per choice question a server-rendered SVG bar chart with a table alternative, and the entries per
/// month. Shares are of all entries of the form (<see cref="Total"/>): an option chosen in 1 of 3 entries is 33,3 %, whether
/// or not the other two answered; a checkbox or consent counts as Ja or Nein. Computed in one streaming pass over the entries (<see cref="FormEntryStore.ReadAsync"/>): memory depends on the
/// number of options and months, not on the number of entries.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class ResultsModel(FormDefinitionStore definitions, FormEntryStore entries, IStringLocalizer<FormsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    public int Total { get; private set; }

    public IReadOnlyList<QuestionResult> Questions { get; private set; } = [];

    public IReadOnlyList<ResultBar> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Form = form;
        var questions = form.AllFields()
            .Where(f => FormFieldTypes.HasOptions(f.Type) || f.Type is FormFieldType.Checkbox or FormFieldType.DataConsent)
            .ToList();
        var counts = questions.ToDictionary(q => q.Alias, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var respondents = questions.ToDictionary(q => q.Alias, _ => 0, StringComparer.Ordinal);
        var months = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var entry in entries.ReadAsync(form.Key, new FormEntryQuery(BatchSize: 2000), cancellationToken))
        {
            total++;
            var month = entry.SubmittedOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            months[month] = months.GetValueOrDefault(month) + 1;
            var values = FormEntryValues.Deserialize(entry.ValuesJson);
            foreach (var question in questions)
            {
                if (!values.TryGetValue(question.Alias, out var answer) || answer.Values.Count == 0)
                {
                    continue;
                }

                respondents[question.Alias]++;
                var perOption = counts[question.Alias];
                foreach (var value in answer.Values.Distinct(StringComparer.Ordinal))
                {
                    perOption[value] = perOption.GetValueOrDefault(value) + 1;
                }
            }
        }

        Total = total;
        Questions = questions.Select(q => Result(q, counts[q.Alias], respondents[q.Alias], total)).ToList();
        Months = months.Select(m => Bar(m.Key, m.Value, total)).ToList();
        return Page();
    }

    private QuestionResult Result(FormField question, Dictionary<string, int> perOption, int answered, int total)
    {
        List<ResultBar> bars;
        if (question.Type is FormFieldType.Checkbox or FormFieldType.DataConsent)
        {
            var ticked = perOption.Where(p => FormConditions.IsTicked(p.Key)).Sum(p => p.Value);
            bars = [Bar(FormEntryExport.Yes, ticked, total), Bar(FormEntryExport.No, total - ticked, total)];
            return new QuestionResult(question.Alias, question.Caption, false, total, bars);
        }

        bars = question.Options.Select(o => Bar(o.Caption, perOption.GetValueOrDefault(o.Value) + (o.Value == o.Caption ? 0 : perOption.GetValueOrDefault(o.Caption)), total)).ToList();
        var known = question.Options.SelectMany(o => new[] { o.Value, o.Caption }).ToHashSet(StringComparer.Ordinal);
        bars.AddRange(perOption.Where(p => !known.Contains(p.Key)).OrderByDescending(p => p.Value).Select(p => Bar(p.Key, p.Value, total)));
        if (total > answered)
        {
            bars.Add(Bar(text["Results.NoAnswer"].Value, total - answered, total));
        }

        return new QuestionResult(question.Alias, question.Caption, question.AllowsMultiple, answered, bars);
    }

    private static ResultBar Bar(string label, int count, int of) => new(label, count, of == 0 ? 0 : 100.0 * count / of);
}
