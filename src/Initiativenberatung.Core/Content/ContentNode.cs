namespace Initiativenberatung.Core.Content;

/// <summary>A document in the content tree. Its property values live in <see cref="ContentVersion"/>s.</summary>
public sealed class ContentNode : ITreeEntity
{
    public int Id { get; set; }

    public Guid Key { get; set; }

    /// <summary>Parent document, or <c>null</c> at the root.</summary>
    public Guid? ParentKey { get; set; }

    public int Level { get; set; } = 1;

    public string Name { get; set; } = "";

    /// <summary>
    /// URL segment of the PUBLISHED version (what routes use); for a document that is not published, the segment of its latest version.
    /// The draft's segment is <see cref="ContentVersion.UrlSegment"/> and becomes live only when that version is published.
    /// </summary>
    public string UrlSegment { get; set; } = "";

    public int SortOrder { get; set; }

    public string ContentTypeAlias { get; set; } = "";

    public string? TemplateAlias { get; set; }

    public bool Trashed { get; set; }

    public DateTime CreateDate { get; set; }

    public DateTime UpdateDate { get; set; }

    /// <summary>The version visitors see, or <c>null</c> when unpublished.</summary>
    public int? PublishedVersionId { get; set; }

    /// <summary>The newest version (the draft editors work on). Equals the published one when there are no pending changes.</summary>
    public int? CurrentVersionId { get; set; }

    public bool IsPublished => PublishedVersionId is not null;

    public bool HasPendingChanges => CurrentVersionId != PublishedVersionId;
}

/// <summary>One saved state of a document's name and property values.</summary>
public sealed class ContentVersion
{
    public int Id { get; set; }

    public Guid ContentKey { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The URL segment this version answers at once it is published (Umbraco keeps it per version, too).</summary>
    public string UrlSegment { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Stored values by property alias, exactly as uSync writes them (HTML, JSON, text).</summary>
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
}
