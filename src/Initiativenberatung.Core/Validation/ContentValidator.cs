using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Validation;

/// <summary>A failed rule, naming the property (alias path) and saying in German what is wrong.</summary>
public sealed record ValidationError(string PropertyAlias, string Message);

/// <summary>
/// Validates a document's name and property values against its document type on the server:
/// unknown properties, mandatory, regex, editor-specific formats and the blocks inside block lists.
/// </summary>
public sealed class ContentValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);
    private readonly ContentTypeIndex _schema;
    private readonly IReadOnlyDictionary<Guid, DataType> _dataTypes;

    public ContentValidator(ContentTypeIndex schema, IEnumerable<DataType> dataTypes)
    {
        _schema = schema;
        _dataTypes = dataTypes.ToDictionary(d => d.Key);
    }

    public IReadOnlyList<ValidationError> Validate(ContentType type, string? name, IReadOnlyDictionary<string, string?> values)
    {
        var errors = new List<ValidationError>();
        if (!type.IsElement && string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new ValidationError("name", Messages.Get("Validation.NameRequired")));
        }
        else if (name is { Length: > 255 })
        {
            errors.Add(new ValidationError("name", Messages.Get("Validation.NameTooLong")));
        }

        ValidateProperties(type, values, prefix: "", errors);
        return errors;
    }

    /// <summary>Checks that a document of <paramref name="child"/> may be created below <paramref name="parent"/> (or at the root).</summary>
    public static ValidationError? ValidatePlacement(ContentType child, ContentType? parent)
    {
        if (child.IsElement)
        {
            return new ValidationError("contentType", Messages.Get("Validation.ElementTypeNotAllowed", child.Name));
        }

        if (parent is null)
        {
            return child.AllowAtRoot ? null : new ValidationError("contentType", Messages.Get("Validation.NotAllowedAtRoot", child.Name));
        }

        return parent.AllowedChildren.Any(c => c.Key == child.Key || string.Equals(c.Alias, child.Alias, StringComparison.OrdinalIgnoreCase))
            ? null
            : new ValidationError("contentType", Messages.Get("Validation.NotAllowedBelow", child.Name, parent.Name));
    }

    private void ValidateProperties(ContentType type, IReadOnlyDictionary<string, string?> values, string prefix, List<ValidationError> errors)
    {
        var properties = _schema.AllProperties(type);
        var known = properties.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        foreach (var alias in values.Keys.Where(a => !known.Contains(a)).Order(StringComparer.Ordinal))
        {
            errors.Add(new ValidationError(prefix + alias, Messages.Get("Validation.UnknownProperty", alias, type.Name)));
        }

        foreach (var property in properties)
        {
            values.TryGetValue(property.Alias, out var value);
            ValidateProperty(property, value, prefix + property.Alias, errors);
        }
    }

    private void ValidateProperty(PropertyType property, string? value, string path, List<ValidationError> errors)
    {
        var dataType = _dataTypes.GetValueOrDefault(property.DataTypeKey);
        var editorAlias = dataType?.EditorAlias ?? property.EditorAlias;
        var caption = property.Name;

        if (IsEmpty(editorAlias, value))
        {
            if (property.Mandatory)
            {
                errors.Add(new ValidationError(path, string.IsNullOrWhiteSpace(property.MandatoryMessage)
                    ? Messages.Get("Validation.Mandatory", caption)
                    : property.MandatoryMessage));
            }

            return;
        }

        var text = value!;
        if (!string.IsNullOrWhiteSpace(property.ValidationRegex))
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(text, property.ValidationRegex, RegexOptions.None, RegexTimeout);
            }
            catch (RegexMatchTimeoutException)
            {
                matches = false;
            }
            catch (ArgumentException)
            {
                errors.Add(new ValidationError(path, Messages.Get("Validation.InvalidRegex", caption)));
                return;
            }

            if (!matches)
            {
                errors.Add(new ValidationError(path, string.IsNullOrWhiteSpace(property.ValidationRegexMessage)
                    ? Messages.Get("Validation.RegexMismatch", caption)
                    : property.ValidationRegexMessage));
            }
        }

        var config = ParseConfig(dataType);
        switch (editorAlias)
        {
            case EditorAliases.TextBox:
                var maxChars = ConfigInt(config, "maxChars") ?? 512;
                if (text.Length > maxChars)
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.TooLong", caption, maxChars, text.Length)));
                }

                break;
            case EditorAliases.TextArea:
                if (ConfigInt(config, "maxChars") is { } areaMax && text.Length > areaMax)
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.TooLong", caption, areaMax, text.Length)));
                }

                break;
            case EditorAliases.Integer:
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.NotAnInteger", caption)));
                }
                else if ((ConfigInt(config, "min") is { } min && number < min) || (ConfigInt(config, "max") is { } max && number > max))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.OutOfRange", caption)));
                }

                break;
            case EditorAliases.Decimal:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.NotANumber", caption)));
                }

                break;
            case EditorAliases.TrueFalse:
                if (text.Trim() is not ("0" or "1" or "true" or "false" or "True" or "False"))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.NotABoolean", caption)));
                }

                break;
            case EditorAliases.ContentPicker:
                if (PropertyValueConverter.ParseDocumentKey(text) is null)
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.InvalidDocument", caption)));
                }

                break;
            case EditorAliases.FormPicker:
                if (!Guid.TryParse(text.Trim(), out _))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.InvalidForm", caption)));
                }

                break;
            case EditorAliases.MediaPicker3:
                ValidateMediaPicker(caption, text, config, path, errors);
                break;
            case EditorAliases.MultiUrlPicker:
                if (!IsJsonArray(text))
                {
                    errors.Add(new ValidationError(path, Messages.Get("Validation.InvalidLinkList", caption)));
                }

                break;
            case EditorAliases.BlockList:
                ValidateBlockList(caption, text, config, path, errors);
                break;
        }
    }

    private static void ValidateMediaPicker(string caption, string text, JsonObject? config, string path, List<ValidationError> errors)
    {
        if (!IsJsonArray(text) && !text.TrimStart().StartsWith("umb://media/", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(path, Messages.Get("Validation.InvalidMediaPicker", caption)));
            return;
        }

        var count = PropertyValueConverter.MediaKeys(text).Count;
        var multiple = config?["multiple"] is JsonValue m && m.TryGetValue<bool>(out var isMultiple) && isMultiple;
        if (!multiple && count > 1)
        {
            errors.Add(new ValidationError(path, Messages.Get("Validation.SingleMediaOnly", caption, count)));
        }
    }

    private void ValidateBlockList(string caption, string text, JsonObject? config, string path, List<ValidationError> errors)
    {
        BlockListData data;
        try
        {
            data = BlockListData.Parse(text);
        }
        catch (FormatException ex)
        {
            errors.Add(new ValidationError(path, Messages.Get("Validation.PropertyProblem", caption, ex.Message)));
            return;
        }

        var allowed = (config?["blocks"] as JsonArray)?.OfType<JsonObject>()
            .Select(b => b["contentElementTypeKey"]?.GetValue<string>())
            .Where(k => Guid.TryParse(k, out _)).Select(k => Guid.Parse(k!)).ToHashSet() ?? [];
        if (ConfigInt(config?["validationLimit"] as JsonObject, "min") is { } min && data.Layout.Count < min)
        {
            errors.Add(new ValidationError(path, Messages.Get("Validation.TooFewBlocks", caption, min)));
        }

        if (ConfigInt(config?["validationLimit"] as JsonObject, "max") is { } max && data.Layout.Count > max)
        {
            errors.Add(new ValidationError(path, Messages.Get("Validation.TooManyBlocks", caption, max)));
        }

        for (var i = 0; i < data.Layout.Count; i++)
        {
            var blockPath = $"{path}[{i}]";
            var element = data.ContentData.FirstOrDefault(c => c.Key == data.Layout[i].ContentKey);
            if (element is null)
            {
                errors.Add(new ValidationError(blockPath, Messages.Get("Validation.BlockContentMissing", caption, i + 1)));
                continue;
            }

            var elementType = _schema.ByKey(element.ContentTypeKey);
            if (elementType is null || !elementType.IsElement || (allowed.Count > 0 && !allowed.Contains(elementType.Key)))
            {
                errors.Add(new ValidationError(blockPath, Messages.Get("Validation.BlockTypeNotAllowed", caption, i + 1)));
                continue;
            }

            var blockErrors = new List<ValidationError>();
            ValidateProperties(elementType, element.Values, blockPath + ".", blockErrors);
            errors.AddRange(blockErrors.Select(e => e with { Message = Messages.Get("Validation.BlockProblem", caption, i + 1, elementType.Name, e.Message) }));
        }
    }

    private static bool IsEmpty(string editorAlias, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var trimmed = value.Trim();
        if (editorAlias is EditorAliases.MediaPicker3 or EditorAliases.MultiUrlPicker && trimmed == "[]")
        {
            return true;
        }

        if (editorAlias == EditorAliases.BlockList)
        {
            try
            {
                return BlockListData.Parse(trimmed).Layout.Count == 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (EditorAliases.IsRichText(editorAlias))
        {
            var markup = PropertyValueConverter.RichTextMarkup(trimmed);
            var textOnly = Regex.Replace(markup, "<[^>]*>", "", RegexOptions.None, RegexTimeout).Replace("&nbsp;", "", StringComparison.Ordinal);
            return string.IsNullOrWhiteSpace(textOnly) && !markup.Contains("<img", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    private static bool IsJsonArray(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject? ParseConfig(DataType? dataType)
    {
        if (dataType is null || string.IsNullOrWhiteSpace(dataType.ConfigJson))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(dataType.ConfigJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? ConfigInt(JsonObject? config, string key) => config?[key] switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
