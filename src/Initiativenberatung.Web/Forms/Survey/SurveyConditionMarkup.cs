using System.Text.Encodings.Web;
using System.Text.Json;
using Initiativenberatung.Core.Forms;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>
/// What the survey page writes for a field whose condition is still open on the page (see <see cref="PageConditions"/>):
/// the rules as data attributes for <c>wwwroot/js/survey-conditions.js</c>, and a German sentence („Nur beantworten, wenn …“)
/// that the page shows next to the field for visitors without JavaScript (the script removes it when it takes over).
/// </summary>
public static class SurveyConditionMarkup
{
    public const string ActionAttribute = "data-condition-action";
    public const string LogicAttribute = "data-condition-logic";
    public const string RulesAttribute = "data-condition-rules";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The attributes for the field's wrapper (with a leading space), or nothing when the condition is decided. Written by hand
    /// because Razor renders <c>data-*</c> attributes even when their value is <c>null</c>.
    /// </summary>
    public static IHtmlContent Attributes(FormDefinition form, FormCondition? open)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (open is null)
        {
            return HtmlString.Empty;
        }

        var encoder = HtmlEncoder.Default;
        return new HtmlString(
            $" {ActionAttribute}=\"{open.ActionType}\" {LogicAttribute}=\"{open.LogicType}\" {RulesAttribute}=\"{encoder.Encode(RulesJson(form, open))}\"");
    }

    /// <summary>The open rules as JSON: <c>[{"field":"alias","operator":"Is","value":"…"}]</c> (the field is its input name, the alias).</summary>
    public static string RulesJson(FormDefinition form, FormCondition open)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(open);
        var rules = open.Rules.Select(r => new ClientRule(form.FindField(r.Field)?.Alias ?? r.Field, r.Operator.ToString(), r.Value));
        return JsonSerializer.Serialize(rules, Json);
    }

    /// <summary>The sentence for visitors without JavaScript, e.g. „Nur beantworten, wenn Sie bei „Frage“ „Sonstige“ ausgewählt haben.“</summary>
    public static string Hint(FormDefinition form, FormCondition open, IStringLocalizer<SurveyText> text)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(text);
        var parts = open.Rules.Select(rule => Describe(form, rule, text));
        var joined = string.Join(text[open.LogicType == FormConditionLogicType.All ? "Survey.Condition.And" : "Survey.Condition.Or"].Value, parts);
        return text[open.ActionType == FormConditionActionType.Show ? "Survey.Condition.Show" : "Survey.Condition.Hide", joined].Value;
    }

    private static string Describe(FormDefinition form, FormConditionRule rule, IStringLocalizer<SurveyText> text)
    {
        var field = form.FindField(rule.Field);
        var caption = field?.Caption is { Length: > 0 } c ? c : rule.Field;
        var value = field?.Options.FirstOrDefault(o => string.Equals(o.Value.Trim(), rule.Value.Trim(), StringComparison.OrdinalIgnoreCase))?.Caption ?? rule.Value;
        var tickable = field?.Type is FormFieldType.Checkbox or FormFieldType.DataConsent;
        var choice = field?.Type is FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown;
        var key = rule.Operator switch
        {
            FormConditionOperator.Is when tickable && FormConditions.IsTicked(rule.Value) => "Survey.Condition.Ticked",
            FormConditionOperator.IsNot when tickable && FormConditions.IsTicked(rule.Value) => "Survey.Condition.NotTicked",
            FormConditionOperator.Is when choice => "Survey.Condition.IsChoice",
            FormConditionOperator.IsNot when choice => "Survey.Condition.IsNotChoice",
            FormConditionOperator.Is => "Survey.Condition.Is",
            FormConditionOperator.IsNot => "Survey.Condition.IsNot",
            FormConditionOperator.Contains => "Survey.Condition.Contains",
            FormConditionOperator.NotContains => "Survey.Condition.NotContains",
            FormConditionOperator.StartsWith => "Survey.Condition.StartsWith",
            FormConditionOperator.EndsWith => "Survey.Condition.EndsWith",
            FormConditionOperator.GreaterThan => "Survey.Condition.GreaterThan",
            _ => "Survey.Condition.LessThan",
        };
        return text[key, caption, value].Value;
    }

    private sealed record ClientRule(string Field, string Operator, string Value);
}
