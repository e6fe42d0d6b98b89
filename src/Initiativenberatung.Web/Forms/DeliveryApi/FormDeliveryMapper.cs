using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Publishing;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>
/// Maps a form definition to Umbraco Forms' delivery shape. Pure: the messages are the ones the server-side validation
/// gives (templates filled with the caption), conditions name fields by id as Umbraco Forms does, and internal settings
/// (store entries, retention, time precision, message templates) stay inside.
/// </summary>
public static class FormDeliveryMapper
{
    /// <summary>Umbraco Forms' default: mandatory fields are marked with the indicator.</summary>
    public const string FieldIndicationType = "MarkMandatoryFields";

    private static readonly FormConditionDto NoCondition = new(nameof(FormConditionActionType.Show), nameof(FormConditionLogicType.All), []);

    public static FormDefinitionDto ToDefinition(FormDefinition form, PublishedSnapshot snapshot)
    {
        var route = RouteOf(form, snapshot);
        return new FormDefinitionDto(
            form.Key,
            form.Name,
            form.Indicator,
            FieldIndicationType,
            DisableDefaultStylesheet: false,
            form.HideFieldValidation,
            form.ShowValidationSummary,
            form.SubmitLabel,
            form.NextLabel,
            form.PreviousLabel,
            form.GoToPageOnSubmit is null ? form.MessageOnSubmit ?? "" : null,
            form.GoToPageOnSubmit,
            route,
            form.Pages.Select(p => new FormPageDto(
                p.Caption ?? "",
                p.Fieldsets.Select(s => new FormFieldsetDto(
                    s.Key,
                    s.Caption ?? "",
                    s.Columns.Select(c => new FormColumnDto(c.Caption ?? "", c.Width, c.Fields.Select(f => ToField(form, f)).ToList())).ToList()))
                .ToList()))
            .ToList());
    }

    /// <summary>The 202 answer: the message, or the page to go to (with its route when it is published).</summary>
    public static FormEntryAcceptedDto ToAccepted(FormDefinition form, PublishedSnapshot snapshot) =>
        new(form.GoToPageOnSubmit is null ? form.MessageOnSubmit ?? "" : null, MessageOnSubmitIsHtml: false, form.GoToPageOnSubmit, RouteOf(form, snapshot));

    public static FormFieldDto ToField(FormDefinition form, FormField field)
    {
        var (typeId, typeName) = FormFieldTypes.Of(field.Type);
        return new FormFieldDto(
            field.Key,
            field.Alias,
            field.Caption,
            field.HelpText ?? "",
            field.Placeholder ?? "",
            field.Mandatory || field.Type == FormFieldType.DataConsent,
            FormValidator.Format(field.RequiredErrorMessage ?? form.RequiredErrorMessage, field.Caption),
            field.Regex ?? "",
            FormValidator.Format(field.RegexErrorMessage is { Length: > 0 } message ? message : form.InvalidErrorMessage, field.Caption),
            ToCondition(form, field.Condition),
            field.Options.Select(o => new FormPreValueDto(o.Caption, o.Value)).ToList(),
            FormDefinitionJson.SettingsOf(field),
            new FormFieldTypeDto(typeId, typeName));
    }

    /// <summary>The condition with every rule naming its field by id (rules written with an alias are resolved).</summary>
    public static FormConditionDto ToCondition(FormDefinition form, FormCondition? condition) =>
        condition is not { Rules.Count: > 0 }
            ? NoCondition
            : new FormConditionDto(
                condition.ActionType.ToString(),
                condition.LogicType.ToString(),
                condition.Rules.Select(r => new FormConditionRuleDto(
                    form.FindField(r.Field) is { } target ? target.Key.ToString("D") : r.Field,
                    FormConditionOperatorNames.ToUmbraco(r.Operator),
                    r.Value)).ToList());

    private static ContentRouteDto? RouteOf(FormDefinition form, PublishedSnapshot snapshot)
    {
        if (form.GoToPageOnSubmit is not { } key || snapshot.GetByKey(key) is not { } page)
        {
            return null;
        }

        var ancestors = snapshot.Ancestors(page);
        var root = ancestors.Count > 0 ? ancestors[0] : page;
        return new ContentRouteDto(page.Route, new ContentStartItemDto(root.Key, root.UrlSegment));
    }
}
