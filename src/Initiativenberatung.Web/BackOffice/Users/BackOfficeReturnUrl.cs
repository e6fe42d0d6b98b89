using System.Text;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>Where the login may send a user afterwards: a local path below <c>/umbraco</c>, nothing else (no open redirect).</summary>
public static class BackOfficeReturnUrl
{
    /// <summary>The <paramref name="returnUrl"/> when it is a plain local path below <c>/umbraco</c>; otherwise <c>/umbraco</c>.</summary>
    public static string Sanitize(string? returnUrl)
    {
        const string Prefix = BackOfficeRegistration.PathPrefix;
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048)
        {
            return Prefix;
        }

        // "//host" and "/\host" are protocol-relative in browsers; backslashes, control characters and dot segments
        // (also percent-encoded) could leave /umbraco after the browser normalizes the path.
        var local = returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'));
        var clean = !returnUrl.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            && !returnUrl.Contains("..", StringComparison.Ordinal)
            && !returnUrl.Contains("%2e", StringComparison.OrdinalIgnoreCase)
            && !returnUrl.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            && !returnUrl.Contains("%5c", StringComparison.OrdinalIgnoreCase);
        var below = string.Equals(returnUrl, Prefix, StringComparison.OrdinalIgnoreCase)
            || returnUrl.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase)
            || returnUrl.StartsWith(Prefix + "?", StringComparison.OrdinalIgnoreCase)
            || returnUrl.StartsWith(Prefix + "#", StringComparison.OrdinalIgnoreCase);
        return local && clean && below ? EncodeNonAscii(returnUrl) ?? Prefix : Prefix;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The address with every non-ASCII character percent-encoded as UTF-8 (a <c>Location</c> header carries ASCII only,
    /// so <c>/umbraco/content?x=ä</c> would otherwise fail the redirect); <c>null</c> for a lone surrogate.
    /// </summary>
    private static string? EncodeNonAscii(string returnUrl)
    {
        if (returnUrl.All(char.IsAscii))
        {
            return returnUrl;
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(returnUrl);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }

        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
