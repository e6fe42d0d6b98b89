using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>
/// The confirmation step before a document is trashed or unpublished: names every published page that goes offline
/// (the document and its published descendants) and posts to the edit page's handler with <c>confirmed=true</c>.
/// Works without JavaScript.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class ConfirmModel(ContentQueryService queries, IPublishedSnapshotAccessor snapshots) : PageModel
{
    public const string Trash = "trash";
    public const string Unpublish = "unpublish";

    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Operation { get; set; } = "";

    public ContentNode Node { get; private set; } = null!;

    public IReadOnlyList<(ContentNode Node, string? Route)> GoingOffline { get; private set; } = [];

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public bool IsTrash => Operation == Trash;

    /// <summary>The edit page handler the confirmed form posts to.</summary>
    public string Handler => IsTrash ? "Trash" : "Unpublish";

    public static string PathFor(Guid key, string operation) => $"{BackOfficeRegistration.PathPrefix}/content/confirm/{key:D}/{operation}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Operation is not (Trash or Unpublish) || await queries.GoingOfflineAsync(Key, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (found.Node.Trashed || (!IsTrash && !found.Node.IsPublished))
        {
            // Nothing to confirm: back to the document, which shows its state.
            return Redirect($"{BackOfficeRegistration.PathPrefix}/content/edit/{Key:D}");
        }

        Node = found.Node;
        GoingOffline = found.GoingOffline.Select(n => (n, snapshots.Current.GetByKey(n.Key)?.Route)).ToList();
        Tree = await queries.TreeAsync(cancellationToken);
        return Page();
    }
}
