using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>Confirmation (GET, <c>ids=…</c>) and deletion (POST with antiforgery) of selected entries of one form.</summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class DeleteModel(FormDefinitionStore definitions, FormEntryBrowser browser) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    public IReadOnlyList<FormEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Form = form;
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

        var ids = EntriesQuery.ParseIds(Request.Form["ids"]);
        await browser.DeleteAsync(User.ToFormsActor(), form, ids, cancellationToken);
        return Redirect($"/umbraco/forms/{form.Key}/entries?done=deleted");
    }
}
