using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.BackOffice.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Initiativenberatung.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Forms;

/// <summary>
/// The entries of a form: keyset-paged (cursor <c>after</c>/<c>before</c>), filtered by date range (default: last month),
/// state and free text, sorted by date, with a choice of visible columns (<c>cols</c>) — all in the query string.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Forms)]
public sealed class EntriesModel(FormDefinitionStore definitions, FormEntryBrowser browser, TimeProvider clock, IStringLocalizer<FormsText> text) : PageModel
{
    public const int PageSize = 50;
    public const int DefaultVisibleColumns = 4;

    /// <summary>The sort choices of the filter (query value, resource key).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> SortOptions =
    [
        ("desc", "Entries.Sort.Desc"),
        ("asc", "Entries.Sort.Asc"),
        ("id-desc", "Entries.Sort.IdDesc"),
        ("id-asc", "Entries.Sort.IdAsc"),
        ("state-asc", "Entries.Sort.StateAsc"),
        ("state-desc", "Entries.Sort.StateDesc"),
    ];

    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    public FormDefinition Form { get; private set; } = null!;

    public EntriesQuery Query { get; private set; } = null!;

    public IReadOnlyList<FormField> Fields { get; private set; } = [];

    public IReadOnlyList<FormField> VisibleFields { get; private set; } = [];

    public FormEntryPage Entries { get; private set; } = new([], null, null);

    public int Count { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? after, string? before, string? done, int? changed, CancellationToken cancellationToken)
    {
        var form = await definitions.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Form = form;
        Done = done switch
        {
            "deleted" => text["Entries.Deleted"].Value,
            "state" => text.Plural("Entries.StateChanged", Math.Max(0, changed ?? 0), Math.Max(0, changed ?? 0)).Value,
            _ => null,
        };
        Query = EntriesQuery.Parse(Request.Query, clock, k => text[k].Value);
        foreach (var (field, message) in Query.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        Fields = FormEntryExport.AnswerFields(form).ToList();
        VisibleFields = Query.Columns is null
            ? Fields.Take(DefaultVisibleColumns).ToList()
            : Fields.Where(f => Query.Columns.Contains(f.Alias, StringComparer.Ordinal)).ToList();

        var filter = Query.ToFilter(withIds: false);
        var backwards = EntriesQuery.ParseCursor(before) is not null;
        var cursor = backwards ? EntriesQuery.ParseCursor(before) : EntriesQuery.ParseCursor(after);
        Entries = await browser.PageAsync(form.Key, filter, Query.Sort, cursor, backwards, PageSize, cancellationToken);
        Count = await browser.CountAsync(form.Key, filter, cancellationToken);

        return Page();
    }
}
