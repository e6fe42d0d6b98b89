using System.Globalization;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Usync;
using Initiativenberatung.Web.BackOffice.FormBuilder;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.FormBuilder;

/// <summary>
/// Edits one form: settings, pages, fieldsets, columns and fields. The whole definition is posted with every button; add,
/// move and remove are page handlers that change the posted state and render it again without saving (works without
/// JavaScript). "Speichern" validates everything on the server and stores it.
/// </summary>
[Authorize(Policy = BackOfficePolicies.FormBuilder)]
public sealed partial class EditModel(FormBuilderService forms, UsyncOverwriteNotice usyncNotice, IStringLocalizer<FormBuilderText> text) : PageModel
{
    public const string MessageKey = "FormBuilder.Messages";

    [FromRoute]
    public Guid Key { get; set; }

    [BindProperty]
    public FormDefinition Form { get; set; } = new();

    /// <summary>The administrator's confirmation of a change to retention, local storage or time precision.</summary>
    [BindProperty]
    public bool ProtectedChangeConfirmed { get; set; }

    /// <summary>Only administrators change the protected settings; others see them read-only.</summary>
    public bool MayChangeProtectedSettings => User.IsInRole(BackOfficeRoles.Administrator);

    /// <summary>Whether the list of protected changes waits for the confirmation.</summary>
    public bool AsksForConfirmation => Errors.Any(e => e.Field == ProtectedFormSettings.ConfirmationField);

    /// <summary>A German warning when the next start's uSync import overwrites forms changed here; <c>null</c> otherwise.</summary>
    public string? UsyncWarning => usyncNotice.Warning(UsyncParts.Forms);

    public IReadOnlyList<(Guid Key, string Name)> ContentPages { get; private set; } = [];

    public IReadOnlyList<FormDefinitionError> Errors { get; private set; } = [];

    public IReadOnlyList<string> Messages { get; private set; } = [];

    /// <summary>Id of the element that gets the focus after a page handler.</summary>
    public string? FocusId { get; private set; }

    public string Title => string.Format(CultureInfo.CurrentCulture, text["Edit.Title"], Form.Name);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var form = await forms.GetAsync(Key, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Form = form;
        Messages = TempData[MessageKey] as string[] ?? [];
        ContentPages = await forms.ContentPagesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var unreadable = UnreadableInputs();
        await BeginAsync(cancellationToken);
        if (unreadable.Count > 0)
        {
            Errors = [.. unreadable.Select(u => new FormDefinitionError(u.Key[5..], string.Format(CultureInfo.CurrentCulture, text["Validation.ValueInvalid"], u.Value, NameOf(u.Key))))];
        }

        var mode = !MayChangeProtectedSettings ? ProtectedSettingsMode.Keep
            : ProtectedChangeConfirmed ? ProtectedSettingsMode.Change : ProtectedSettingsMode.ChangeIfConfirmed;
        var result = Errors.Count > 0 ? null : await forms.SaveAsync(Form, created: false, SettingsLists.Actor(User), mode, cancellationToken);
        if (result is not { Succeeded: true })
        {
            Errors = result?.Errors ?? Errors;
            foreach (var error in Errors)
            {
                ModelState.AddModelError(error.Field.Length == 0 ? "" : "Form." + error.Field, error.Message);
            }

            FocusId = "error-summary";
            return Page();
        }

        TempData[MessageKey] = new[] { string.Format(CultureInfo.CurrentCulture, text["Form.Saved"], Form.Name) }.Concat(result.Notes).ToArray();
        return Redirect($"/umbraco/forms/builder/{Key}");
    }

    public async Task<IActionResult> OnPostAddPageAsync(CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        Form.Pages.Add(FormBuilderService.NewPage());
        FocusId = Id($"Form.Pages[{Form.Pages.Count - 1}].Caption");
        return Page();
    }

    public async Task<IActionResult> OnPostMovePageAsync(int p, int offset, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        var target = p + Math.Sign(offset);
        if (In(Form.Pages, p) && In(Form.Pages, target))
        {
            (Form.Pages[p], Form.Pages[target]) = (Form.Pages[target], Form.Pages[p]);
            FocusId = $"page-{target}-move{(offset < 0 ? "up" : "down")}";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemovePageAsync(int p, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (In(Form.Pages, p) && Form.Pages.Count > 1)
        {
            Form.Pages.RemoveAt(p);
            FocusId = "add-page";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddFieldsetAsync(int p, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (In(Form.Pages, p))
        {
            Form.Pages[p].Fieldsets.Add(new FormFieldset { Key = Guid.NewGuid(), Columns = [new FormColumn()] });
            FocusId = Id($"Form.Pages[{p}].Fieldsets[{Form.Pages[p].Fieldsets.Count - 1}].Caption");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveFieldsetAsync(int p, int s, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (In(Form.Pages, p) && In(Form.Pages[p].Fieldsets, s) && Form.Pages[p].Fieldsets.Count > 1)
        {
            var removed = Form.Pages[p].Fieldsets[s];
            Form.Pages[p].Fieldsets.RemoveAt(s);
            // Fields of a removed fieldset move to the first column of the page (nothing is lost silently).
            Form.Pages[p].Fieldsets[0].Columns[0].Fields.AddRange(removed.Columns.SelectMany(c => c.Fields));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddColumnAsync(int p, int s, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (In(Form.Pages, p) && In(Form.Pages[p].Fieldsets, s))
        {
            Form.Pages[p].Fieldsets[s].Columns.Add(new FormColumn());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveColumnAsync(int p, int s, int c, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (In(Form.Pages, p) && In(Form.Pages[p].Fieldsets, s) && In(Form.Pages[p].Fieldsets[s].Columns, c) && Form.Pages[p].Fieldsets[s].Columns.Count > 1)
        {
            var columns = Form.Pages[p].Fieldsets[s].Columns;
            var removed = columns[c];
            columns.RemoveAt(c);
            columns[0].Fields.AddRange(removed.Fields);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddFieldAsync(int p, int s, int c, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Column(p, s, c) is not { } column)
        {
            return Page();
        }

        var type = Enum.TryParse<FormFieldType>(Request.Form[NewTypeName(p, s, c)], out var parsed) && Enum.IsDefined(parsed) ? parsed : FormFieldType.ShortAnswer;
        var alias = "feld" + (Form.AllFields().Count() + 1).ToString(CultureInfo.InvariantCulture);
        for (var n = Form.AllFields().Count() + 2; Form.AllFields().Any(f => string.Equals(f.Alias, alias, StringComparison.OrdinalIgnoreCase)); n++)
        {
            alias = "feld" + n.ToString(CultureInfo.InvariantCulture);
        }

        var field = new FormField { Key = Guid.NewGuid(), Type = type, Alias = alias, Caption = text["Field.NewCaption"] };
        if (FormFieldTypes.HasOptions(type))
        {
            field.Options.Add(new FormOption("", ""));
        }

        column.Fields.Add(field);
        FocusId = Id($"{FieldPath(p, s, c, column.Fields.Count - 1)}.Caption");
        return Page();
    }

    public async Task<IActionResult> OnPostMoveFieldAsync(int p, int s, int c, int f, int offset, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Column(p, s, c) is { } column && In(column.Fields, f) && In(column.Fields, f + Math.Sign(offset)))
        {
            var target = f + Math.Sign(offset);
            (column.Fields[f], column.Fields[target]) = (column.Fields[target], column.Fields[f]);
            FocusId = Id($"{FieldPath(p, s, c, target)}.Move{(offset < 0 ? "Up" : "Down")}");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMoveFieldToPageAsync(int p, int s, int c, int f, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Column(p, s, c) is { } column && In(column.Fields, f)
            && int.TryParse(Request.Form[MoveToName(p, s, c, f)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var target)
            && In(Form.Pages, target) && target != p && Column(target, 0, 0) is { } destination)
        {
            var field = column.Fields[f];
            column.Fields.RemoveAt(f);
            destination.Fields.Add(field);
            FocusId = Id($"{FieldPath(target, 0, 0, destination.Fields.Count - 1)}.Caption");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveFieldAsync(int p, int s, int c, int f, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Column(p, s, c) is { } column && In(column.Fields, f))
        {
            column.Fields.RemoveAt(f);
            FocusId = Id(NewTypeName(p, s, c));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddOptionAsync(int p, int s, int c, int f, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Field(p, s, c, f) is { } field)
        {
            field.Options.Add(new FormOption("", ""));
            FocusId = Id($"{FieldPath(p, s, c, f)}.Options[{field.Options.Count - 1}].Caption");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMoveOptionAsync(int p, int s, int c, int f, int o, int offset, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Field(p, s, c, f) is { } field && In(field.Options, o) && In(field.Options, o + Math.Sign(offset)))
        {
            var target = o + Math.Sign(offset);
            (field.Options[o], field.Options[target]) = (field.Options[target], field.Options[o]);
            FocusId = Id($"{FieldPath(p, s, c, f)}.Options[{target}].Caption");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveOptionAsync(int p, int s, int c, int f, int o, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Field(p, s, c, f) is { } field && In(field.Options, o))
        {
            field.Options.RemoveAt(o);
            FocusId = Id($"{FieldPath(p, s, c, f)}.AddOption");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddRuleAsync(int p, int s, int c, int f, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Field(p, s, c, f) is { } field)
        {
            field.Condition ??= new FormCondition();
            field.Condition.Rules.Add(new FormConditionRule());
            FocusId = Id($"{FieldPath(p, s, c, f)}.Condition.Rules[{field.Condition.Rules.Count - 1}].Field");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveRuleAsync(int p, int s, int c, int f, int r, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        if (Field(p, s, c, f) is { Condition: { } condition } field && In(condition.Rules, r))
        {
            condition.Rules.RemoveAt(r);
            if (condition.Rules.Count == 0)
            {
                field.Condition = null;
            }

            FocusId = Id($"{FieldPath(p, s, c, f)}.AddRule");
        }

        return Page();
    }

    /// <summary>Inputs whose posted text could not be converted (e.g. an unknown field type or "abc" as a number): key → posted text.</summary>
    private Dictionary<string, string> UnreadableInputs() =>
        ModelState.Where(e => e.Key.StartsWith("Form.", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0, AttemptedValue.Length: > 0 })
            .ToDictionary(e => e.Key, e => e.Value!.AttemptedValue!, StringComparer.Ordinal);

    /// <summary>The caption of the field an input belongs to, or the form's name.</summary>
    private string NameOf(string key)
    {
        var field = FieldPathPattern().Match(key) is { Success: true } m
            ? Field(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))
            : null;
        return field is null ? Form.Name : field.Caption.Length > 0 ? field.Caption : field.Alias;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Form\.Pages\[(\d+)\]\.Fieldsets\[(\d+)\]\.Columns\[(\d+)\]\.Fields\[(\d+)\]\.")]
    private static partial System.Text.RegularExpressions.Regex FieldPathPattern();

    /// <summary>The posted state without model-binding messages (all rules are checked by the service, in German).</summary>
    private async Task BeginAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Form.Key = Key;
        FormDefinitionValidator.Normalize(Form);
        ContentPages = await forms.ContentPagesAsync(cancellationToken);
    }

    private FormColumn? Column(int p, int s, int c) =>
        In(Form.Pages, p) && In(Form.Pages[p].Fieldsets, s) && In(Form.Pages[p].Fieldsets[s].Columns, c) ? Form.Pages[p].Fieldsets[s].Columns[c] : null;

    private FormField? Field(int p, int s, int c, int f) =>
        Column(p, s, c) is { } column && In(column.Fields, f) ? column.Fields[f] : null;

    private static bool In<T>(List<T> list, int index) => index >= 0 && index < list.Count;

    public static string FieldPath(int p, int s, int c, int f) =>
        string.Create(CultureInfo.InvariantCulture, $"Form.Pages[{p}].Fieldsets[{s}].Columns[{c}].Fields[{f}]");

    public static string NewTypeName(int p, int s, int c) => string.Create(CultureInfo.InvariantCulture, $"NewType-{p}-{s}-{c}");

    public static string MoveToName(int p, int s, int c, int f) => string.Create(CultureInfo.InvariantCulture, $"MoveTo-{p}-{s}-{c}-{f}");

    /// <summary>The HTML id of an input name (as the tag helpers make it).</summary>
    public static string Id(string name) => name.Replace('[', '_').Replace(']', '_').Replace('.', '_');

    public string? Error(string name) =>
        ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
