using AngleSharp.Dom;

namespace Initiativenberatung.Infrastructure.Sanitizing;

/// <summary>The rules <see cref="RichTextSanitizer"/> applies to the already cleaned DOM.</summary>
internal static class RichTextDom
{
    public const string IdPrefix = "inhalt-";

    /// <summary>Attributes that name ids of the same page (space-separated lists).</summary>
    private static readonly string[] IdReferences = ["headers", "for", "aria-describedby", "aria-labelledby"];

    public static void Apply(IDocument document, bool allowExternalImages)
    {
        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            if (!allowExternalImages && !IsOwnAddress(image.GetAttribute("src")))
            {
                image.Remove();
            }
        }

        foreach (var element in document.QuerySelectorAll("[id]"))
        {
            element.SetAttribute("id", Prefixed(element.GetAttribute("id")!));
        }

        foreach (var attribute in IdReferences)
        {
            foreach (var element in document.QuerySelectorAll("[" + attribute + "]"))
            {
                var ids = element.GetAttribute(attribute)!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                element.SetAttribute(attribute, string.Join(' ', ids.Select(Prefixed)));
            }
        }

        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            var hash = href.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0 && hash < href.Length - 1 && IsOwnAddress(href) && !string.Equals(href[(hash + 1)..], "top", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("href", href[..(hash + 1)] + Prefixed(href[(hash + 1)..]));
            }
        }
    }

    /// <summary>
    /// A relative address of this site (<c>/media/…</c>, <c>bild.png</c>, <c>#id</c>): no scheme, not protocol-relative
    /// (<c>//host</c>, and <c>/\host</c> or <c>\\host</c>, which browsers read the same way).
    /// </summary>
    public static bool IsOwnAddress(string? url)
    {
        var value = (url ?? "").Trim();
        if (value.Length == 0 || value.StartsWith("//", StringComparison.Ordinal) || value.StartsWith("/\\", StringComparison.Ordinal)
            || value.StartsWith('\\') || value.Any(char.IsControl))
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = value.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon);
    }

    /// <summary>Idempotent: the snapshot cleans stored (already prefixed) rich text again.</summary>
    private static string Prefixed(string id) => id.StartsWith(IdPrefix, StringComparison.Ordinal) ? id : IdPrefix + id;
}
