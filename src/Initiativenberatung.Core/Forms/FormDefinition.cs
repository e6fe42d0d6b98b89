namespace Initiativenberatung.Core.Forms;

/// <summary>How exactly the submission time of an entry is stored (coarser = harder to match against server logs).</summary>
public enum SubmittedAtPrecision
{
    Day,
    Hour,
    Second,
}

/// <summary>A form as in Umbraco Forms: pages → fieldsets → columns → fields, plus the form's settings.</summary>
public sealed class FormDefinition
{
    public const string DefaultRequiredErrorMessage = "Bitte füllen Sie das Feld „{0}“ aus.";
    public const string DefaultInvalidErrorMessage = "Bitte geben Sie für „{0}“ einen gültigen Wert an.";

    public Guid Key { get; set; }

    /// <summary>URL-style alias, also the uSync file name (<c>uSync/v17/Forms/&lt;alias&gt;.config</c>).</summary>
    public string Alias { get; set; } = "";

    public string Name { get; set; } = "";

    public List<FormPage> Pages { get; set; } = [];

    public string SubmitLabel { get; set; } = "Absenden";

    public string NextLabel { get; set; } = "Weiter";

    public string PreviousLabel { get; set; } = "Zurück";

    /// <summary>Shown after a successful submission (when <see cref="GoToPageOnSubmit"/> is not set).</summary>
    public string? MessageOnSubmit { get; set; }

    /// <summary>Content key of the page to redirect to after submission.</summary>
    public Guid? GoToPageOnSubmit { get; set; }

    public bool StoreRecordsLocally { get; set; } = true;

    /// <summary>Template for required-field messages; <c>{0}</c> is the field's caption.</summary>
    public string RequiredErrorMessage { get; set; } = DefaultRequiredErrorMessage;

    /// <summary>Template for invalid-value messages; <c>{0}</c> is the field's caption.</summary>
    public string InvalidErrorMessage { get; set; } = DefaultInvalidErrorMessage;

    /// <summary>Entries older than this many days are deleted; <c>null</c> keeps them.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>The retention that applied before the last change of <see cref="RetentionDays"/> (see <see cref="FormRetention"/>).</summary>
    public int? PreviousRetentionDays { get; set; }

    /// <summary>When <see cref="RetentionDays"/> was last changed (UTC); <c>null</c> when never.</summary>
    public DateTime? RetentionChangedOn { get; set; }

    /// <summary>Precision of the stored submission time; <c>null</c> = the site default (<c>Forms:SubmittedAtPrecision</c>).</summary>
    public SubmittedAtPrecision? SubmittedAtPrecision { get; set; }

    public string Indicator { get; set; } = "*";

    public bool ShowValidationSummary { get; set; } = true;

    public bool HideFieldValidation { get; set; }

    /// <summary>All fields in page/fieldset/column order.</summary>
    public IEnumerable<FormField> AllFields() =>
        Pages.SelectMany(p => p.Fieldsets).SelectMany(s => s.Columns).SelectMany(c => c.Fields);

    public FormField? FindField(string aliasOrKey) =>
        AllFields().FirstOrDefault(f => string.Equals(f.Alias, aliasOrKey, StringComparison.Ordinal))
        ?? (Guid.TryParse(aliasOrKey, out var key) ? AllFields().FirstOrDefault(f => f.Key == key) : null);
}

public sealed class FormPage
{
    public string? Caption { get; set; }

    public List<FormFieldset> Fieldsets { get; set; } = [];
}

public sealed class FormFieldset
{
    public Guid Key { get; set; }

    public string? Caption { get; set; }

    public List<FormColumn> Columns { get; set; } = [];
}

public sealed class FormColumn
{
    public string? Caption { get; set; }

    /// <summary>Width in a 12-column grid (0 = full width).</summary>
    public int Width { get; set; }

    public List<FormField> Fields { get; set; } = [];
}

public sealed class FormField
{
    public Guid Key { get; set; }

    public string Alias { get; set; } = "";

    public string Caption { get; set; } = "";

    public string? HelpText { get; set; }

    public string? Placeholder { get; set; }

    public FormFieldType Type { get; set; }

    public bool Mandatory { get; set; }

    /// <summary>Overrides the form's required template for this field.</summary>
    public string? RequiredErrorMessage { get; set; }

    public string? Regex { get; set; }

    public string? RegexErrorMessage { get; set; }

    /// <summary>Maximum characters; <c>null</c> = the default of the type (255 short, 4000 long).</summary>
    public int? MaxLength { get; set; }

    public List<FormOption> Options { get; set; } = [];

    public FormCondition? Condition { get; set; }

    /// <summary>Further settings of the field type (Umbraco's names, e.g. <c>acceptCopy</c>, <c>bodyText</c>, <c>defaultValue</c>).</summary>
    public SortedDictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Several answers allowed: multiple choice, or a dropdown with <c>allowMultipleSelections</c>.</summary>
    public bool AllowsMultiple =>
        Type == FormFieldType.MultipleChoice
        || (Type == FormFieldType.Dropdown && Settings.TryGetValue(FormFieldTypes.AllowMultipleSelectionsSetting, out var multiple)
            && (string.Equals(multiple, "true", StringComparison.OrdinalIgnoreCase) || multiple == "1"));
}

public sealed record FormOption(string Caption, string Value);

public enum FormConditionActionType
{
    Show,
    Hide,
}

public enum FormConditionLogicType
{
    All,
    Any,
}

public enum FormConditionOperator
{
    Is,
    IsNot,
    GreaterThan,
    LessThan,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
}

/// <summary>Operator names as Umbraco Forms writes them (its API spells the comparisons <c>GreaterThen</c>/<c>LessThen</c>).</summary>
public static class FormConditionOperatorNames
{
    public static string ToUmbraco(FormConditionOperator op) => op switch
    {
        FormConditionOperator.GreaterThan => "GreaterThen",
        FormConditionOperator.LessThan => "LessThen",
        _ => op.ToString(),
    };
}

/// <summary>Show or hide a field when all/any rules hold.</summary>
public sealed class FormCondition
{
    public FormConditionActionType ActionType { get; set; }

    public FormConditionLogicType LogicType { get; set; }

    public List<FormConditionRule> Rules { get; set; } = [];
}

/// <summary>One rule: the field (its key as Umbraco writes it, or its alias), an operator and a value.</summary>
public sealed class FormConditionRule
{
    public string Field { get; set; } = "";

    public FormConditionOperator Operator { get; set; }

    public string Value { get; set; } = "";
}
