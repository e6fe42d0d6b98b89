using System.Text.Json.Serialization;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>A form as Umbraco Forms' delivery API returns it (<c>GET …/definitions/{id}</c>).</summary>
public sealed record FormDefinitionDto(
    Guid Id,
    string Name,
    string Indicator,
    string FieldIndicationType,
    bool DisableDefaultStylesheet,
    bool HideFieldValidation,
    bool ShowValidationSummary,
    string SubmitLabel,
    string NextLabel,
    string PreviousLabel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageOnSubmit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? GotoPageOnSubmit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ContentRouteDto? GotoPageOnSubmitRoute,
    IReadOnlyList<FormPageDto> Pages)
{
    /// <summary>
    /// Spam defence of the browser path (not part of Umbraco Forms' shape; only in <c>GET definitions/{id}</c>): a signed,
    /// short-lived "form shown" token to send back as <c>formToken</c> with the entry.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormToken { get; init; }

    /// <summary>
    /// The alias of the honeypot: render it as an input people do not see (visually hidden, <c>tabindex="-1"</c>,
    /// <c>autocomplete="off"</c>) and send its value in <c>values</c>; a non-empty value marks the entry as a bot's.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HoneypotField { get; init; }
}

/// <summary>A page of a form.</summary>
public sealed record FormPageDto(string Caption, IReadOnlyList<FormFieldsetDto> Fieldsets);

/// <summary>A fieldset (a group of columns) of a page.</summary>
public sealed record FormFieldsetDto(Guid Id, string Caption, IReadOnlyList<FormColumnDto> Columns);

/// <summary>A column of a fieldset; <c>width</c> in a 12-column grid (0 = full width).</summary>
public sealed record FormColumnDto(string Caption, int Width, IReadOnlyList<FormFieldDto> Fields);

/// <summary>A field: its type (Umbraco Forms' field type id and name), rules, messages, options and settings.</summary>
public sealed record FormFieldDto(
    Guid Id,
    string Alias,
    string Caption,
    string HelpText,
    string Placeholder,
    bool Required,
    string RequiredErrorMessage,
    string Pattern,
    string PatternInvalidErrorMessage,
    FormConditionDto Condition,
    IReadOnlyList<FormPreValueDto> PreValues,
    IReadOnlyDictionary<string, string> Settings,
    FormFieldTypeDto Type);

/// <summary>Show or hide the field when all/any rules hold; no rules = always shown.</summary>
public sealed record FormConditionDto(string ActionType, string LogicType, IReadOnlyList<FormConditionRuleDto> Rules);

/// <summary>One rule; <c>field</c> is the id of the field it looks at.</summary>
public sealed record FormConditionRuleDto(string Field, string Operator, string Value);

/// <summary>An option of a choice field.</summary>
public sealed record FormPreValueDto(string Caption, string Value);

/// <summary>Umbraco Forms' field type (id and name).</summary>
public sealed record FormFieldTypeDto(Guid Id, string Name);

/// <summary>The route of a page as the Content Delivery API writes it.</summary>
public sealed record ContentRouteDto(string Path, ContentStartItemDto StartItem);

/// <summary>The root the route starts at.</summary>
public sealed record ContentStartItemDto(Guid Id, string Path);

/// <summary>The answer to an accepted entry (202): what to show or where to go next.</summary>
public sealed record FormEntryAcceptedDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageOnSubmit,
    bool MessageOnSubmitIsHtml,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? GotoPageOnSubmit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ContentRouteDto? GotoPageOnSubmitRoute);
