using Initiativenberatung.Infrastructure.Forms.Entries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>The forms section: every form with its number of entries and the newest entry.</summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class IndexModel(FormEntryBrowser browser) : PageModel
{
    public IReadOnlyList<FormEntrySummary> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Forms = await browser.SummariesAsync(cancellationToken);
        return Page();
    }
}
