namespace Initiativenberatung.Core.Publishing;

/// <summary>A published document as visitors see it. Immutable; part of a <see cref="PublishedSnapshot"/>.</summary>
public sealed class PublishedContent
{
    public required Guid Key { get; init; }

    public required string Name { get; init; }

    public required string ContentTypeAlias { get; init; }

    public Guid? ParentKey { get; init; }

    public int Level { get; init; }

    public int SortOrder { get; init; }

    public required string UrlSegment { get; init; }

    /// <summary>Route with leading and trailing slash, e.g. <c>/</c> or <c>/umfrage/</c>.</summary>
    public required string Route { get; init; }

    public string? TemplateAlias { get; init; }

    public DateTime CreateDate { get; init; }

    public DateTime UpdateDate { get; init; }

    public required IReadOnlyDictionary<string, PublishedProperty> Properties { get; init; }

    public IReadOnlyList<Guid> ChildKeys { get; internal set; } = [];

    public T? Value<T>(string alias) =>
        Properties.TryGetValue(alias, out var property) && property.Value is T typed ? typed : default;

    public string? Text(string alias) => Value<string>(alias);
}

/// <summary>A property value converted for rendering, with the stored raw value beside it.</summary>
public sealed record PublishedProperty(string Alias, string EditorAlias, string? RawValue, object? Value);

/// <summary>A published media item with its resolved URL and file metadata.</summary>
public sealed class PublishedMedia
{
    public required Guid Key { get; init; }

    public required string Name { get; init; }

    public required string MediaTypeAlias { get; init; }

    public Guid? ParentKey { get; init; }

    public int SortOrder { get; init; }

    /// <summary>Path in the media tree, e.g. <c>/downloads/klimaschutz-lokal-staerken/</c>.</summary>
    public required string Path { get; init; }

    public string? Url { get; init; }

    public string? FilePath { get; init; }

    public string? Extension { get; init; }

    public long? Bytes { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? MimeType { get; init; }

    /// <summary>SHA-256 of the file (hex), the media endpoint's ETag: it changes when the file is replaced, the URL does not.</summary>
    public string? FileHash { get; init; }

    public string? AltText { get; init; }

    public DateTime CreateDate { get; init; }

    public DateTime UpdateDate { get; init; }

    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<Guid> ChildKeys { get; internal set; } = [];
}

/// <summary>Rich text after sanitizing, ready to be written to the page unencoded.</summary>
public sealed record RichTextValue(string Html)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Html);

    public override string ToString() => Html;
}

/// <summary>A resolved link (content picker, multi URL picker).</summary>
public sealed record PublishedLink(string Name, string Url, string? Target, Guid? ContentKey);

/// <summary>A block of a block list: an element of an element type, with optional settings.</summary>
public sealed record PublishedBlock(
    Guid Key,
    string ContentTypeAlias,
    IReadOnlyDictionary<string, PublishedProperty> Properties,
    IReadOnlyDictionary<string, PublishedProperty>? Settings)
{
    public T? Value<T>(string alias) =>
        Properties.TryGetValue(alias, out var property) && property.Value is T typed ? typed : default;

    public string? Text(string alias) => Value<string>(alias);
}

/// <summary>A converted block list value.</summary>
public sealed record BlockListValue(IReadOnlyList<PublishedBlock> Items);
