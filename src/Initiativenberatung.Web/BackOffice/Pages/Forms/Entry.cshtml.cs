using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>One entry: every answer with its caption, including answers of fields removed from the form since.</summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class EntryModel(FormDefinitionStore definitions, FormEntryBrowser browser, IStringLocalizer<FormsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    /// <summary>Whether the state was just changed (<c>?done=state</c>).</summary>
    public bool Done { get; private set; }

    public FormEntry Entry { get; private set; } = null!;

    /// <summary>Caption, answer values, and whether the field is no longer part of the form.</summary>
    public IReadOnlyList<(string Caption, IReadOnlyList<string> Values, bool Removed)> Answers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        var entry = form is null ? null : await browser.GetAsync(form.Key, Id, cancellationToken);
        if (form is null || entry is null)
        {
            return NotFound();
        }

        Form = form;
        Entry = entry;
        Done = Request.Query["done"] == "state";
        var values = FormEntryValues.Deserialize(entry.ValuesJson);
        var answers = new List<(string, IReadOnlyList<string>, bool)>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in FormEntryExport.AnswerFields(form))
        {
            known.Add(field.Alias);
            answers.Add((field.Caption, AnswerDisplay.Values(field, values.TryGetValue(field.Alias, out var v) ? v.Values : []), false));
        }

        answers.AddRange(values.Where(v => !known.Contains(v.Key)).Select(v => (v.Value.Caption, v.Value.Values, true)));
        Answers = answers;
        return Page();
    }

    /// <summary>Sets the state of this entry (POST with antiforgery, audited): <c>state=Approved|Submitted</c>.</summary>
    public async Task<IActionResult> OnPostStateAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        var entry = form is null ? null : await browser.GetAsync(form.Key, Id, cancellationToken);
        if (form is null || entry is null)
        {
            return NotFound();
        }

        if (StateModel.ParseState(Request.Form["state"]) is not { } state)
        {
            ModelState.AddModelError("state", text["State.Error.Target"].Value);
            return BadRequest();
        }

        await browser.SetStateAsync(User.ToFormsActor(), form, [entry.Id], state, cancellationToken);
        return Redirect($"/umbraco/forms/{form.Key}/entries/{entry.Id}?done=state");
    }
}
