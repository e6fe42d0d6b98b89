using System.Text.Json.Nodes;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Sanitizing;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>Sanitizes every rich-text value before it is stored, including rich text inside blocks.</summary>
public sealed class PropertyValueSanitizer(RichTextSanitizer sanitizer)
{
    public Dictionary<string, string?> Sanitize(ContentTypeIndex schema, ContentType type, IReadOnlyDictionary<string, string?> values)
    {
        var properties = schema.AllProperties(type).ToDictionary(p => p.Alias, StringComparer.Ordinal);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (alias, value) in values)
        {
            result[alias] = properties.TryGetValue(alias, out var property)
                ? SanitizeValue(schema, property.EditorAlias, value, depth: 0)
                : value;
        }

        return result;
    }

    private string? SanitizeValue(ContentTypeIndex schema, string editorAlias, string? value, int depth)
    {
        if (string.IsNullOrEmpty(value) || depth > 8)
        {
            return value;
        }

        if (EditorAliases.IsRichText(editorAlias))
        {
            var trimmed = value.TrimStart();
            if (trimmed.StartsWith('{') && JsonNode.Parse(trimmed) is JsonObject obj && obj["markup"] is JsonValue markup
                && markup.TryGetValue<string>(out var html))
            {
                obj["markup"] = sanitizer.Sanitize(html);
                return obj.ToJsonString();
            }

            return sanitizer.Sanitize(PropertyValueConverter.RichTextMarkup(value));
        }

        if (editorAlias == EditorAliases.BlockList)
        {
            BlockListData data;
            try
            {
                data = BlockListData.Parse(value);
            }
            catch (FormatException)
            {
                return value; // The validator reports it.
            }

            var changed = false;
            foreach (var element in data.ContentData.Concat(data.SettingsData))
            {
                if (schema.ByKey(element.ContentTypeKey) is not { } elementType)
                {
                    continue;
                }

                foreach (var property in schema.AllProperties(elementType))
                {
                    if (element.Values.TryGetValue(property.Alias, out var inner))
                    {
                        var cleaned = SanitizeValue(schema, property.EditorAlias, inner, depth + 1);
                        if (!string.Equals(cleaned, inner, StringComparison.Ordinal))
                        {
                            element.Values[property.Alias] = cleaned;
                            changed = true;
                        }

                        element.EditorAliases.TryAdd(property.Alias, property.EditorAlias);
                    }
                }
            }

            return changed ? data.ToJson() : value;
        }

        return value;
    }
}
