using System.Net;
using System.Text.RegularExpressions;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// An HTTP client for the running site with its own cookie jar. Outside Development the site redirects plain HTTP to HTTPS
/// and sets Secure cookies; on loopback it trusts <c>X-Forwarded-Proto</c> like behind a local TLS proxy, so every request
/// says <c>https</c> and the cookies are kept by hand (a <see cref="CookieContainer"/> never sends Secure cookies over http).
/// </summary>
public sealed partial class SiteClient(HttpMessageHandler handler, Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    };

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await _http.SendAsync(request, completion, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    _cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
                }
            }
        }

        return response;
    }

    public async Task<string> GetStringAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, cancellationToken: cancellationToken);

    /// <summary>Signs in through the back office's login form (GET for the antiforgery token, POST, expect a redirect).</summary>
    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var page = await GetStringAsync("/umbraco/login", cancellationToken);
        var token = HiddenValue(page, "__RequestVerificationToken") ?? throw new InvalidOperationException("no antiforgery token on /umbraco/login");
        using var response = await PostFormAsync("/umbraco/login",
            [new("Email", email), new("Password", password), new("__RequestVerificationToken", token)], cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} answered {(int)response.StatusCode}, expected 302");
        }
    }

    /// <summary>
    /// The hidden fields of a fresh survey on <paramref name="path"/> (antiforgery token, signed state, submit action). A
    /// survey state is single-use: a second post of it is answered like the first and stores nothing, so every post needs one.
    /// </summary>
    public async Task<List<KeyValuePair<string, string>>> StartSurveyAsync(string path = "/umfrage/", CancellationToken cancellationToken = default)
    {
        var page = await GetStringAsync(path, cancellationToken);
        return
        [
            new("__RequestVerificationToken", HiddenValue(page, "__RequestVerificationToken") ?? throw new InvalidOperationException($"no antiforgery token on {path}")),
            new("__state", HiddenValue(page, "__state") ?? throw new InvalidOperationException($"no survey state on {path}")),
            new("__aktion", "absenden"),
        ];
    }

    /// <summary>The value of the hidden input named <paramref name="name"/>, HTML-decoded.</summary>
    public static string? HiddenValue(string html, string name)
    {
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            if (tag.Contains($"name=\"{name}\"", StringComparison.Ordinal) && ValuePattern().Match(tag) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
