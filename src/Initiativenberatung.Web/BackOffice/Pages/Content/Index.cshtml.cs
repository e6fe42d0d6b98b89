using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>The content section's dashboard: the tree and the recent changes.</summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class IndexModel(ContentQueryService queries) : PageModel
{
    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Tree = await queries.TreeAsync(cancellationToken);
        Recent = await queries.RecentChangesAsync(20, cancellationToken);
    }
}
