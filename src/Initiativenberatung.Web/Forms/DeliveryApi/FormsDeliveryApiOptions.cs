using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>
/// Section <c>Forms:DeliveryApi</c>: the headless forms API (Umbraco Forms' <c>Umbraco:Forms:Options:EnableFormsApi</c>
/// and <c>Umbraco:Forms:Security:FormsApiKey</c>).
/// </summary>
public sealed class FormsDeliveryApiOptions
{
    public const string SectionName = "Forms:DeliveryApi";

    /// <summary>Off by default, as in Umbraco Forms: every path of the API answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The key server-to-server callers send in the <c>Api-Key</c> header instead of an antiforgery token; empty = only
    /// browsers with an antiforgery token may post entries. At least 16 characters.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Origins (<c>https://app.example.org</c>) whose scripts may call the API from a browser (CORS); none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Checks <see cref="FormsDeliveryApiOptions"/> at start, with German messages.</summary>
public sealed class FormsDeliveryApiOptionsValidator : IValidateOptions<FormsDeliveryApiOptions>
{
    public const int MinimumApiKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, FormsDeliveryApiOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.ApiKey) && (options.ApiKey.Trim().Length < MinimumApiKeyLength || options.ApiKey.Trim() != options.ApiKey))
        {
            failures.Add($"{FormsDeliveryApiOptions.SectionName}:ApiKey muss mindestens {MinimumApiKeyLength} Zeichen lang sein und darf nicht mit Leerzeichen beginnen oder enden.");
        }

        foreach (var origin in options.AllowedOrigins ?? [])
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"{FormsDeliveryApiOptions.SectionName}:AllowedOrigins enthält „{origin}“; erlaubt sind Ursprünge wie https://app.example.org (Schema, Host, optional Port; kein Pfad, kein *).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute http(s) origin: scheme, host and optional port, nothing else.</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !value.Contains('*', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.UserInfo)
        && value.TrimEnd('/').Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}
