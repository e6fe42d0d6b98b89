using System.Text;
using System.Text.RegularExpressions;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>
/// Decides whether CSS inside an SVG (a <c>style</c> attribute, a <c>&lt;style&gt;</c> element or a presentation attribute
/// such as <c>fill</c>) can make the browser load anything from elsewhere. Unsafe CSS is removed as a whole by the
/// <see cref="SvgSanitizer"/>. Checked after removing comments and lower-casing; any backslash escape or control
/// character is refused outright (escapes can spell <c>url</c> or <c>@import</c> in ways a pattern cannot see).
/// <list type="bullet">
/// <item><c>url()</c> only with a local <c>#id</c> or a raster <c>data:image</c> (also an unterminated <c>url(</c>).</item>
/// <item>No <c>@</c>-rule but <c>@media</c> and <c>@keyframes</c> (so no <c>@import</c>, <c>@font-face</c>, <c>@namespace</c>).</item>
/// <item>Styles (<see cref="IsSafeStyle"/>): only functions from an allow-list (colours, maths, transforms, gradients,
/// filters, shapes, selectors), so <c>image-set()</c>, <c>image()</c>, <c>cross-fade()</c>, <c>src()</c>,
/// <c>element()</c> and every future loader are refused. Presentation attributes (<see cref="IsSafeValue"/>): the known
/// loaders are refused, other text (e.g. an <c>aria-label</c> with brackets) stays.</item>
/// </list>
/// </summary>
public static partial class SvgStyleGuard
{
    private static readonly HashSet<string> AllowedFunctions = new(StringComparer.Ordinal)
    {
        "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix", "light-dark",
        "calc", "min", "max", "clamp", "var",
        "translate", "translatex", "translatey", "translate3d", "rotate", "rotatex", "rotatey", "scale", "scalex", "scaley",
        "skew", "skewx", "skewy", "matrix", "matrix3d", "perspective",
        "linear-gradient", "radial-gradient", "conic-gradient", "repeating-linear-gradient", "repeating-radial-gradient",
        "repeating-conic-gradient", "cubic-bezier", "steps",
        "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity", "saturate", "sepia",
        "inset", "circle", "ellipse", "polygon", "path", "rect", "xywh",
        "not", "is", "where", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type", "lang", "and", "or",
    };

    private static readonly HashSet<string> LoadingFunctions = new(StringComparer.Ordinal)
    {
        "image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade", "element", "-moz-element", "src",
        "expression", "paint",
    };

    private static readonly HashSet<string> AllowedAtRules = new(StringComparer.Ordinal) { "media", "keyframes", "-webkit-keyframes" };

    private static readonly string[] ForbiddenFragments = ["javascript:", "vbscript:", "behavior:", "behaviour:", "-moz-binding"];

    /// <summary>A <c>style</c> attribute or <c>&lt;style&gt;</c> element: nothing loads from elsewhere, only allow-listed functions.</summary>
    public static bool IsSafeStyle(string css) => IsSafe(css, strict: true);

    /// <summary>A presentation attribute's value: no remote <c>url()</c>, no loading function, no <c>@import</c>.</summary>
    public static bool IsSafeValue(string value) => IsSafe(value, strict: false);

    private static bool IsSafe(string css, bool strict)
    {
        if (css.Contains('\\', StringComparison.Ordinal) || css.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return false;
        }

        var text = WithoutComments(css).ToLowerInvariant();
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (ForbiddenFragments.Any(f => compact.Contains(f, StringComparison.Ordinal)))
        {
            return false;
        }

        if (compact.Contains("@import", StringComparison.Ordinal)
            || (strict && AtRule().Matches(text).Any(m => !AllowedAtRules.Contains(m.Groups[1].Value))))
        {
            return false;
        }

        foreach (Match match in Function().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (name == "url")
            {
                if (!IsLocalTarget(UrlArgument(text, match.Index + match.Length)))
                {
                    return false;
                }
            }
            else if (LoadingFunctions.Contains(name) || (strict && !AllowedFunctions.Contains(name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text up to the closing bracket of a <c>url(</c> (or to the end: an unterminated url still loads).</summary>
    private static string UrlArgument(string text, int start)
    {
        var end = text.IndexOf(')', start);
        return (end < 0 ? text[start..] : text[start..end]).Trim().Trim('"', '\'').Trim();
    }

    private static bool IsLocalTarget(string target) =>
        (target.StartsWith('#') && target.Length > 1)
        || SvgSanitizer.IsRasterDataUrl(string.Concat(target.Where(c => !char.IsWhiteSpace(c))));

    /// <summary>Removes <c>/* … */</c> (an unterminated comment runs to the end), joining the text around it.</summary>
    private static string WithoutComments(string css)
    {
        var builder = new StringBuilder(css.Length);
        var index = 0;
        while (index < css.Length)
        {
            var open = css.IndexOf("/*", index, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(css, index, css.Length - index);
                break;
            }

            builder.Append(css, index, open - index);
            var close = css.IndexOf("*/", open + 2, StringComparison.Ordinal);
            index = close < 0 ? css.Length : close + 2;
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"@\s*(-?[a-z][a-z0-9-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex AtRule();

    [GeneratedRegex(@"(?<![@a-z0-9_-])(-?[a-z_][a-z0-9_-]*)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex Function();
}
