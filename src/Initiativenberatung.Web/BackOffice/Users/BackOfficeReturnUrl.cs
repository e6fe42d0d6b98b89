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
        return local && clean && below ? returnUrl : Prefix;
    }
}
