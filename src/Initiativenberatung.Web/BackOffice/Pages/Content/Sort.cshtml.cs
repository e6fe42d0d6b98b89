using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Web.BackOffice.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>Sorts the children of one document (or the root level) by position numbers; works without JavaScript.</summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class SortModel(ContentQueryService queries, ContentStructureService structure, IStringLocalizer<ContentText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Parent { get; set; }

    [BindProperty]
    public List<Guid> Keys { get; set; } = [];

    [BindProperty]
    public List<int> Positions { get; set; } = [];

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public IReadOnlyList<ContentTreeItem> Children { get; private set; } = [];

    public string? ParentName { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Keys.Count != Positions.Count)
        {
            Error = text["Message.SortIncomplete"];
            return Page();
        }

        var ordered = Keys.Select((key, i) => (key, position: Positions[i], i)).OrderBy(x => x.position).ThenBy(x => x.i).Select(x => x.key).ToList();
        var result = await structure.SortAsync(Parent, ordered, User.ToActor(), cancellationToken);
        if (!result.Success)
        {
            Error = result.Errors[0].Message;
            return Page();
        }

        Message = text["Message.Sorted"];
        return Parent is { } key ? RedirectToPage("Edit", new { key }) : RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Tree = await queries.TreeAsync(cancellationToken);
        if (Parent is { } key)
        {
            var parent = Tree.FirstOrDefault(t => t.Key == key);
            if (parent is null || parent.Trashed)
            {
                return false;
            }

            ParentName = parent.Name;
        }

        Children = Tree.Where(t => t.ParentKey == Parent && !t.Trashed).OrderBy(t => t.SortOrder).ToList();
        return true;
    }
}
