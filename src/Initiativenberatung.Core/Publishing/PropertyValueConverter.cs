using System.Globalization;
using System.Text.Json;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Publishing;

/// <summary>
/// Turns stored values (text, HTML, Umbraco's JSON shapes) into typed values for rendering.
/// Runs once per publish while the snapshot is built, never per page view.
/// </summary>
public sealed class PropertyValueConverter
{
    private readonly ContentTypeIndex _schema;
    private readonly IReadOnlyDictionary<Guid, PublishedMedia> _media;
    private readonly Func<string, Guid, string> _sanitizeHtml;

    /// <param name="sanitizeHtml">Cleans rich text; gets the HTML and the key of the property's data type (its rules may differ).</param>
    public PropertyValueConverter(
        IEnumerable<ContentType> contentTypes,
        IReadOnlyDictionary<Guid, PublishedMedia> media,
        Func<string, Guid, string> sanitizeHtml)
    {
        _schema = new ContentTypeIndex(contentTypes);
        _media = media;
        _sanitizeHtml = sanitizeHtml;
    }

    public PropertyValueConverter(
        IEnumerable<ContentType> contentTypes,
        IReadOnlyDictionary<Guid, PublishedMedia> media,
        Func<string, string> sanitizeHtml)
        : this(contentTypes, media, (html, _) => sanitizeHtml(html))
    {
    }

    /// <summary>Content links are resolved after routes are known; the builder fills this in.</summary>
    public Func<Guid, PublishedLink?> ResolveContent { get; set; } = _ => null;

    public object? Convert(string editorAlias, string? raw, Guid dataTypeKey = default)
    {
        try
        {
            return ConvertUnsafe(editorAlias, raw, dataTypeKey);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // A broken stored value renders as empty instead of breaking the page.
            return ConvertUnsafe(editorAlias, null, dataTypeKey);
        }
    }

    private object? ConvertUnsafe(string editorAlias, string? raw, Guid dataTypeKey)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return editorAlias switch
            {
                EditorAliases.TrueFalse => false,
                EditorAliases.MediaPicker3 => Array.Empty<PublishedMedia>(),
                EditorAliases.MultiUrlPicker => Array.Empty<PublishedLink>(),
                EditorAliases.BlockList => new BlockListValue([]),
                _ when EditorAliases.IsRichText(editorAlias) => new RichTextValue(""),
                _ => null,
            };
        }

        return editorAlias switch
        {
            EditorAliases.TextBox or EditorAliases.TextArea or EditorAliases.Label or EditorAliases.DropDownFlexible => raw,
            _ when EditorAliases.IsRichText(editorAlias) => new RichTextValue(_sanitizeHtml(RichTextMarkup(raw), dataTypeKey)),
            EditorAliases.TrueFalse => raw.Trim() is "1" or "true" or "True",
            EditorAliases.Integer => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            EditorAliases.Decimal => decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            EditorAliases.DateTime => System.DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) ? dt : null,
            EditorAliases.MediaPicker3 => ConvertMediaPicker(raw),
            EditorAliases.ContentPicker => ParseDocumentKey(raw) is { } key ? ResolveContent(key) : null,
            EditorAliases.MultiUrlPicker => ConvertLinks(raw),
            EditorAliases.BlockList => ConvertBlockList(raw),
            EditorAliases.FormPicker => Guid.TryParse(raw.Trim(), out var form) ? form : null,
            _ => raw,
        };
    }

    /// <summary>Rich text is stored as plain HTML (older files) or as <c>{ "markup": "…", "blocks": … }</c>.</summary>
    public static string RichTextMarkup(string raw)
    {
        var trimmed = raw.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.TryGetProperty("markup", out var markup) && markup.ValueKind == JsonValueKind.String)
                {
                    return markup.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: treat as HTML.
            }
        }

        return raw;
    }

    /// <summary>Accepts a GUID, a UDI (<c>umb://document/…</c>) or a key in N format.</summary>
    public static Guid? ParseDocumentKey(string raw) => ParseUdiOrGuid(raw, "umb://document/");

    public static Guid? ParseUdiOrGuid(string raw, string prefix)
    {
        var value = raw.Trim().Trim('"');
        if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[prefix.Length..];
        }

        return Guid.TryParse(value, out var key) ? key : null;
    }

    private List<PublishedMedia> ConvertMediaPicker(string raw)
    {
        var result = new List<PublishedMedia>();
        foreach (var key in MediaKeys(raw))
        {
            if (_media.TryGetValue(key, out var media))
            {
                result.Add(media);
            }
        }

        return result;
    }

    /// <summary>Media keys referenced by a media picker value (new JSON array or older comma-separated UDIs).</summary>
    public static IReadOnlyList<Guid> MediaKeys(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var trimmed = raw.Trim();
        var keys = new List<Guid>();
        if (trimmed.StartsWith('['))
        {
            using var doc = JsonDocument.Parse(trimmed);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("mediaKey", out var mediaKey)
                    && mediaKey.ValueKind == JsonValueKind.String
                    && Guid.TryParse(mediaKey.GetString(), out var key))
                {
                    keys.Add(key);
                }
            }

            return keys;
        }

        foreach (var part in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseUdiOrGuid(part, "umb://media/") is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private List<PublishedLink> ConvertLinks(string raw)
    {
        var result = new List<PublishedLink>();
        using var doc = JsonDocument.Parse(raw);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var name = GetString(item, "name") ?? "";
            var target = GetString(item, "target");
            var key = GetString(item, "unique") is { } unique && Guid.TryParse(unique, out var u) ? u
                : GetString(item, "udi") is { } udi ? ParseDocumentKey(udi) : null;
            if (key is { } contentKey)
            {
                if (ResolveContent(contentKey) is { } resolved)
                {
                    result.Add(resolved with { Name = name.Length > 0 ? name : resolved.Name, Target = target });
                }

                continue;
            }

            if (GetString(item, "url") is { Length: > 0 } url)
            {
                result.Add(new PublishedLink(name.Length > 0 ? name : url, url + GetString(item, "queryString"), target, null));
            }
        }

        return result;
    }

    private BlockListValue ConvertBlockList(string raw)
    {
        var model = BlockListData.Parse(raw);
        var items = new List<PublishedBlock>();
        foreach (var layout in model.Layout)
        {
            var content = model.ContentData.FirstOrDefault(c => c.Key == layout.ContentKey);
            if (content is null || _schema.ByKey(content.ContentTypeKey) is not { } elementType)
            {
                continue;
            }

            var settings = layout.SettingsKey is { } sk ? model.SettingsData.FirstOrDefault(s => s.Key == sk) : null;
            items.Add(new PublishedBlock(
                content.Key,
                elementType.Alias,
                ConvertElement(elementType, content),
                settings is not null && _schema.ByKey(settings.ContentTypeKey) is { } settingsType
                    ? ConvertElement(settingsType, settings)
                    : null));
        }

        return new BlockListValue(items);
    }

    private Dictionary<string, PublishedProperty> ConvertElement(ContentType elementType, BlockElementData element)
    {
        var properties = new Dictionary<string, PublishedProperty>(StringComparer.Ordinal);
        foreach (var propertyType in _schema.AllProperties(elementType))
        {
            element.Values.TryGetValue(propertyType.Alias, out var raw);
            properties[propertyType.Alias] = new PublishedProperty(
                propertyType.Alias, propertyType.EditorAlias, raw, Convert(propertyType.EditorAlias, raw, propertyType.DataTypeKey));
        }

        return properties;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
