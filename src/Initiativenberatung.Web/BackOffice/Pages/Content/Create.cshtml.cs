using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Web.BackOffice.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>Step one of creating a document: choose one of the document types allowed below the parent; the edit page does the rest.</summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class CreateModel(ContentEditorContextLoader contextLoader, ContentQueryService queries, IStringLocalizer<ContentText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Parent { get; set; }

    [BindProperty]
    public string? Type { get; set; }

    public ContentNode? ParentNode { get; private set; }

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public IReadOnlyList<ContentType> AllowedTypes { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (AllowedTypes.FirstOrDefault(t => string.Equals(t.Alias, Type, StringComparison.OrdinalIgnoreCase)) is not { } type)
        {
            Error = text["Message.ChooseAllowedType"];
            return Page();
        }

        return RedirectToPage("Edit", new { key = Guid.NewGuid(), parent = Parent, type = type.Alias });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var context = await contextLoader.LoadAsync(cancellationToken);
        Tree = context.Documents;
        ContentType? parentType = null;
        if (Parent is { } parentKey)
        {
            ParentNode = (await queries.GetAsync(parentKey, cancellationToken))?.Node;
            if (ParentNode is null || ParentNode.Trashed)
            {
                return false;
            }

            parentType = context.Schema.ByAlias(ParentNode.ContentTypeAlias);
        }

        AllowedTypes = context.Schema.All
            .Where(t => t.Kind == ContentTypeKind.Document && !t.IsElement && ContentValidator.ValidatePlacement(t, parentType) is null)
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
        return true;
    }
}
