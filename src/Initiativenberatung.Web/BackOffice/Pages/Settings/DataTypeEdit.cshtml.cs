using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>Create or edit a data type: name, editor (fixed once created), UI alias, folder, configuration as JSON.</summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class DataTypeEditModel(SchemaService schema, IStringLocalizer<SettingsText> text) : PageModel
{
    [FromRoute]
    public Guid? Key { get; set; }

    [BindProperty]
    public DataTypeForm Form { get; set; } = new();

    public DataType? Existing { get; private set; }

    public int UsageCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = Existing is null ? new DataTypeForm { ConfigJson = "{}" } : DataTypeForm.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await schema.SaveDataTypeAsync(Form.ToInput(Key), SettingsLists.Actor(User), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            SettingsLists.AddErrors(ModelState, nameof(Form), result.Errors);
            return Page();
        }

        TempData[SettingsMessages.TempDataKey] = new[] { string.Format(System.Globalization.CultureInfo.CurrentCulture, text["DataType.Saved"], result.Item!.Name) }
            .Concat(result.Notes).ToArray();
        return Redirect($"/umbraco/settings/data-types/edit/{result.Item.Key}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Key is not { } key)
        {
            return true;
        }

        Existing = await schema.GetDataTypeAsync(key, cancellationToken);
        UsageCount = (await schema.DataTypeUsageAsync(cancellationToken)).GetValueOrDefault(key);
        return Existing is not null;
    }
}
