namespace Initiativenberatung.Core.Media;

/// <summary>An item of the media library: a folder, an image, a file or a vector graphic.</summary>
public sealed class MediaItem : Content.ITreeEntity
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

/// <summary>Which media type an uploaded file becomes, and how editors see the type names.</summary>
public static class MediaTypes
{
    /// <summary>Image for raster images, umbracoMediaVectorGraphics for SVG, File for everything else (like Umbraco's upload).</summary>
    public static string ForExtension(string? extension) => extension?.TrimStart('.').ToLowerInvariant() switch
    {
        "png" or "jpg" or "jpeg" or "gif" or "webp" => MediaTypeAliases.Image,
        "svg" => MediaTypeAliases.VectorGraphics,
        _ => MediaTypeAliases.File,
    };

    public static bool IsFolder(this MediaItem item) => item.MediaTypeAlias == MediaTypeAliases.Folder;

    /// <summary>Images and vector graphics: previewable as <c>&lt;img&gt;</c>, carry alt text.</summary>
    public static bool IsPicture(this MediaItem item) =>
        item.MediaTypeAlias is MediaTypeAliases.Image or MediaTypeAliases.VectorGraphics;
}

/// <summary>
/// The point of an image that crops keep in view, as fractions of width and height (0–1 from the top left).
/// Stored in <c>Values["focalPoint"]</c> in Umbraco's shape <c>{"left":0.5,"top":0.5}</c>.
/// </summary>
public readonly record struct FocalPoint(double Left, double Top)
{
    public const string Alias = "focalPoint";

    public static FocalPoint Center { get; } = new(0.5, 0.5);

    public bool IsValid => Left is >= 0 and <= 1 && Top is >= 0 and <= 1;

    public string ToJson() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{{\"left\":{Math.Round(Left, 4)},\"top\":{Math.Round(Top, 4)}}}");

    public static FocalPoint? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("left", out var left) && left.ValueKind == System.Text.Json.JsonValueKind.Number && left.TryGetDouble(out var l)
                && root.TryGetProperty("top", out var top) && top.ValueKind == System.Text.Json.JsonValueKind.Number && top.TryGetDouble(out var t))
            {
                var point = new FocalPoint(l, t);
                return point.IsValid ? point : null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // A broken stored value counts as "no focal point".
        }

        return null;
    }
}
