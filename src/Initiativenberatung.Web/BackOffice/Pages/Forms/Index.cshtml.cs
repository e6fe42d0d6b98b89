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

    /// <summary>Name and entry count of a form just deleted (<c>?deleted=NAME&amp;entries=N</c>).</summary>
    public (string Name, int Entries)? Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? deleted, int? entries, CancellationToken cancellationToken)
    {
        Deleted = string.IsNullOrWhiteSpace(deleted) ? null : (deleted, Math.Max(0, entries ?? 0));
        Forms = await browser.SummariesAsync(cancellationToken);
        return Page();
    }
}
