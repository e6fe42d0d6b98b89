namespace Initiativenberatung.Core.Forms;

/// <summary>The field types of a form (Umbraco Forms' built-in types; <see cref="Number"/> is Umbraco's short answer with <c>fieldType: number</c>).</summary>
public enum FormFieldType
{
    ShortAnswer,
    LongAnswer,
    SingleChoice,
    MultipleChoice,
    Dropdown,
    Checkbox,
    Date,
    Number,
    DataConsent,
    TitleAndDescription,
    Hidden,
}

/// <summary>
/// Umbraco Forms' field type ids and names (<c>type: { id, name }</c> in the Forms delivery API). The ids are confirmed by
/// Umbraco's "Forms provider type details" documentation page; the names by Umbraco Forms' field type classes and the
/// delivery API example (Date and Title and description names from the documentation's headings).
/// </summary>
public static class FormFieldTypes
{
    public static readonly Guid ShortAnswerId = new("3f92e01b-29e2-4a30-bf33-9df5580ed52c");
    public static readonly Guid LongAnswerId = new("023f09ac-1445-4bcb-b8fa-ab49f33bd046");
    public static readonly Guid SingleChoiceId = new("903df9b0-a78c-11de-9fc1-db7a56d89593");
    public static readonly Guid MultipleChoiceId = new("fab43f20-a6bf-11de-a28f-9b5755d89593");
    public static readonly Guid DropdownId = new("0dd29d42-a6a5-11de-a2f2-222256d89593");
    public static readonly Guid CheckboxId = new("d5c0c390-ae9a-11de-a69e-666455d89593");
    public static readonly Guid DateId = new("f8b4c3b8-af28-11de-9dd8-ef5956d89593");
    public static readonly Guid DataConsentId = new("a72c9df9-3847-47cf-afb8-b86773fd12cd");
    public static readonly Guid TitleAndDescriptionId = new("e3fbf6c4-f46c-495e-aff8-4b3c227b4a98");
    public static readonly Guid HiddenId = new("da206cae-1c52-434e-b21a-4a7c198af877");

    /// <summary>Umbraco's short answer setting that turns the input into a number input.</summary>
    public const string FieldTypeSetting = "fieldType";

    public const string MaximumLengthSetting = "maximumLength";

    public const string AllowMultipleSelectionsSetting = "allowMultipleSelections";

    public static (Guid Id, string Name) Of(FormFieldType type) => type switch
    {
        FormFieldType.ShortAnswer or FormFieldType.Number => (ShortAnswerId, "Short answer"),
        FormFieldType.LongAnswer => (LongAnswerId, "Long answer"),
        FormFieldType.SingleChoice => (SingleChoiceId, "Single choice"),
        FormFieldType.MultipleChoice => (MultipleChoiceId, "Multiple choice"),
        FormFieldType.Dropdown => (DropdownId, "Dropdown"),
        FormFieldType.Checkbox => (CheckboxId, "Checkbox"),
        FormFieldType.Date => (DateId, "Date"),
        FormFieldType.DataConsent => (DataConsentId, "Data Consent"),
        FormFieldType.TitleAndDescription => (TitleAndDescriptionId, "Title and description"),
        FormFieldType.Hidden => (HiddenId, "Hidden"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The type for an Umbraco Forms field type id; <c>null</c> for types we do not support (file upload, password, reCAPTCHA…).</summary>
    public static FormFieldType? FromId(Guid id, string? fieldTypeSetting)
    {
        if (id == ShortAnswerId)
        {
            return string.Equals(fieldTypeSetting, "number", StringComparison.OrdinalIgnoreCase) ? FormFieldType.Number : FormFieldType.ShortAnswer;
        }

        return id switch
        {
            _ when id == LongAnswerId => FormFieldType.LongAnswer,
            _ when id == SingleChoiceId => FormFieldType.SingleChoice,
            _ when id == MultipleChoiceId => FormFieldType.MultipleChoice,
            _ when id == DropdownId => FormFieldType.Dropdown,
            _ when id == CheckboxId => FormFieldType.Checkbox,
            _ when id == DateId => FormFieldType.Date,
            _ when id == DataConsentId => FormFieldType.DataConsent,
            _ when id == TitleAndDescriptionId => FormFieldType.TitleAndDescription,
            _ when id == HiddenId => FormFieldType.Hidden,
            _ => null,
        };
    }

    /// <summary>Whether a field of this type takes a visitor's answer (title and description does not).</summary>
    public static bool TakesInput(FormFieldType type) => type != FormFieldType.TitleAndDescription;

    /// <summary>Whether the answer is one of the field's options.</summary>
    public static bool HasOptions(FormFieldType type) =>
        type is FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown;
}
