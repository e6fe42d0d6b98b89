using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>
/// Makes an uploaded SVG safe to store and embed: an XML allow-list, not a blacklist. The file is parsed as XML
/// (no DTD processing, no entities, no external resolution) and written out again with only known SVG elements and
/// presentation attributes. Removed: scripts, <c>foreignObject</c>, HTML embedding elements, animation elements
/// (they can rewrite <c>href</c>), event handlers (<c>on*</c>), links other than local <c>#fragment</c> or raster
/// <c>data:image</c>, <c>javascript:</c> anywhere, styles that import or load remote resources (<see cref="SvgStyleGuard"/>), comments and
/// processing instructions. The media endpoint additionally serves SVGs with a sandboxing CSP.
/// </summary>
public static partial class SvgSanitizer
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> AllowedElements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use", "switch", "a",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    };

    private static readonly HashSet<string> AllowedXmlAttributes = new(StringComparer.Ordinal) { "space", "lang" };

    /// <summary>Returns the sanitized SVG as UTF-8 bytes.</summary>
    /// <exception cref="InvalidDataException">The file is not well-formed XML, uses entities or has no <c>&lt;svg&gt;</c> root (German message).</exception>
    public static byte[] Sanitize(byte[] content)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                // A DOCTYPE is skipped, never processed: no internal entities (billion laughs), no external DTD.
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 0,
            };
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException(Messages.Get("Media.SvgInvalidXmlOrDtd"), ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "svg" || (root.Name.Namespace != Svg && root.Name.Namespace != XNamespace.None))
        {
            throw new InvalidDataException(Messages.Get("Media.SvgNoRoot"));
        }

        var clean = CleanElement(root)
            ?? throw new InvalidDataException(Messages.Get("Media.SvgNoRoot"));
        clean.SetAttributeValue(XNamespace.Xmlns + "xlink", XLink.NamespaceName);

        using var output = new MemoryStream();
        var writerSettings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(output, writerSettings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), clean).Save(writer);
        }

        return output.ToArray();
    }

    private static XElement? CleanElement(XElement source)
    {
        // Elements without namespace in an SVG without xmlns are taken as SVG (browsers need the namespace to render).
        var ns = source.Name.Namespace;
        if ((ns != Svg && ns != XNamespace.None) || !AllowedElements.Contains(source.Name.LocalName))
        {
            return null;
        }

        var element = new XElement(Svg + source.Name.LocalName);
        foreach (var attribute in source.Attributes())
        {
            if (CleanAttribute(attribute) is { } kept)
            {
                element.Add(kept);
            }
        }

        if (source.Name.LocalName == "style")
        {
            var css = source.Value;
            if (!IsSafeCss(css))
            {
                return null;
            }

            element.Add(new XText(css));
            return element;
        }

        foreach (var node in source.Nodes())
        {
            switch (node)
            {
                case XElement child when CleanElement(child) is { } cleanChild:
                    element.Add(cleanChild);
                    break;
                case XText text:
                    element.Add(new XText(text.Value));
                    break;
                default:
                    break;
            }
        }

        return element;
    }

    private static XAttribute? CleanAttribute(XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration)
        {
            // Declarations are written again as needed (svg default namespace, xlink).
            return null;
        }

        var name = attribute.Name;
        var local = name.LocalName;
        var value = attribute.Value;
        if (local.StartsWith("on", StringComparison.OrdinalIgnoreCase) || ContainsScriptUrl(value))
        {
            return null;
        }

        if (name.Namespace == XNamespace.Xml)
        {
            return AllowedXmlAttributes.Contains(local) ? new XAttribute(name, value) : null;
        }

        if (name.Namespace == XLink)
        {
            return local == "href" && IsSafeReference(value) ? new XAttribute(XLink + "href", value.Trim()) : null;
        }

        if (name.Namespace != XNamespace.None)
        {
            // Editor metadata (inkscape:, sodipodi:, …) and anything unknown.
            return null;
        }

        if (local == "href")
        {
            return IsSafeReference(value) ? new XAttribute("href", value.Trim()) : null;
        }

        if (local is "style" or "attributeName" or "begin" or "to" or "from" or "by")
        {
            return local == "style" && IsSafeCss(value) ? new XAttribute(name, value) : null;
        }

        return SvgStyleGuard.IsSafeValue(value) ? new XAttribute(name, value) : null;
    }

    /// <summary>Local fragment (<c>#id</c>) or an embedded raster image; never a remote or script URL.</summary>
    public static bool IsSafeReference(string value)
    {
        var v = Compact(value);
        return (v.StartsWith('#') && v.Length > 1)
            || RasterDataUrl().IsMatch(v);
    }

    /// <summary>CSS that loads nothing from elsewhere (see <see cref="SvgStyleGuard"/>).</summary>
    public static bool IsSafeCss(string css) => SvgStyleGuard.IsSafeStyle(css);

    /// <summary>An embedded raster image (<c>data:image/png;base64,…</c>), given lower-case without whitespace.</summary>
    internal static bool IsRasterDataUrl(string compact) => RasterDataUrl().IsMatch(compact);

    private static bool ContainsScriptUrl(string value)
    {
        var compact = Compact(value);
        return compact.Contains("javascript:", StringComparison.Ordinal) || compact.Contains("vbscript:", StringComparison.Ordinal)
            || compact.Contains("data:text/html", StringComparison.Ordinal) || compact.Contains("data:image/svg", StringComparison.Ordinal);
    }

    /// <summary>Lower-case, without whitespace and control characters (browsers ignore them inside URL schemes).</summary>
    private static string Compact(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|jpg|gif|webp);base64,[a-z0-9+/=]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RasterDataUrl();
}
