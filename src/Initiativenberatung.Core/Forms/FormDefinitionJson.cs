using Initiativenberatung.Core.Serialization;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Initiativenberatung.Core.Forms;

/// <summary>
/// A form definition as JSON in the shape of Umbraco Forms' delivery API (<c>pages → fieldsets → columns → fields</c>,
/// fields with <c>id, alias, caption, helpText, placeholder, required, requiredErrorMessage, pattern,
/// patternInvalidErrorMessage, condition, preValues, settings, type{id,name}</c>), plus the form settings the delivery
/// API does not expose (<c>storeRecordsLocally, requiredErrorMessage, invalidErrorMessage,
/// daysToRetainSubmittedRecordsFor, submittedAtPrecision</c>). Written deterministically: keys sorted (ordinal), two-space
/// indent, LF. The alias is not part of the JSON (it is the uSync file's <c>Alias</c> attribute and a table column).
/// </summary>
public static class FormDefinitionJson
{
    /// <summary>Bookkeeping of the last retention change (see <see cref="FormRetention"/>); not compared in reports.</summary>
    private const string RetentionChangedOnKey = "retentionChangedOn";

    private const string PreviousRetentionDaysKey = "previousRetentionDays";

    public static string Write(FormDefinition form) => SortedJson.Write(ToNode(form));

    /// <summary>One field as compact canonical JSON (used for report diffs).</summary>
    public static string WriteField(FormField field) => SortedJson.Write(FieldNode(field));

    /// <summary>The form settings without pages, as canonical JSON (used for report diffs).</summary>
    public static string WriteSettings(FormDefinition form)
    {
        var node = ToNode(form);
        node.Remove("pages");
        node.Remove(RetentionChangedOnKey);
        node.Remove(PreviousRetentionDaysKey);
        return SortedJson.Write(node);
    }

    /// <summary>The page/fieldset/column layout with field aliases only (used for report diffs).</summary>
    public static string WriteLayout(FormDefinition form) => string.Join(" | ", form.Pages.Select((p, i) =>
        $"{i + 1}. {p.Caption}: " + string.Join(" / ", p.Fieldsets.Select(s => string.Join(" ", s.Columns.Select(c =>
            "[" + string.Join(", ", c.Fields.Select(f => f.Alias)) + "]"))))));

    public static JsonObject ToNode(FormDefinition form)
    {
        var node = new JsonObject
        {
            ["id"] = form.Key.ToString("D"),
            ["name"] = form.Name,
            ["indicator"] = form.Indicator,
            ["submitLabel"] = form.SubmitLabel,
            ["nextLabel"] = form.NextLabel,
            ["previousLabel"] = form.PreviousLabel,
            ["showValidationSummary"] = form.ShowValidationSummary,
            ["hideFieldValidation"] = form.HideFieldValidation,
            ["storeRecordsLocally"] = form.StoreRecordsLocally,
            ["requiredErrorMessage"] = form.RequiredErrorMessage,
            ["invalidErrorMessage"] = form.InvalidErrorMessage,
            ["pages"] = new JsonArray(form.Pages.Select(PageNode).ToArray<JsonNode?>()),
        };
        if (form.GoToPageOnSubmit is { } page)
        {
            node["gotoPageOnSubmit"] = page.ToString("D");
        }
        else
        {
            node["messageOnSubmit"] = form.MessageOnSubmit ?? "";
        }

        if (form.RetentionDays is { } days)
        {
            node["daysToRetainSubmittedRecordsFor"] = days;
        }

        if (form.SubmittedAtPrecision is { } precision)
        {
            node["submittedAtPrecision"] = precision.ToString();
        }

        if (form.RetentionChangedOn is { } changed)
        {
            node[RetentionChangedOnKey] = changed.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (form.PreviousRetentionDays is { } previous)
            {
                node[PreviousRetentionDaysKey] = previous;
            }
        }

        return node;
    }

    private static JsonNode PageNode(FormPage page) => new JsonObject
    {
        ["caption"] = page.Caption ?? "",
        ["fieldsets"] = new JsonArray(page.Fieldsets.Select(s => (JsonNode?)new JsonObject
        {
            ["id"] = s.Key.ToString("D"),
            ["caption"] = s.Caption ?? "",
            ["columns"] = new JsonArray(s.Columns.Select(c => (JsonNode?)new JsonObject
            {
                ["caption"] = c.Caption ?? "",
                ["width"] = c.Width,
                ["fields"] = new JsonArray(c.Fields.Select(FieldNode).ToArray<JsonNode?>()),
            }).ToArray()),
        }).ToArray()),
    };

    /// <summary>
    /// A field's <c>settings</c> as Umbraco Forms writes them: the type's own settings plus <c>maximumLength</c>,
    /// <c>fieldType</c> (<c>number</c> for number fields) and <c>placeholder</c>.
    /// </summary>
    public static SortedDictionary<string, string> SettingsOf(FormField field)
    {
        var settings = new SortedDictionary<string, string>(field.Settings, StringComparer.Ordinal);
        if (field.MaxLength is { } max)
        {
            settings[FormFieldTypes.MaximumLengthSetting] = max.ToString(CultureInfo.InvariantCulture);
        }

        if (field.Type == FormFieldType.Number)
        {
            settings[FormFieldTypes.FieldTypeSetting] = "number";
        }

        if (!string.IsNullOrEmpty(field.Placeholder))
        {
            settings["placeholder"] = field.Placeholder;
        }

        return settings;
    }

    private static JsonObject FieldNode(FormField field)
    {
        var (typeId, typeName) = FormFieldTypes.Of(field.Type);
        var settings = new JsonObject();
        foreach (var (key, value) in SettingsOf(field))
        {
            settings[key] = value;
        }

        return new JsonObject
        {
            ["id"] = field.Key.ToString("D"),
            ["alias"] = field.Alias,
            ["caption"] = field.Caption,
            ["helpText"] = field.HelpText ?? "",
            ["placeholder"] = field.Placeholder ?? "",
            ["required"] = field.Mandatory,
            ["requiredErrorMessage"] = field.RequiredErrorMessage ?? "",
            ["pattern"] = field.Regex ?? "",
            ["patternInvalidErrorMessage"] = field.RegexErrorMessage ?? "",
            ["condition"] = field.Condition is { } condition
                ? new JsonObject
                {
                    ["actionType"] = condition.ActionType.ToString(),
                    ["logicType"] = condition.LogicType.ToString(),
                    ["rules"] = new JsonArray(condition.Rules.Select(r => (JsonNode?)new JsonObject
                    {
                        ["field"] = r.Field,
                        ["operator"] = FormConditionOperatorNames.ToUmbraco(r.Operator),
                        ["value"] = r.Value,
                    }).ToArray()),
                }
                : null,
            ["preValues"] = new JsonArray(field.Options.Select(o => (JsonNode?)new JsonObject { ["caption"] = o.Caption, ["value"] = o.Value }).ToArray()),
            ["settings"] = settings,
            ["type"] = new JsonObject { ["id"] = typeId.ToString("D"), ["name"] = typeName },
        };
    }

    /// <exception cref="FormatException">Not JSON, or not a form definition we can use (German message).</exception>
    public static FormDefinition Read(string json, string alias)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("Die Formulardefinition ist kein JSON-Objekt.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Die Formulardefinition ist kein gültiges JSON: {ex.Message}", ex);
        }

        var form = new FormDefinition
        {
            Key = ParseGuid(Text(root, "id"), "id des Formulars"),
            Alias = alias,
            Name = Text(root, "name") ?? alias,
            Indicator = Text(root, "indicator") ?? "*",
            SubmitLabel = Text(root, "submitLabel") ?? "Absenden",
            NextLabel = Text(root, "nextLabel") ?? "Weiter",
            PreviousLabel = Text(root, "previousLabel") ?? "Zurück",
            ShowValidationSummary = Bool(root, "showValidationSummary", true),
            HideFieldValidation = Bool(root, "hideFieldValidation", false),
            StoreRecordsLocally = Bool(root, "storeRecordsLocally", true),
            RequiredErrorMessage = Text(root, "requiredErrorMessage") ?? FormDefinition.DefaultRequiredErrorMessage,
            InvalidErrorMessage = Text(root, "invalidErrorMessage") ?? FormDefinition.DefaultInvalidErrorMessage,
            MessageOnSubmit = Text(root, "messageOnSubmit"),
            GoToPageOnSubmit = Guid.TryParse(Text(root, "gotoPageOnSubmit"), out var page) && page != Guid.Empty ? page : null,
            RetentionDays = Int(root, "daysToRetainSubmittedRecordsFor"),
            PreviousRetentionDays = Int(root, PreviousRetentionDaysKey),
        };
        if (Text(root, RetentionChangedOnKey) is { } changedText)
        {
            form.RetentionChangedOn = DateTime.TryParse(changedText, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var changed)
                ? changed
                : throw new FormatException($"{RetentionChangedOnKey} ist kein Zeitpunkt (ist „{changedText}“).");
        }

        if (Text(root, "submittedAtPrecision") is { } precisionText)
        {
            form.SubmittedAtPrecision = SubmittedAtPrecisions.Parse(precisionText)
                ?? throw new FormatException($"submittedAtPrecision muss Day, Hour oder Second sein (ist „{precisionText}“).");
        }

        foreach (var pageNode in Array(root, "pages"))
        {
            var formPage = new FormPage { Caption = Text(pageNode, "caption") };
            foreach (var setNode in Array(pageNode, "fieldsets"))
            {
                var fieldset = new FormFieldset
                {
                    Key = Guid.TryParse(Text(setNode, "id"), out var setKey) ? setKey : Guid.Empty,
                    Caption = Text(setNode, "caption"),
                };
                foreach (var columnNode in Array(setNode, "columns"))
                {
                    var column = new FormColumn { Caption = Text(columnNode, "caption"), Width = Int(columnNode, "width") ?? 0 };
                    column.Fields.AddRange(Array(columnNode, "fields").Select(ReadField));
                    fieldset.Columns.Add(column);
                }

                formPage.Fieldsets.Add(fieldset);
            }

            form.Pages.Add(formPage);
        }

        var duplicate = form.AllFields().GroupBy(f => f.Alias, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Der Feld-Alias „{duplicate.Key}“ kommt mehrfach vor.");
        }

        return form;
    }

    private static FormField ReadField(JsonObject node)
    {
        var alias = Text(node, "alias") ?? throw new FormatException("Ein Feld hat keinen Alias.");
        var type = node["type"] as JsonObject;
        var typeId = ParseGuid(Text(type, "id") ?? Text(node, "fieldTypeId"), $"Feldtyp von „{alias}“");
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (node["settings"] is JsonObject settingsNode)
        {
            foreach (var (key, value) in settingsNode)
            {
                settings[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
        }

        var fieldType = FormFieldTypes.FromId(typeId, settings.GetValueOrDefault(FormFieldTypes.FieldTypeSetting))
            ?? throw new FormatException($"Der Feldtyp {typeId:D} ({Text(type, "name")}) des Feldes „{alias}“ wird nicht unterstützt.");
        int? maxLength = null;
        if (settings.Remove(FormFieldTypes.MaximumLengthSetting, out var maxText) && !string.IsNullOrWhiteSpace(maxText))
        {
            maxLength = int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max > 0
                ? max
                : throw new FormatException($"maximumLength des Feldes „{alias}“ ist keine positive Zahl.");
        }

        if (fieldType == FormFieldType.Number)
        {
            settings.Remove(FormFieldTypes.FieldTypeSetting);
        }

        var placeholder = Text(node, "placeholder");
        if (settings.TryGetValue("placeholder", out var settingPlaceholder))
        {
            placeholder ??= string.IsNullOrEmpty(settingPlaceholder) ? null : settingPlaceholder;
            settings.Remove("placeholder");
        }

        var field = new FormField
        {
            Key = ParseGuid(Text(node, "id"), $"id des Feldes „{alias}“"),
            Alias = alias,
            Caption = Text(node, "caption") ?? alias,
            HelpText = Text(node, "helpText"),
            Placeholder = placeholder,
            Type = fieldType,
            Mandatory = Bool(node, "required", false),
            RequiredErrorMessage = Text(node, "requiredErrorMessage"),
            Regex = Text(node, "pattern"),
            RegexErrorMessage = Text(node, "patternInvalidErrorMessage"),
            MaxLength = maxLength,
            Settings = settings,
        };
        foreach (var option in Array(node, "preValues"))
        {
            var value = Text(option, "value") ?? "";
            field.Options.Add(new FormOption(Text(option, "caption") ?? value, value));
        }

        if (node["condition"] is JsonObject condition && Array(condition, "rules").ToList() is { Count: > 0 } rules)
        {
            field.Condition = new FormCondition
            {
                ActionType = ParseEnum<FormConditionActionType>(Text(condition, "actionType") ?? "Show", alias),
                LogicType = ParseEnum<FormConditionLogicType>(Text(condition, "logicType") ?? "All", alias),
                Rules = rules.Select(r => new FormConditionRule
                {
                    Field = Text(r, "field") ?? "",
                    Operator = ParseOperator(Text(r, "operator") ?? "Is", alias),
                    Value = Text(r, "value") ?? "",
                }).ToList(),
            };
        }

        return field;
    }

    private static FormConditionOperator ParseOperator(string text, string alias) => text switch
    {
        // Umbraco Forms' own spelling of the comparison operators (what it writes); ours is accepted too.
        "GreaterThen" => FormConditionOperator.GreaterThan,
        "LessThen" => FormConditionOperator.LessThan,
        _ => ParseEnum<FormConditionOperator>(text, alias),
    };

    private static T ParseEnum<T>(string text, string alias)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new FormatException($"Die Bedingung des Feldes „{alias}“ enthält den unbekannten Wert „{text}“.");

    private static Guid ParseGuid(string? text, string what) =>
        Guid.TryParse(text, out var key) && key != Guid.Empty ? key : throw new FormatException($"Die {what} ist keine GUID.");

    private static IEnumerable<JsonObject> Array(JsonObject? node, string name) =>
        (node?[name] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static bool Bool(JsonObject node, string name, bool fallback) =>
        node[name] is JsonValue value
            ? value.TryGetValue<bool>(out var b) ? b : value.TryGetValue<string>(out var s) ? string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) : fallback
            : fallback;

    private static int? Int(JsonObject node, string name) =>
        node[name] is JsonValue value
            ? value.TryGetValue<int>(out var i) ? i
                : value.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
            : null;


}
