using System.Text.Json;
using Ganss.Xss;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Infrastructure.Sanitizing;

/// <summary>
/// Server-side cleaning of rich text (HtmlSanitizer): no script, no event handlers, no <c>javascript:</c> URLs, no styles.
/// Applied when values are stored and again when the published snapshot is built. Images only from this site (relative
/// addresses such as <c>/media/…</c>) unless the rich-text data type sets <c>"allowExternalImages": true</c>: an image
/// from elsewhere is a tracking pixel for every visitor and API client. No <c>name</c> attribute, and every <c>id</c> is
/// prefixed (<see cref="IdPrefix"/>, see <see cref="RichTextDom"/>), so rich text cannot clobber the page's globals.
/// </summary>
public sealed class RichTextSanitizer
{
    /// <summary>The data type configuration key (a JSON boolean) that lets a rich-text editor keep images from other sites.</summary>
    public const string AllowExternalImagesKey = "allowExternalImages";

    /// <summary>Put before every <c>id</c> (and the matching <c>#fragment</c> of local links).</summary>
    public const string IdPrefix = RichTextDom.IdPrefix;

    private static readonly string[] RemovedAttributes = ["name", "srcset", "background", "poster", "lowsrc", "dynsrc", "ping", "longdesc"];
    private static readonly string[] RemovedTags = ["form", "input", "button", "textarea", "select", "video", "audio", "source", "track", "picture"];

    private readonly HtmlSanitizer _ownImagesOnly = Create(allowExternalImages: false);
    private readonly HtmlSanitizer _anyImages = Create(allowExternalImages: true);

    /// <summary>Cleans with the default rules (images from this site only).</summary>
    public string Sanitize(string html) => Sanitize(html, allowExternalImages: false);

    public string Sanitize(string html, bool allowExternalImages) =>
        string.IsNullOrEmpty(html) ? "" : (allowExternalImages ? _anyImages : _ownImagesOnly).Sanitize(html);

    /// <summary>Cleans rich text by the rules of its data type: images from elsewhere stay only for the listed data types.</summary>
    public Func<string, Guid, string> ForDataTypes(IReadOnlySet<Guid> allowingExternalImages) =>
        (html, dataTypeKey) => Sanitize(html, allowingExternalImages.Contains(dataTypeKey));

    /// <summary>True when the data type is a rich-text editor configured with <c>"allowExternalImages": true</c>.</summary>
    public static bool AllowsExternalImages(DataType dataType)
    {
        if (!EditorAliases.IsRichText(dataType.EditorAlias) || string.IsNullOrWhiteSpace(dataType.ConfigJson))
        {
            return false;
        }

        try
        {
            using var config = JsonDocument.Parse(dataType.ConfigJson);
            return config.RootElement.ValueKind == JsonValueKind.Object
                && config.RootElement.TryGetProperty(AllowExternalImagesKey, out var value)
                && (value.ValueKind == JsonValueKind.True
                    || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The keys of the data types whose rich text may keep images from other sites.</summary>
    public static IReadOnlySet<Guid> ExternalImageDataTypes(IEnumerable<DataType> dataTypes) =>
        dataTypes.Where(AllowsExternalImages).Select(d => d.Key).ToHashSet();

    private static HtmlSanitizer Create(bool allowExternalImages)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedAttributes.Remove("style");
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        foreach (var attribute in RemovedAttributes)
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("lang");
        sanitizer.AllowedAttributes.Add("aria-label");
        sanitizer.PostProcessDom += (_, e) => RichTextDom.Apply(e.Document, allowExternalImages);
        return sanitizer;
    }
}
