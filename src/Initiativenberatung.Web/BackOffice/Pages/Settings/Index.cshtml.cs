using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>Overview of the settings section (administrators).</summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class IndexModel(SchemaService schema) : PageModel
{
    public int DataTypes { get; private set; }

    public int DocumentTypes { get; private set; }

    public int ElementTypes { get; private set; }

    public int MediaTypes { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DataTypes = (await schema.GetDataTypesAsync(cancellationToken)).Count;
        var types = await schema.GetContentTypesAsync(null, cancellationToken);
        DocumentTypes = types.Count(t => SettingsLists.Of(t) == ContentTypeList.DocumentTypes);
        ElementTypes = types.Count(t => SettingsLists.Of(t) == ContentTypeList.ElementTypes);
        MediaTypes = types.Count(t => SettingsLists.Of(t) == ContentTypeList.MediaTypes);
    }
}
