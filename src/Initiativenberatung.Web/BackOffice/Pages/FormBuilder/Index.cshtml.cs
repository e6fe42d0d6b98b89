using System.Globalization;
using System.Text;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Web.BackOffice.FormBuilder;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.FormBuilder;

/// <summary>The form builder's list of forms and the "new form" form.</summary>
[Authorize(Policy = BackOfficePolicies.FormBuilder)]
public sealed class IndexModel(FormBuilderService forms, IStringLocalizer<FormBuilderText> text) : PageModel
{
    public IReadOnlyList<FormDefinitionRecord> Forms { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public string? NewAlias { get; set; }

    public IReadOnlyList<FormDefinitionError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Forms = await forms.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var name = NewName?.Trim() ?? "";
        var alias = string.IsNullOrWhiteSpace(NewAlias) ? AliasFrom(name) : NewAlias.Trim();
        var form = FormBuilderService.NewForm(name, alias);
        var result = await forms.SaveAsync(form, created: true, SettingsLists.Actor(User), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field == "Name" ? nameof(NewName) : error.Field == "Alias" ? nameof(NewAlias) : "", error.Message);
            }

            Forms = await forms.ListAsync(cancellationToken);
            return Page();
        }

        TempData[EditModel.MessageKey] = new[] { string.Format(CultureInfo.CurrentCulture, text["Form.Created"], form.Name) }.Concat(result.Notes).ToArray();
        return Redirect($"/umbraco/forms/builder/{form.Key}");
    }

    /// <summary>A URL-style alias from a name: lower case, umlauts spelled out, other characters become single hyphens.</summary>
    public static string AliasFrom(string name)
    {
        var builder = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            var part = ch switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when ch is >= 'a' and <= 'z' or >= '0' and <= '9' => ch.ToString(),
                _ => "-",
            };
            if (part == "-" && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }

            builder.Append(part);
        }

        return builder.ToString().TrimEnd('-');
    }

    public static int FieldCount(FormDefinitionRecord record)
    {
        try
        {
            return FormDefinitionStore.ToDefinition(record).AllFields().Count();
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
