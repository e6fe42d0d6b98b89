using Initiativenberatung.Core.Auditing;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Content;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>Marker type for the content section's German texts (<c>Resources/BackOffice.Content.ContentText.resx</c>).</summary>
public sealed class ContentText;

/// <summary>Everything the property editors need besides the values: schema, data types, documents and media to pick from.</summary>
public sealed class ContentEditorContext
{
    public required ContentTypeIndex Schema { get; init; }

    public required IReadOnlyDictionary<Guid, DataType> DataTypes { get; init; }

    public required IReadOnlyList<ContentTreeItem> Documents { get; init; }

    public required IReadOnlyList<MediaItem> Media { get; init; }

    public DataType? DataTypeOf(PropertyType property) => DataTypes.GetValueOrDefault(property.DataTypeKey);

    /// <summary>The editor alias that decides the editor: the data type's, else the one stored on the property.</summary>
    public string EditorAliasOf(PropertyType property) => DataTypeOf(property)?.EditorAlias is { Length: > 0 } alias ? alias : property.EditorAlias;

    public JsonObject? ConfigOf(PropertyType property)
    {
        var json = DataTypeOf(property)?.ConfigJson;
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Element types a block list data type allows, in configured order, with their labels.</summary>
    public IReadOnlyList<(ContentType Type, string Label)> AllowedBlocks(PropertyType property)
    {
        var result = new List<(ContentType, string)>();
        if (ConfigOf(property)?["blocks"] is JsonArray blocks)
        {
            foreach (var block in blocks.OfType<JsonObject>())
            {
                if (block["contentElementTypeKey"] is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var key)
                    && Schema.ByKey(key) is { IsElement: true } type)
                {
                    var label = block["label"] is JsonValue l && l.TryGetValue<string>(out var labelText) && labelText.Length > 0 && !labelText.Contains('{', StringComparison.Ordinal)
                        ? labelText
                        : type.Name;
                    result.Add((type, label));
                }
            }
        }

        if (result.Count == 0)
        {
            result.AddRange(Schema.All.Where(t => t.IsElement).OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => (t, t.Name)));
        }

        return result;
    }

    /// <summary>Media a picker may choose: not folders, not trashed, of the allowed media types (config <c>filter</c>).</summary>
    public IReadOnlyList<MediaItem> PickableMedia(PropertyType property)
    {
        var filter = ConfigOf(property)?["filter"] is JsonValue f && f.TryGetValue<string>(out var text) ? text : null;
        var allowedAliases = string.IsNullOrWhiteSpace(filter)
            ? null
            : filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => Guid.TryParse(part, out var key) ? Schema.ByKey(key)?.Alias : part)
                .Where(a => a is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (allowedAliases is { Count: 0 })
        {
            allowedAliases = null; // A filter naming unknown media types would hide everything, including the current choice.
        }

        return Media
            .Where(m => !m.Trashed && m.MediaTypeAlias != MediaTypeAliases.Folder && (allowedAliases is null || allowedAliases.Contains(m.MediaTypeAlias)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public bool IsMultiple(PropertyType property) =>
        ConfigOf(property)?["multiple"] is JsonValue m && m.TryGetValue<bool>(out var multiple) && multiple;

    public int MaxChars(PropertyType property, int fallback)
    {
        var node = ConfigOf(property)?["maxChars"];
        return node is JsonValue v && (v.TryGetValue<int>(out var i) || (v.TryGetValue<string>(out var s) && int.TryParse(s, out i))) && i > 0 ? i : fallback;
    }
}

/// <summary>Loads the <see cref="ContentEditorContext"/> (one round of queries per request; the back office is not hot).</summary>
public sealed class ContentEditorContextLoader(ContentQueryService queries)
{
    public async Task<ContentEditorContext> LoadAsync(CancellationToken cancellationToken = default)
    {
        var sources = await queries.EditorSourcesAsync(cancellationToken);
        return new ContentEditorContext
        {
            Schema = new ContentTypeIndex(sources.Types),
            DataTypes = sources.DataTypes,
            Documents = await queries.TreeAsync(cancellationToken),
            Media = sources.Media,
        };
    }
}

public static class ContentSectionRegistration
{
    /// <summary>The content section of the back office (pages under <c>BackOffice/Pages/Content</c>).</summary>
    public static WebApplicationBuilder AddContentSection(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContentEditorContextLoader>();
        return builder;
    }

    /// <summary>The signed-in user as the actor of the audit trail.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "Unbekannt");
}
