namespace Initiativenberatung.Core.Schema;

/// <summary>Whether a content type describes documents (and element types) or media.</summary>
public enum ContentTypeKind
{
    Document = 0,
    Media = 1,
}

/// <summary>A document type, element type or media type with its groups and properties.</summary>
public sealed class ContentType
{
    public Guid Key { get; set; }

    public ContentTypeKind Kind { get; set; }

    public string Alias { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Icon { get; set; }

    public string? Thumbnail { get; set; }

    public string? Description { get; set; }

    public bool AllowAtRoot { get; set; }

    public bool IsElement { get; set; }

    public string Variations { get; set; } = "Nothing";

    public string? Folder { get; set; }

    public int Level { get; set; } = 1;

    public string? DefaultTemplate { get; set; }

    public List<PropertyGroup> Groups { get; set; } = [];

    public List<PropertyType> Properties { get; set; } = [];

    public List<ContentTypeReference> AllowedChildren { get; set; } = [];

    public List<ContentTypeReference> Compositions { get; set; } = [];
}

/// <summary>A tab or group of properties.</summary>
public sealed class PropertyGroup
{
    public Guid Key { get; set; }

    public string Alias { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary><c>Group</c> or <c>Tab</c>.</summary>
    public string Type { get; set; } = "Group";

    public int SortOrder { get; set; }
}

/// <summary>One property of a content type.</summary>
public sealed class PropertyType
{
    public Guid Key { get; set; }

    public string Alias { get; set; } = "";

    public string Name { get; set; } = "";

    public Guid DataTypeKey { get; set; }

    /// <summary>Editor alias of the data type, kept for readability and for files from real uSync.</summary>
    public string EditorAlias { get; set; } = "";

    public bool Mandatory { get; set; }

    public string? MandatoryMessage { get; set; }

    public string? ValidationRegex { get; set; }

    public string? ValidationRegexMessage { get; set; }

    public string? Description { get; set; }

    public int SortOrder { get; set; }

    public string? GroupAlias { get; set; }

    public string Variations { get; set; } = "Nothing";

    public bool LabelOnTop { get; set; }
}

/// <summary>Reference to another content type (allowed child or composition), by key and alias.</summary>
public sealed class ContentTypeReference
{
    public Guid Key { get; set; }

    public string Alias { get; set; } = "";

    public int SortOrder { get; set; }
}
