using System.Text.Json.Nodes;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Sanitizing;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>Sanitizes every rich-text value before it is stored, including rich text inside blocks.</summary>
public sealed class PropertyValueSanitizer(RichTextSanitizer sanitizer)
{
    /// <param name="externalImageDataTypes">Rich-text data types that may keep images from other sites (none when <c>null</c>).</param>
    public Dictionary<string, string?> Sanitize(
        ContentTypeIndex schema, ContentType type, IReadOnlyDictionary<string, string?> values, IReadOnlySet<Guid>? externalImageDataTypes = null)
    {
        var properties = schema.AllProperties(type).ToDictionary(p => p.Alias, StringComparer.Ordinal);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var allowing = externalImageDataTypes ?? new HashSet<Guid>();
        foreach (var (alias, value) in values)
        {
            result[alias] = properties.TryGetValue(alias, out var property)
                ? SanitizeValue(schema, property, value, allowing, depth: 0)
                : value;
        }

        return result;
    }

    private string? SanitizeValue(ContentTypeIndex schema, PropertyType property, string? value, IReadOnlySet<Guid> allowing, int depth)
    {
        var editorAlias = property.EditorAlias;
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
                obj["markup"] = sanitizer.Sanitize(html, allowing.Contains(property.DataTypeKey));
                return obj.ToJsonString();
            }

            return sanitizer.Sanitize(PropertyValueConverter.RichTextMarkup(value), allowing.Contains(property.DataTypeKey));
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

                foreach (var inner in schema.AllProperties(elementType))
                {
                    if (element.Values.TryGetValue(inner.Alias, out var innerValue))
                    {
                        var cleaned = SanitizeValue(schema, inner, innerValue, allowing, depth + 1);
                        if (!string.Equals(cleaned, innerValue, StringComparison.Ordinal))
                        {
                            element.Values[inner.Alias] = cleaned;
                            changed = true;
                        }

                        element.EditorAliases.TryAdd(inner.Alias, inner.EditorAlias);
                    }
                }
            }

            return changed ? data.ToJson() : value;
        }

        return value;
    }
}
