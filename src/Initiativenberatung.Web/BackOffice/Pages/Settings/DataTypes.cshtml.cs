using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Schema;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>List of data types: name, editor alias, folder, how many properties use it.</summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class DataTypesModel(SchemaService schema) : PageModel
{
    public IReadOnlyList<DataType> Items { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> Usage { get; private set; } = new Dictionary<Guid, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await schema.GetDataTypesAsync(cancellationToken);
        Usage = await schema.DataTypeUsageAsync(cancellationToken);
    }
}
