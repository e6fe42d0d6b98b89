using System.Globalization;
using System.Text.Json.Nodes;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Delivery;

/// <summary>
/// Writes published content and media in the JSON shapes of Umbraco's Content Delivery API v2: content
/// <c>{ contentType, name, createDate, updateDate, route { path, startItem { id, path } }, id, properties, cultures }</c>,
/// media <c>{ path, createDate, updateDate, id, name, mediaType, url, extension, width, height, bytes, properties, focalPoint, crops }</c>,
/// rich text <c>{ markup, blocks }</c>, block lists <c>{ items: [ { content, settings } ] }</c>, media pickers as media objects,
/// content pickers as shallow content (expandable), link pickers as link objects and form pickers as <c>{ id, form }</c>
/// (the form definition only when expanded). Pure: reads only the snapshot it is given.
/// </summary>
public sealed class DeliveryJsonWriter(
    PublishedSnapshot snapshot,
    Func<string, bool> isContentTypeAllowed,
    Func<Guid, JsonNode?> formDefinition)
{
    /// <summary>Media values that Umbraco shows as top-level fields, not as properties.</summary>
    private static readonly HashSet<string> BuiltInMediaValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "umbracoFile", "umbracoWidth", "umbracoHeight", "umbracoBytes", "umbracoExtension", FocalPoint.Alias,
    };

    public PublishedSnapshot Snapshot => snapshot;

    /// <summary>A content item as the item endpoints return it (with <c>cultures</c>).</summary>
    public JsonObject Content(PublishedContent content, PropertySelection expand, PropertySelection fields)
    {
        var node = ContentNode(content, Properties(content.Properties, expand, fields));
        node["cultures"] = new JsonObject();
        return node;
    }

    /// <summary>A media item as the media endpoints return it.</summary>
    public static JsonObject Media(PublishedMedia media, PropertySelection fields)
    {
        var node = new JsonObject
        {
            ["path"] = media.Path,
            ["createDate"] = media.CreateDate,
            ["updateDate"] = media.UpdateDate,
        };
        var item = MediaNode(media, withProperties: true, fields);
        foreach (var key in (string[])["id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties", "focalPoint", "crops"])
        {
            var value = item[key];
            item.Remove(key);
            node[key] = value;
        }

        return node;
    }

    /// <summary>The route of a document relative to its root, with the root as start item.</summary>
    public static JsonObject Route(PublishedSnapshot snapshot, PublishedContent content)
    {
        var root = RootOf(snapshot, content);
        var path = content.Route.Length >= root.Route.Length ? "/" + content.Route[root.Route.Length..] : content.Route;
        return new JsonObject
        {
            ["path"] = path,
            ["startItem"] = new JsonObject { ["id"] = root.Key.ToString("D"), ["path"] = root.UrlSegment },
        };
    }

    public static PublishedContent RootOf(PublishedSnapshot snapshot, PublishedContent content)
    {
        var current = content;
        for (var depth = 0; depth < 64 && current.ParentKey is { } parent && snapshot.GetByKey(parent) is { } next; depth++)
        {
            current = next;
        }

        return current;
    }

    private JsonObject ContentNode(PublishedContent content, JsonObject properties) => new()
    {
        ["contentType"] = content.ContentTypeAlias,
        ["name"] = content.Name,
        ["createDate"] = content.CreateDate,
        ["updateDate"] = content.UpdateDate,
        ["route"] = Route(snapshot, content),
        ["id"] = content.Key.ToString("D"),
        ["properties"] = properties,
    };

    private JsonObject Properties(IReadOnlyDictionary<string, PublishedProperty> properties, PropertySelection expand, PropertySelection fields)
    {
        var node = new JsonObject();
        foreach (var property in properties.Values.OrderBy(p => p.Alias, StringComparer.Ordinal))
        {
            if (fields.Includes(property.Alias))
            {
                node[property.Alias] = Value(
                    property,
                    expand.Includes(property.Alias),
                    expand.Nested(property.Alias, PropertySelection.None),
                    fields.Nested(property.Alias, PropertySelection.All));
            }
        }

        return node;
    }

    private JsonNode? Value(PublishedProperty property, bool expanded, PropertySelection nestedExpand, PropertySelection nestedFields)
    {
        var editor = property.EditorAlias;
        if (EditorAliases.IsRichText(editor))
        {
            return new JsonObject
            {
                ["markup"] = property.Value is RichTextValue rich ? rich.Html : "",
                ["blocks"] = new JsonArray(),
            };
        }

        return property.Value switch
        {
            null => null,
            IReadOnlyList<PublishedMedia> media => MediaPicker(media, property.RawValue, expanded, nestedFields),
            IReadOnlyList<PublishedLink> links => new JsonArray(links.Select(l => (JsonNode?)Link(l)).ToArray()),
            PublishedLink link when editor == EditorAliases.ContentPicker => PickedContent(link, expanded, nestedFields),
            BlockListValue blocks => BlockList(blocks, nestedExpand, nestedFields),
            Guid form when editor == EditorAliases.FormPicker => new JsonObject
            {
                ["id"] = form.ToString("D"),
                ["form"] = expanded ? formDefinition(form)?.DeepClone() : null,
            },
            string text => text,
            bool flag => flag,
            int number => number,
            decimal number => number,
            DateTime date => date.ToString("s", CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    private JsonObject? PickedContent(PublishedLink link, bool expanded, PropertySelection fields)
    {
        if (link.ContentKey is not { } key || snapshot.GetByKey(key) is not { } content || !isContentTypeAllowed(content.ContentTypeAlias))
        {
            return null;
        }

        return ContentNode(content, expanded ? Properties(content.Properties, PropertySelection.None, fields) : new JsonObject());
    }

    private JsonObject Link(PublishedLink link)
    {
        var content = link.ContentKey is { } key ? snapshot.GetByKey(key) : null;
        var visible = content is not null && isContentTypeAllowed(content.ContentTypeAlias);
        var queryStart = link.Url.IndexOfAny(['?', '#']);
        return new JsonObject
        {
            ["url"] = visible ? null : queryStart >= 0 ? link.Url[..queryStart] : link.Url,
            ["queryString"] = !visible && queryStart >= 0 ? link.Url[queryStart..] : null,
            ["title"] = link.Name,
            ["target"] = link.Target,
            ["destinationId"] = visible ? content!.Key.ToString("D") : null,
            ["destinationType"] = visible ? content!.ContentTypeAlias : null,
            ["route"] = visible ? Route(snapshot, content!) : null,
            ["linkType"] = visible ? "Content" : "External",
        };
    }

    private JsonObject BlockList(BlockListValue blocks, PropertySelection expand, PropertySelection fields) => new()
    {
        ["items"] = new JsonArray(blocks.Items.Select(block => (JsonNode?)new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["contentType"] = block.ContentTypeAlias,
                ["id"] = block.Key.ToString("D"),
                ["properties"] = Properties(block.Properties, expand, fields),
            },
            ["settings"] = block.Settings is { } settings
                ? new JsonObject { ["properties"] = Properties(settings, expand, PropertySelection.All) }
                : null,
        }).ToArray()),
    };

    /// <summary>Picked media; a focal point set in the picker itself wins over the media item's, as in Umbraco.</summary>
    private static JsonArray MediaPicker(IReadOnlyList<PublishedMedia> media, string? raw, bool expanded, PropertySelection fields)
    {
        var local = LocalFocalPoints(raw);
        return new JsonArray(media.Select(m => (JsonNode?)MediaNode(m, expanded, fields, local.TryGetValue(m.Key, out var point) ? point : null)).ToArray());
    }

    private static Dictionary<Guid, FocalPoint> LocalFocalPoints(string? raw)
    {
        var result = new Dictionary<Guid, FocalPoint>();
        if (string.IsNullOrWhiteSpace(raw) || !raw.TrimStart().StartsWith('['))
        {
            return result;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(raw);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind == System.Text.Json.JsonValueKind.Object
                    && item.TryGetProperty("mediaKey", out var key) && Guid.TryParse(key.GetString(), out var mediaKey)
                    && item.TryGetProperty("focalPoint", out var point) && point.ValueKind == System.Text.Json.JsonValueKind.Object
                    && FocalPoint.Parse(point.GetRawText()) is { } focalPoint)
                {
                    result[mediaKey] = focalPoint;
                }
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            // A broken stored value has no local focal points.
        }

        return result;
    }

    private static JsonObject MediaNode(PublishedMedia media, bool withProperties, PropertySelection fields, FocalPoint? localFocalPoint = null)
    {
        var properties = new JsonObject();
        if (withProperties)
        {
            foreach (var (alias, value) in media.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (!BuiltInMediaValues.Contains(alias) && fields.Includes(alias))
                {
                    properties[alias] = value;
                }
            }
        }

        var focalPoint = localFocalPoint ?? FocalPoint.Parse(media.Values.GetValueOrDefault(FocalPoint.Alias));
        return new JsonObject
        {
            ["focalPoint"] = focalPoint is { } point ? new JsonObject { ["left"] = point.Left, ["top"] = point.Top } : null,
            ["crops"] = new JsonArray(),
            ["id"] = media.Key.ToString("D"),
            ["name"] = media.Name,
            ["mediaType"] = media.MediaTypeAlias,
            ["url"] = media.Url,
            ["extension"] = media.Extension,
            ["width"] = media.Width,
            ["height"] = media.Height,
            ["bytes"] = media.Bytes,
            ["properties"] = properties,
        };
    }
}
