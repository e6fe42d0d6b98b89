using System.Text.Json;
using System.Text.Json.Nodes;

namespace Initiativenberatung.Core.Content;

/// <summary>
/// The stored value of an <c>Umbraco.BlockList</c> property. Reads Umbraco 15+ values
/// (<c>layout["Umbraco.BlockList"]</c> with <c>contentKey</c>, <c>contentData[].values[]</c>) and older ones
/// (<c>contentUdi</c>, <c>udi</c> and flat properties); always writes the 15+ shape.
/// </summary>
public sealed class BlockListData
{
    public const string LayoutAlias = "Umbraco.BlockList";

    public List<BlockLayoutItem> Layout { get; } = [];

    public List<BlockElementData> ContentData { get; } = [];

    public List<BlockElementData> SettingsData { get; } = [];

    /// <exception cref="FormatException">The value is not a block list.</exception>
    public static BlockListData Parse(string? raw)
    {
        var result = new BlockListData();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return result;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(raw);
        }
        catch (JsonException ex)
        {
            throw new FormatException(Messages.Get("BlockList.InvalidJson"), ex);
        }

        if (root is not JsonObject obj)
        {
            throw new FormatException(Messages.Get("BlockList.NotAnObject"));
        }

        if (obj["layout"]?[LayoutAlias] is JsonArray layout)
        {
            foreach (var item in layout.OfType<JsonObject>())
            {
                var contentKey = ReadKey(item, "contentKey", "contentUdi");
                if (contentKey is null)
                {
                    throw new FormatException(Messages.Get("BlockList.BlockWithoutContentKey"));
                }

                result.Layout.Add(new BlockLayoutItem(contentKey.Value, ReadKey(item, "settingsKey", "settingsUdi")));
            }
        }

        ReadElements(obj["contentData"], result.ContentData);
        ReadElements(obj["settingsData"], result.SettingsData);
        return result;
    }

    public string ToJson()
    {
        var layout = new JsonArray();
        foreach (var item in Layout)
        {
            layout.Add(new JsonObject
            {
                ["contentKey"] = item.ContentKey.ToString("D"),
                ["settingsKey"] = item.SettingsKey?.ToString("D"),
            });
        }

        var root = new JsonObject
        {
            ["layout"] = new JsonObject { [LayoutAlias] = layout },
            ["contentData"] = WriteElements(ContentData),
            ["settingsData"] = WriteElements(SettingsData),
            ["expose"] = new JsonArray(ContentData.Select(c => (JsonNode)new JsonObject
            {
                ["contentKey"] = c.Key.ToString("D"),
                ["culture"] = null,
                ["segment"] = null,
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonArray WriteElements(List<BlockElementData> elements)
    {
        var array = new JsonArray();
        foreach (var element in elements)
        {
            var values = new JsonArray();
            foreach (var (alias, value) in element.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                values.Add(new JsonObject
                {
                    ["alias"] = alias,
                    ["culture"] = null,
                    ["segment"] = null,
                    ["editorAlias"] = element.EditorAliases.GetValueOrDefault(alias),
                    ["value"] = ValueNode(value),
                });
            }

            array.Add(new JsonObject
            {
                ["contentTypeKey"] = element.ContentTypeKey.ToString("D"),
                ["key"] = element.Key.ToString("D"),
                ["values"] = values,
            });
        }

        return array;
    }

    /// <summary>JSON values (pickers, nested blocks) are written as JSON, everything else as a string.</summary>
    private static JsonNode? ValueNode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                // Text that merely starts with a bracket.
            }
        }

        return JsonValue.Create(value);
    }

    private static void ReadElements(JsonNode? node, List<BlockElementData> target)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var key = ReadKey(item, "key", "udi")
                ?? throw new FormatException(Messages.Get("BlockList.ElementWithoutKey"));
            var typeKey = ReadKey(item, "contentTypeKey", "contentTypeKey")
                ?? throw new FormatException(Messages.Get("BlockList.ElementWithoutType"));
            var element = new BlockElementData(key, typeKey);
            if (item["values"] is JsonArray values)
            {
                foreach (var value in values.OfType<JsonObject>())
                {
                    var alias = value["alias"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(alias))
                    {
                        continue;
                    }

                    element.Values[alias] = ValueText(value["value"]);
                    if (value["editorAlias"]?.GetValue<string>() is { } editorAlias)
                    {
                        element.EditorAliases[alias] = editorAlias;
                    }
                }
            }
            else
            {
                // Older shape: properties directly on the element.
                foreach (var (name, value) in item)
                {
                    if (name is not ("key" or "udi" or "contentTypeKey" or "contentTypeAlias"))
                    {
                        element.Values[name] = ValueText(value);
                    }
                }
            }

            target.Add(element);
        }
    }

    private static string? ValueText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static Guid? ReadKey(JsonObject item, string keyName, string udiName)
    {
        if (item[keyName] is JsonValue key && key.TryGetValue<string>(out var keyText) && Guid.TryParse(keyText, out var parsed))
        {
            return parsed;
        }

        if (item[udiName] is JsonValue udi && udi.TryGetValue<string>(out var udiText))
        {
            var slash = udiText.LastIndexOf('/');
            if (slash >= 0 && Guid.TryParse(udiText[(slash + 1)..], out var fromUdi))
            {
                return fromUdi;
            }
        }

        return null;
    }
}

public sealed record BlockLayoutItem(Guid ContentKey, Guid? SettingsKey);

/// <summary>One element of a block list: its type, key and property values (raw, as stored).</summary>
public sealed class BlockElementData(Guid key, Guid contentTypeKey)
{
    public Guid Key { get; } = key;

    public Guid ContentTypeKey { get; } = contentTypeKey;

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> EditorAliases { get; } = new(StringComparer.Ordinal);
}
