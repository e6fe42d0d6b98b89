using Initiativenberatung.Core.Media;
using Initiativenberatung.Infrastructure.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Media;

/// <summary>
/// The confirmation step before a media item goes to the recycle bin (its files stop being served) or is deleted for good:
/// names the item, how many items it takes along (folders) and the published pages that show it, then posts to the edit
/// page's handler with <c>confirmed=true</c>. Works without JavaScript.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Media)]
public sealed class ConfirmModel(MediaService media) : PageModel
{
    public const string Trash = "trash";
    public const string Delete = "delete";

    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Operation { get; set; } = "";

    public MediaItem Item { get; private set; } = null!;

    /// <summary>The item and everything below it that the operation affects.</summary>
    public IReadOnlyList<MediaItem> Affected { get; private set; } = [];

    /// <summary>Published pages (not in the recycle bin) that show one of the affected items.</summary>
    public IReadOnlyList<MediaUsage> PublishedUsages { get; private set; } = [];

    public MediaTreeModel Tree { get; private set; } = new([], null, false, 0);

    public bool IsTrash => Operation == Trash;

    public static string PathFor(Guid key, string operation) => $"{BackOfficeRegistration.PathPrefix}/media/confirm/{key:D}/{operation}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await media.AllAsync(cancellationToken);
        if (Operation is not (Trash or Delete) || all.FirstOrDefault(m => m.Key == Key) is not { } item)
        {
            return NotFound();
        }

        if (item.Trashed == IsTrash)
        {
            // Already in the recycle bin (trash) or not yet there (delete): the item page shows what is possible.
            return Redirect($"{BackOfficeRegistration.PathPrefix}/media/edit/{Key}");
        }

        Item = item;
        var byParent = all.Where(m => m.ParentKey is not null).ToLookup(m => m.ParentKey!.Value);
        var affected = new List<MediaItem> { item };
        for (var i = 0; i < affected.Count; i++)
        {
            affected.AddRange(byParent[affected[i].Key].Where(child => child.Trashed != IsTrash && affected.All(a => a.Key != child.Key)));
        }

        Affected = affected;
        var usages = new Dictionary<Guid, MediaUsage>();
        foreach (var file in affected.Where(a => !a.IsFolder()))
        {
            foreach (var usage in await media.UsagesAsync(file.Key, cancellationToken))
            {
                if (usage.InPublished && !usage.Trashed)
                {
                    usages.TryAdd(usage.ContentKey, usage);
                }
            }
        }

        PublishedUsages = [.. usages.Values.OrderBy(u => u.Name, StringComparer.CurrentCulture)];
        Tree = MediaTreeModel.From(all, item.Trashed ? null : item.ParentKey, recycleBinCurrent: item.Trashed);
        return Page();
    }
}
