using Initiativenberatung.Core.Content;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Web.BackOffice.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>The recycle bin: restore documents or delete them for good (after a confirmation step).</summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class RecycleBinModel(ContentQueryService queries, ContentStructureService structure, IStringLocalizer<ContentText> text) : PageModel
{
    private IReadOnlyList<ContentNode> _trashed = [];

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public IReadOnlyList<ContentNode> Items { get; private set; } = [];

    public ContentNode? Confirm { get; private set; }

    /// <summary>How many pages below <see cref="Confirm"/> are deleted with it.</summary>
    public int ConfirmDescendants => Confirm is null ? 0 : CountTrashedDescendants(Confirm.Key);

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(Guid? delete, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Confirm = delete is { } key ? Items.FirstOrDefault(i => i.Key == key) : null;
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid key, CancellationToken cancellationToken)
    {
        var result = await structure.RestoreAsync(key, User.ToActor(), cancellationToken);
        if (result.Success)
        {
            Message = text["Message.RestoredNamed", result.Node!.Name];
            return RedirectToPage();
        }

        Error = result.Errors[0].Message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>First post asks for confirmation; only the second (with <paramref name="confirmed"/>) deletes.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid key, bool confirmed, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!confirmed)
        {
            Confirm = Items.FirstOrDefault(i => i.Key == key);
            if (Confirm is null)
            {
                Error = text["Message.DeleteOnlyTrashed"];
            }

            return Page();
        }

        var name = Items.FirstOrDefault(i => i.Key == key)?.Name;
        var result = await structure.DeleteAsync(key, User.ToActor(), cancellationToken);
        if (result.Success)
        {
            Message = text["Message.DeletedNamed", name ?? ""];
            return RedirectToPage();
        }

        Error = result.Errors[0].Message;
        return Page();
    }

    private int CountTrashedDescendants(Guid key)
    {
        var byParent = _trashed.Where(n => n.ParentKey is not null).ToLookup(n => n.ParentKey!.Value);
        var count = 0;
        var stack = new Stack<Guid>([key]);
        while (stack.Count > 0 && count < _trashed.Count)
        {
            foreach (var child in byParent[stack.Pop()])
            {
                count++;
                stack.Push(child.Key);
            }
        }

        return count;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Tree = await queries.TreeAsync(cancellationToken);
        var trashed = _trashed = await queries.TrashedAsync(cancellationToken);
        var trashedKeys = trashed.Select(t => t.Key).ToHashSet();

        // Only the top of each trashed branch; its descendants come back with it.
        Items = trashed.Where(t => t.ParentKey is not { } parent || !trashedKeys.Contains(parent)).OrderByDescending(t => t.UpdateDate).ToList();
    }
}
