namespace Initiativenberatung.Core.Schema;

/// <summary>A data type as the settings section edits it. <see cref="Key"/> is <c>null</c> to create one.</summary>
public sealed record DataTypeInput(
    Guid? Key,
    string? Name,
    string? EditorAlias,
    string? EditorUiAlias,
    string? Folder,
    string? ConfigJson);

/// <summary>A document, element or media type as the settings section edits it. <see cref="Key"/> is <c>null</c> to create one.</summary>
public sealed record ContentTypeInput
{
    public Guid? Key { get; init; }

    public ContentTypeKind Kind { get; init; }

    public string? Name { get; init; }

    /// <summary>Only used when creating; an existing type keeps its alias.</summary>
    public string? Alias { get; init; }

    public string? Icon { get; init; }

    public string? Description { get; init; }

    public string? Folder { get; init; }

    public bool AllowAtRoot { get; init; }

    /// <summary>Only used when creating; an existing type keeps it.</summary>
    public bool IsElement { get; init; }

    public IReadOnlyList<Guid> AllowedChildren { get; init; } = [];

    public IReadOnlyList<Guid> Compositions { get; init; } = [];

    public IReadOnlyList<PropertyGroupInput> Groups { get; init; } = [];

    /// <summary>In the order they are shown; the index becomes the sort order.</summary>
    public IReadOnlyList<PropertyTypeInput> Properties { get; init; } = [];
}

/// <summary>A group (or tab) of a content type; the list order becomes the sort order.</summary>
public sealed record PropertyGroupInput(Guid Key, string? Alias, string? Name, string? Type = "Group");

/// <summary>A property of a content type. <see cref="DataTypeKey"/> is text so that any posted value can be checked.</summary>
public sealed record PropertyTypeInput(
    Guid Key,
    string? Name,
    string? Alias,
    string? Description,
    string? DataTypeKey,
    bool Mandatory,
    string? MandatoryMessage,
    string? ValidationRegex,
    string? ValidationRegexMessage,
    string? GroupAlias);

/// <summary>
/// One validation problem. <see cref="Field"/> is the input's path (<c>Alias</c>, <c>Properties[2].Alias</c>,
/// <c>Groups[0].Name</c>, <c>ConfigJson</c> …); <see cref="Message"/> is German and names the field.
/// </summary>
public sealed record SchemaError(string Field, string Message);
