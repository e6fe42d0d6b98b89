using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>Marker for the survey's German texts (<c>Resources/Forms.Survey.SurveyText.resx</c>).</summary>
public sealed class SurveyText;

/// <summary>What the survey partial renders: one page of the form with the answers so far and the errors of the last post.</summary>
public sealed record SurveyFormModel(
    FormDefinition Form,
    int PageIndex,
    IReadOnlyDictionary<string, string[]> Values,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors,
    string StateToken)
{
    public const string StateField = "__state";
    public const string ActionField = "__aktion";
    public const string HoneypotField = "__homepage";
    public const string NextAction = "weiter";
    public const string PreviousAction = "zurueck";
    public const string SubmitAction = "absenden";

    public FormPage Page => Form.Pages[PageIndex];

    public bool IsFirstPage => PageIndex == 0;

    public bool IsLastPage => PageIndex >= Form.Pages.Count - 1;

    public IEnumerable<FormField> PageFields => Page.Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields);

    public string[] ValuesOf(FormField field) => Values.GetValueOrDefault(field.Alias) ?? [];

    public IReadOnlyList<string> ErrorsOf(FormField field) => Errors.GetValueOrDefault(field.Alias) ?? [];

    /// <summary>
    /// Whether the field is rendered: a condition that depends only on answers of other pages is applied on the server;
    /// a condition on a field of this same page cannot be known yet without JavaScript, so the field is shown (with its
    /// open condition as data for the script and as a hint, see <see cref="ConditionOf"/>), and its answer is ignored on
    /// submit when the condition hides it.
    /// </summary>
    public bool IsShown(FormField field) => ConditionOf(field).Rendered;

    /// <summary>The field's condition split for this page: rendered or not, and the rules still open on the page.</summary>
    public PageFieldCondition ConditionOf(FormField field) => PageConditions.Resolve(Form, PageIndex, Values, field);

    /// <summary>Whether any field on this page has a condition the browser can decide (then the page loads the script).</summary>
    public bool HasOpenConditions => PageFields.Any(f => ConditionOf(f).Open is not null);

    /// <summary>The element id of a field's (first) input, the target of the error summary's link.</summary>
    public static string InputId(FormField field) =>
        FormFieldTypes.HasOptions(field.Type) && field.Type != FormFieldType.Dropdown ? $"f-{field.Alias}-0" : $"f-{field.Alias}";
}
