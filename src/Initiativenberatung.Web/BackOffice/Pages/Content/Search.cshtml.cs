using Initiativenberatung.Infrastructure.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>Content search: documents whose name or text contains the query (case, umlaut spelling and accents ignored), with links to edit.</summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class SearchModel(ContentQueryService queries, ContentSearchService search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<ContentTreeItem> Tree { get; private set; } = [];

    public IReadOnlyList<ContentSearchHit> Hits { get; private set; } = [];

    public bool HasQuery => !string.IsNullOrWhiteSpace(Query);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Query?.Trim();
        if (Query is { Length: > ContentSearchService.MaxQueryLength })
        {
            Query = Query[..ContentSearchService.MaxQueryLength];
        }

        Tree = await queries.TreeAsync(cancellationToken);
        Hits = await search.SearchAsync(Query, cancellationToken);
    }
}
