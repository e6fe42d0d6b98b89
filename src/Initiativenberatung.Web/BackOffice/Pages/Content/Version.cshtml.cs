using Initiativenberatung.Infrastructure.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>
/// One version of a document: author, time, state, a side-by-side word diff of the changed fields against the current draft
/// (or the version before it), a preview link and the rollback with a confirmation step (works without JavaScript).
/// </summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class VersionModel(ContentQueryService queries, ContentHistoryService history) : PageModel
{
    public const string AgainstPrevious = "previous";

    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public int VersionId { get; set; }

    /// <summary><c>previous</c>: compare with the version before this one instead of the current draft.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Against { get; set; }

    /// <summary>Shows the rollback confirmation.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Rollback { get; set; }

    public ContentVersionComparison Comparison { get; private set; } = null!;

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public static string PathFor(Guid key, int versionId) => $"{BackOfficeRegistration.PathPrefix}/content/versions/{key:D}/{versionId}";

    public string SelfPath => PathFor(Key, VersionId);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (await history.CompareAsync(Key, VersionId, string.Equals(Against, AgainstPrevious, StringComparison.Ordinal), cancellationToken) is not { } comparison)
        {
            return NotFound();
        }

        Comparison = comparison;
        Tree = await queries.TreeAsync(cancellationToken);
        return Page();
    }
}
