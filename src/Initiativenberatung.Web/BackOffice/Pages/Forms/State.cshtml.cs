using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>
/// State change of selected entries: confirmation (GET, <c>ids=…&amp;target=Approved|Submitted</c>, reached from the list's
/// selection buttons) and the change (POST with antiforgery, audited). An unknown target state is a 400. The parameter is
/// <c>target</c>, not <c>to</c>: the list's form also carries the date filter's <c>to</c>.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class StateModel(FormDefinitionStore definitions, FormEntryBrowser browser, IStringLocalizer<FormsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    public FormEntryState Target { get; private set; }

    public IReadOnlyList<FormEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        if (ParseState(Request.Query["target"]) is not { } target)
        {
            return UnknownTarget();
        }

        Form = form;
        Target = target;
        Entries = await browser.GetManyAsync(form.Key, EntriesQuery.ParseIds(Request.Query["ids"]), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        if (ParseState(Request.Form["target"]) is not { } target)
        {
            return UnknownTarget();
        }

        var changed = await browser.SetStateAsync(User.ToFormsActor(), form, EntriesQuery.ParseIds(Request.Form["ids"]), target, cancellationToken);
        return Redirect($"/umbraco/forms/{form.Key}/entries?done=state&changed={changed}");
    }

    private BadRequestResult UnknownTarget()
    {
        ModelState.AddModelError("target", text["State.Error.Target"].Value);
        return BadRequest();
    }

    /// <summary>The state name (<c>Approved</c>, <c>Submitted</c>); numbers and unknown names give null.</summary>
    public static FormEntryState? ParseState(string? text) =>
        !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && !text.StartsWith('-') && Enum.TryParse<FormEntryState>(text, ignoreCase: false, out var state) && Enum.IsDefined(state)
            ? state
            : null;
}
