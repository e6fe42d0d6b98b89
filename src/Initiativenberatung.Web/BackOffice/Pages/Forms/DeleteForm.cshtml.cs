using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>Deleting a form with its entries: confirmation with the number of entries (GET), deletion (POST, antiforgery). Administrators only.</summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
[Authorize(Roles = BackOfficeRoles.Administrator)]
public sealed class DeleteFormModel(FormDefinitionStore definitions, FormEntryBrowser browser, FormDeletion deletion) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    public int Count { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Form = form;
        Count = await browser.CountAsync(form.Key, new FormEntryFilter(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        var result = await deletion.DeleteAsync(User.ToFormsActor(), form, cancellationToken);
        return Redirect($"/umbraco/forms?deleted={Uri.EscapeDataString(form.Name)}&entries={result.Entries}");
    }
}
