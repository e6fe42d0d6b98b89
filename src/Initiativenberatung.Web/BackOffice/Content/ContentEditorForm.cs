using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Core.Validation;
using Microsoft.Extensions.Primitives;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>One property editor on the edit page (recursive for the blocks of a block list).</summary>
public sealed class EditorField
{
    public required PropertyType Property { get; init; }

    public required string EditorAlias { get; init; }

    /// <summary>Validation path, e.g. <c>intro</c> or <c>sections[1].author</c> (as in <see cref="ValidationError.PropertyAlias"/>).</summary>
    public required string Path { get; init; }

    public string Name => ContentEditorForm.FieldPrefix + Path;

    public string Id => ContentEditorForm.IdOf(Path);

    public string ErrorId => Id + "-error";

    public string DescriptionId => Id + "-description";

    /// <summary>The stored value (text, HTML, Umbraco JSON).</summary>
    public string? Value { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];

    public IReadOnlyList<EditorBlock> Blocks { get; init; } = [];

    /// <summary>A block list value that could not be read (kept as it is in a hidden field).</summary>
    public bool Unreadable { get; init; }
}

/// <summary>One block of a block list on the edit page.</summary>
public sealed class EditorBlock
{
    public required int Index { get; init; }

    public required int Count { get; init; }

    public required Guid Key { get; init; }

    public Guid? SettingsKey { get; init; }

    public required ContentType ElementType { get; init; }

    public required string Label { get; init; }

    /// <summary>Path of the block, e.g. <c>sections[1]</c>.</summary>
    public required string Path { get; init; }

    public required string ListPath { get; init; }

    public IReadOnlyList<EditorField> Fields { get; init; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>
/// Turns stored values into editors and posted forms back into stored values (Umbraco's JSON shapes), without JavaScript:
/// every editor is a plain form control named <c>p.&lt;path&gt;</c>; blocks and link rows carry their keys in hidden fields.
/// </summary>
public static partial class ContentEditorForm
{
    public const string FieldPrefix = "p.";

    public static string IdOf(string path) => "f-" + NonIdChars().Replace(path, "-").Trim('-');

    public static string DocumentUdi(Guid key) => "umb://document/" + key.ToString("N");

    // ---- stored values → editors -------------------------------------------------------------

    public static IReadOnlyList<EditorField> Build(
        ContentEditorContext context, ContentType type, IReadOnlyDictionary<string, string?> values, IReadOnlyList<ValidationError> errors, string prefix = "")
    {
        var byPath = errors.ToLookup(e => e.PropertyAlias, e => e.Message, StringComparer.Ordinal);
        return BuildFields(context, type, values, byPath, prefix, 0);
    }

    private static List<EditorField> BuildFields(
        ContentEditorContext context, ContentType type, IReadOnlyDictionary<string, string?> values, ILookup<string, string> errors, string prefix, int depth)
    {
        var fields = new List<EditorField>();
        foreach (var property in context.Schema.AllProperties(type))
        {
            var path = prefix + property.Alias;
            values.TryGetValue(property.Alias, out var value);
            var editorAlias = context.EditorAliasOf(property);
            var blocks = new List<EditorBlock>();
            var unreadable = false;
            if (editorAlias == EditorAliases.BlockList && depth < 8)
            {
                try
                {
                    var data = BlockListData.Parse(value);
                    var labels = context.AllowedBlocks(property).ToDictionary(b => b.Type.Key, b => b.Label);
                    for (var i = 0; i < data.Layout.Count; i++)
                    {
                        var element = data.ContentData.FirstOrDefault(c => c.Key == data.Layout[i].ContentKey);
                        if (element is null || context.Schema.ByKey(element.ContentTypeKey) is not { } elementType)
                        {
                            continue;
                        }

                        var blockPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                        blocks.Add(new EditorBlock
                        {
                            Index = i,
                            Count = data.Layout.Count,
                            Key = element.Key,
                            SettingsKey = data.Layout[i].SettingsKey,
                            ElementType = elementType,
                            Label = labels.GetValueOrDefault(elementType.Key, elementType.Name),
                            Path = blockPath,
                            ListPath = path,
                            Fields = BuildFields(context, elementType, element.Values, errors, blockPath + ".", depth + 1),
                            Errors = errors[blockPath].ToList(),
                        });
                    }
                }
                catch (FormatException)
                {
                    unreadable = true;
                }
            }

            fields.Add(new EditorField
            {
                Property = property,
                EditorAlias = editorAlias,
                Path = path,
                Value = value,
                Errors = errors[path].ToList(),
                Blocks = blocks,
                Unreadable = unreadable,
            });
        }

        return fields;
    }

    // ---- posted form → stored values ----------------------------------------------------------

    /// <summary>
    /// Reads the posted editors of <paramref name="type"/> into stored values. <paramref name="keepEmptyRows"/> keeps empty
    /// link rows (while the form is being rearranged); saving drops them. Unsafe link addresses are reported in <paramref name="errors"/>.
    /// </summary>
    public static Dictionary<string, string?> Read(
        ContentEditorContext context, ContentType type, IFormCollection form, bool keepEmptyRows, List<ValidationError> errors, string prefix = "", int depth = 0)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in context.Schema.AllProperties(type))
        {
            var path = prefix + property.Alias;
            var name = FieldPrefix + path;
            var editorAlias = context.EditorAliasOf(property);
            string? value;
            switch (editorAlias)
            {
                case EditorAliases.TrueFalse:
                    value = form[name].Any(v => v is "1" or "true" or "on") ? "1" : "0";
                    break;
                case EditorAliases.RichText or EditorAliases.TinyMce:
                    var html = Text(form[name]);
                    value = html is null ? null : new JsonObject { ["markup"] = html, ["blocks"] = null }.ToJsonString();
                    break;
                case EditorAliases.MediaPicker3:
                    value = ReadMedia(context, form, name);
                    break;
                case EditorAliases.MultiUrlPicker:
                    value = ReadLinks(form, name, path, property.Name, keepEmptyRows, errors);
                    break;
                case EditorAliases.BlockList when depth < 8:
                    value = ReadBlocks(context, form, name, path, keepEmptyRows, errors, depth);
                    break;
                default:
                    value = Text(form[name]);
                    break;
            }

            if (value is not null)
            {
                values[property.Alias] = value;
            }
        }

        return values;
    }

    private static string? Text(StringValues posted)
    {
        var text = posted.Count > 0 ? posted[0] : null;
        return string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    private static string? ReadMedia(ContentEditorContext context, IFormCollection form, string name)
    {
        var existing = new Dictionary<Guid, JsonObject>();
        if (Text(form[name + ".__value"]) is { } previous)
        {
            try
            {
                if (JsonNode.Parse(previous) is JsonArray array)
                {
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        if (item["mediaKey"] is JsonValue mk && mk.TryGetValue<string>(out var text) && Guid.TryParse(text, out var mediaKey))
                        {
                            existing.TryAdd(mediaKey, item);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not a JSON picker value (older UDI list): new keys are made.
            }
        }

        var result = new JsonArray();
        var seen = new HashSet<Guid>();
        foreach (var posted in form[name])
        {
            if (!Guid.TryParse(posted, out var mediaKey) || !seen.Add(mediaKey))
            {
                continue;
            }

            if (existing.TryGetValue(mediaKey, out var kept))
            {
                result.Add(kept.DeepClone());
                continue;
            }

            result.Add(new JsonObject
            {
                ["key"] = Guid.NewGuid().ToString("D"),
                ["mediaKey"] = mediaKey.ToString("D"),
                ["mediaTypeAlias"] = context.Media.FirstOrDefault(m => m.Key == mediaKey)?.MediaTypeAlias ?? "",
                ["crops"] = new JsonArray(),
                ["focalPoint"] = null,
            });
        }

        return result.Count == 0 ? null : result.ToJsonString();
    }

    private static string? ReadLinks(IFormCollection form, string name, string path, string caption, bool keepEmptyRows, List<ValidationError> errors)
    {
        var count = int.TryParse(form[name + ".__count"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? Math.Clamp(c, 0, 100) : 0;
        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var row = $"{name}[{i.ToString(CultureInfo.InvariantCulture)}]";
            var linkName = Text(form[row + ".name"]) ?? "";
            var document = Text(form[row + ".doc"]) is { } doc ? PublishedValueKeys.Document(doc) : null;
            var url = Text(form[row + ".url"]);
            var target = Text(form[row + ".target"]);
            if (document is { } key)
            {
                result.Add(Link(linkName, "document", key.ToString("D"), null, target));
            }
            else if (url is not null)
            {
                if (!IsSafeUrl(url))
                {
                    errors.Add(new ValidationError($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]",
                        Messages.Get("Validation.LinkUrlNotAllowed", caption, i + 1, url)));
                }

                result.Add(Link(linkName, "external", null, url, target));
            }
            else if (keepEmptyRows || linkName.Length > 0)
            {
                result.Add(Link(linkName, "external", null, "", target));
            }
        }

        return result.Count == 0 ? null : result.ToJsonString();
    }

    private static JsonObject Link(string name, string type, string? unique, string? url, string? target) => new()
    {
        ["icon"] = type == "document" ? "icon-document" : "icon-link",
        ["name"] = name,
        ["queryString"] = null,
        ["target"] = target,
        ["trashed"] = false,
        ["type"] = type,
        ["unique"] = unique,
        ["url"] = url,
    };

    public static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        if (trimmed.StartsWith('#'))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto || uri.Scheme == "tel");
    }

    private static string? ReadBlocks(
        ContentEditorContext context, IFormCollection form, string name, string path, bool keepEmptyRows, List<ValidationError> errors, int depth)
    {
        var data = new BlockListData();
        var settings = new BlockListData();
        if (Text(form[name + ".__settings"]) is { } settingsJson)
        {
            try
            {
                settings = BlockListData.Parse(settingsJson);
            }
            catch (FormatException)
            {
                // Settings are not edited here; a broken copy is dropped.
            }
        }

        var index = 0;
        foreach (var entry in form[name + ".__block"])
        {
            var parts = (entry ?? "").Split(',');
            if (parts.Length < 2 || !Guid.TryParse(parts[0], out var key) || !Guid.TryParse(parts[1], out var typeKey)
                || context.Schema.ByKey(typeKey) is not { IsElement: true } elementType)
            {
                continue;
            }

            Guid? settingsKey = parts.Length > 2 && Guid.TryParse(parts[2], out var sk) ? sk : null;
            var element = new BlockElementData(key, typeKey);
            var blockPath = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            foreach (var (alias, value) in Read(context, elementType, form, keepEmptyRows, errors, blockPath + ".", depth + 1))
            {
                element.Values[alias] = value;
            }

            foreach (var property in context.Schema.AllProperties(elementType))
            {
                element.EditorAliases[property.Alias] = context.EditorAliasOf(property);
            }

            data.Layout.Add(new BlockLayoutItem(key, settingsKey));
            data.ContentData.Add(element);
            if (settingsKey is { } s && settings.SettingsData.FirstOrDefault(x => x.Key == s) is { } settingsElement)
            {
                data.SettingsData.Add(settingsElement);
            }

            index++;
        }

        return data.Layout.Count == 0 ? null : data.ToJson();
    }

    /// <summary>The settings of a block list, to carry through the form unchanged.</summary>
    public static string? SettingsJson(string? value)
    {
        try
        {
            var data = BlockListData.Parse(value);
            if (data.SettingsData.Count == 0)
            {
                return null;
            }

            var copy = new BlockListData();
            copy.SettingsData.AddRange(data.SettingsData);
            return copy.ToJson();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonIdChars();

    [GeneratedRegex(@"^([A-Za-z0-9_]+)\[(\d{1,4})\]$")]
    private static partial Regex IndexedSegment();

    [GeneratedRegex(@"^(.+)\[(\d{1,4})\]$")]
    private static partial Regex TrailingIndex();
}

/// <summary>Reads keys out of picker values.</summary>
public static class PublishedValueKeys
{
    public static Guid? Document(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : PropertyValueConverter.ParseDocumentKey(raw);
}
