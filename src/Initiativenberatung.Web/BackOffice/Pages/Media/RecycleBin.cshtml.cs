using Initiativenberatung.Core.Media;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Web.BackOffice.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Media;

/// <summary>The media recycle bin: trashed items (with what was below them), restore or delete for good.</summary>
[Authorize(Policy = BackOfficePolicies.Media)]
public sealed class RecycleBinModel(MediaService media) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public IReadOnlyList<MediaItem> Items { get; private set; } = [];

    public MediaTreeModel Tree { get; private set; } = new([], null, true, 0);

    public List<string> Errors { get; } = [];

    public string? DoneMessage => Done is "deleted" or "restored" ? Done : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(Guid key, CancellationToken cancellationToken) =>
        await OutcomeAsync(await media.RestoreAsync(User.ToActor(), key, cancellationToken), "restored", cancellationToken);

    /// <summary>Deletes for good after the confirmation step (<paramref name="confirmed"/>); without it, shows that step.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid key, bool confirmed, CancellationToken cancellationToken) =>
        !confirmed
            ? Redirect(ConfirmModel.PathFor(key, ConfirmModel.Delete))
            : await OutcomeAsync(await media.DeleteAsync(User.ToActor(), key, cancellationToken), "deleted", cancellationToken);

    private async Task<IActionResult> OutcomeAsync(MediaResult result, string done, CancellationToken cancellationToken)
    {
        if (result.Success)
        {
            return Redirect("/umbraco/media/recycle-bin?done=" + done);
        }

        Errors.AddRange(result.Errors.Select(e => e.Message));
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await media.AllAsync(cancellationToken);
        Tree = MediaTreeModel.From(all, null, recycleBinCurrent: true);
        Items = await media.TrashedAsync(cancellationToken);
    }
}
