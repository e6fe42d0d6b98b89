namespace Initiativenberatung.Core.Media;

/// <summary>An item of the media library: a folder, an image, a file or a vector graphic.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }

    public Guid Key { get; set; }

    public Guid? ParentKey { get; set; }

    public int Level { get; set; } = 1;

    public string Name { get; set; } = "";

    public string MediaTypeAlias { get; set; } = MediaTypeAliases.Folder;

    public int SortOrder { get; set; }

    public bool Trashed { get; set; }

    public DateTime CreateDate { get; set; }

    public DateTime UpdateDate { get; set; }

    /// <summary>Path of the file inside the media store (generated folder + safe file name), or <c>null</c> for folders.</summary>
    public string? FilePath { get; set; }

    /// <summary>Lower-case extension without dot, e.g. <c>pdf</c>.</summary>
    public string? Extension { get; set; }

    public long? Bytes { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public string? MimeType { get; set; }

    /// <summary>SHA-256 of the file, hex lower-case.</summary>
    public string? FileHash { get; set; }

    /// <summary>Further property values (e.g. <c>altText</c>) by alias.</summary>
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Public URL of the file, e.g. <c>/media/3f2a.../infoblatt.pdf</c>.</summary>
    public string? Url => FilePath is null ? null : "/media/" + FilePath;
}

/// <summary>Aliases of the media types Umbraco ships with.</summary>
public static class MediaTypeAliases
{
    public const string Folder = "Folder";
    public const string Image = "Image";
    public const string File = "File";
    public const string VectorGraphics = "umbracoMediaVectorGraphics";
}
