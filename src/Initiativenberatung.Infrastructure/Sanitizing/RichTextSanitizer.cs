using Ganss.Xss;

namespace Initiativenberatung.Infrastructure.Sanitizing;

/// <summary>
/// Server-side cleaning of rich text (HtmlSanitizer): no script, no event handlers, no <c>javascript:</c> URLs.
/// Applied when values are stored and again when the published snapshot is built.
/// </summary>
public sealed class RichTextSanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public RichTextSanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedSchemes.Add("tel");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedTags.Remove("select");
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.AllowedAttributes.Add("id");
        _sanitizer.AllowedAttributes.Add("lang");
        _sanitizer.AllowedAttributes.Add("aria-label");
    }

    public string Sanitize(string html) => string.IsNullOrEmpty(html) ? "" : _sanitizer.Sanitize(html);
}
