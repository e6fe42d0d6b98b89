using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>List of document types, element types or media types.</summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class ContentTypesModel(SchemaService schema, IStringLocalizer<SettingsText> text) : PageModel
{
    [FromRoute]
    public string List { get; set; } = "";

    public IReadOnlyList<ContentType> Items { get; private set; } = [];

    public string Title { get; private set; } = "";

    public string CreateLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (SettingsLists.Parse(List) is not { } list)
        {
            return NotFound();
        }

        (Title, CreateLabel) = list switch
        {
            ContentTypeList.ElementTypes => (text["Settings.ElementTypes"].Value, text["ContentType.CreateElement"].Value),
            ContentTypeList.MediaTypes => (text["Settings.MediaTypes"].Value, text["ContentType.CreateMedia"].Value),
            _ => (text["Settings.DocumentTypes"].Value, text["ContentType.CreateDocument"].Value),
        };
        Items = [.. (await schema.GetContentTypesAsync(null, cancellationToken)).Where(t => SettingsLists.Of(t) == list)];
        return Page();
    }
}
