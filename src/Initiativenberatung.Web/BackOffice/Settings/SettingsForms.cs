using Initiativenberatung.Core.Auditing;
using System.Security.Claims;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Schema;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Initiativenberatung.Web.BackOffice.Settings;

/// <summary>The three lists of content types and their URL segment below <c>/umbraco/settings/</c>.</summary>
public enum ContentTypeList
{
    DocumentTypes,
    ElementTypes,
    MediaTypes,
}

public static class SettingsLists
{
    /// <summary>Route constraint for the list segment.</summary>
    public const string RouteConstraint = "^(document-types|element-types|media-types)$";

    public static ContentTypeList? Parse(string? segment) => segment switch
    {
        "document-types" => ContentTypeList.DocumentTypes,
        "element-types" => ContentTypeList.ElementTypes,
        "media-types" => ContentTypeList.MediaTypes,
        _ => null,
    };

    public static string Segment(ContentTypeList list) => list switch
    {
        ContentTypeList.ElementTypes => "element-types",
        ContentTypeList.MediaTypes => "media-types",
        _ => "document-types",
    };

    public static ContentTypeList Of(ContentType type) =>
        type.Kind == ContentTypeKind.Media ? ContentTypeList.MediaTypes : type.IsElement ? ContentTypeList.ElementTypes : ContentTypeList.DocumentTypes;

    public static bool Contains(ContentTypeList list, ContentType type) => Of(type) == list;

    /// <summary>The signed-in administrator as the audit trail names them.</summary>
    public static Actor Actor(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "?");

    /// <summary>Puts the service's errors into the model state under <paramref name="prefix"/> (e.g. <c>Form.Properties[2].Alias</c>).</summary>
    public static void AddErrors(ModelStateDictionary modelState, string prefix, IEnumerable<SchemaError> errors)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(prefix + "." + error.Field, error.Message);
        }
    }

    /// <summary>The element id the tag helpers give to a model-state key (<c>Form.Properties[0].Alias</c> → <c>Form_Properties_0__Alias</c>).</summary>
    public static string IdFor(string key) =>
        key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}

/// <summary>A data type as the edit form posts it.</summary>
public sealed class DataTypeForm
{
    public string? Name { get; set; }

    public string? EditorAlias { get; set; }

    public string? EditorUiAlias { get; set; }

    public string? Folder { get; set; }

    public string? ConfigJson { get; set; }

    public static DataTypeForm From(DataType type) => new()
    {
        Name = type.Name,
        EditorAlias = type.EditorAlias,
        EditorUiAlias = type.EditorUiAlias,
        Folder = type.Folder,
        ConfigJson = Pretty(type.ConfigJson),
    };

    /// <summary>The stored configuration indented with sorted keys (as uSync writes it); unchanged when it is not JSON.</summary>
    public static string Pretty(string? json)
    {
        try
        {
            return Infrastructure.Usync.UsyncXml.CanonicalJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json ?? "";
        }
    }

    public DataTypeInput ToInput(Guid? key) => new(key, Name, EditorAlias, EditorUiAlias, Folder, ConfigJson);
}

/// <summary>A document, element or media type as the edit form posts it (the whole editing state, saved or not).</summary>
public sealed class ContentTypeForm
{
    public string? Name { get; set; }

    public string? Alias { get; set; }

    public string? Icon { get; set; }

    public string? Description { get; set; }

    public string? Folder { get; set; }

    public bool AllowAtRoot { get; set; }

    public bool IsElement { get; set; }

    public List<Guid> AllowedChildren { get; set; } = [];

    public List<Guid> Compositions { get; set; } = [];

    public List<GroupForm> Groups { get; set; } = [];

    public List<PropertyForm> Properties { get; set; } = [];

    public string? NewGroupName { get; set; }

    public string? NewGroupAlias { get; set; }

    public static ContentTypeForm From(ContentType type) => new()
    {
        Name = type.Name,
        Alias = type.Alias,
        Icon = type.Icon,
        Description = type.Description,
        Folder = type.Folder,
        AllowAtRoot = type.AllowAtRoot,
        IsElement = type.IsElement,
        AllowedChildren = [.. type.AllowedChildren.OrderBy(c => c.SortOrder).Select(c => c.Key)],
        Compositions = [.. type.Compositions.Select(c => c.Key)],
        Groups = [.. type.Groups.OrderBy(g => g.SortOrder).Select(g => new GroupForm { Key = g.Key, Alias = g.Alias, Name = g.Name, Type = g.Type })],
        Properties = [.. type.Properties.OrderBy(p => p.SortOrder).ThenBy(p => p.Alias, StringComparer.Ordinal).Select(p => new PropertyForm
        {
            Key = p.Key,
            Name = p.Name,
            Alias = p.Alias,
            Description = p.Description,
            DataTypeKey = p.DataTypeKey.ToString(),
            Mandatory = p.Mandatory,
            MandatoryMessage = p.MandatoryMessage,
            ValidationRegex = p.ValidationRegex,
            ValidationRegexMessage = p.ValidationRegexMessage,
            GroupAlias = p.GroupAlias,
        })],
    };

    public ContentTypeInput ToInput(Guid? key, ContentTypeKind kind) => new()
    {
        Key = key,
        Kind = kind,
        Name = Name,
        Alias = Alias,
        Icon = Icon,
        Description = Description,
        Folder = Folder,
        AllowAtRoot = AllowAtRoot,
        IsElement = IsElement,
        AllowedChildren = AllowedChildren,
        Compositions = Compositions,
        Groups = [.. Groups.Select(g => new PropertyGroupInput(g.Key, g.Alias, g.Name, g.Type))],
        Properties = [.. Properties.Select(p => new PropertyTypeInput(
            p.Key, p.Name, p.Alias, p.Description, p.DataTypeKey, p.Mandatory, p.MandatoryMessage, p.ValidationRegex, p.ValidationRegexMessage, p.GroupAlias))],
    };
}

public sealed class GroupForm
{
    public Guid Key { get; set; }

    public string? Alias { get; set; }

    public string? Name { get; set; }

    public string? Type { get; set; }

    /// <summary>Added in this editing session (not stored yet): its alias can still be edited.</summary>
    public bool IsNew { get; set; }
}

public sealed class PropertyForm
{
    public Guid Key { get; set; }

    public string? Name { get; set; }

    public string? Alias { get; set; }

    public string? Description { get; set; }

    public string? DataTypeKey { get; set; }

    public bool Mandatory { get; set; }

    public string? MandatoryMessage { get; set; }

    public string? ValidationRegex { get; set; }

    public string? ValidationRegexMessage { get; set; }

    public string? GroupAlias { get; set; }
}

/// <summary>Success messages carried over the redirect after a save.</summary>
public static class SettingsMessages
{
    public const string TempDataKey = "Settings.Messages";
}

/// <summary>What the property row partial needs.</summary>
public sealed record PropertyRowModel(
    int Index,
    Pages.Settings.ContentTypeEditModel Page,
    IReadOnlyList<(string Alias, string Name, string? From)> Groups,
    IReadOnlyDictionary<string, string> DataTypeNames,
    bool IsNew);
