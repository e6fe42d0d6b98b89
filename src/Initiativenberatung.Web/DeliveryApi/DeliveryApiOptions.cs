using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>The Content Delivery API's settings, under Umbraco's key <c>Umbraco:CMS:DeliveryApi</c>.</summary>
public sealed class DeliveryApiOptions
{
    public const string SectionName = "Umbraco:CMS:DeliveryApi";

    /// <summary>Off: every path of the API answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>Off: every request needs the <c>Api-Key</c> header (401 without it).</summary>
    public bool PublicAccess { get; set; } = true;

    /// <summary>The key for <c>Preview: true</c> and, without public access, for every request. No key: no preview.</summary>
    public string? ApiKey { get; set; }

    /// <summary>When not empty, only documents of these types are delivered.</summary>
    public string[] AllowedContentTypeAliases { get; set; } = [];

    /// <summary>Documents of these types are never delivered (not as items, in lists or through pickers).</summary>
    public string[] DisallowedContentTypeAliases { get; set; } = [];

    /// <summary>Origins (<c>https://example.org</c>) whose browser scripts may call the API (CORS). None by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public bool IsContentTypeAllowed(string alias) =>
        (AllowedContentTypeAliases.Length == 0 || AllowedContentTypeAliases.Contains(alias, StringComparer.OrdinalIgnoreCase))
        && !DisallowedContentTypeAliases.Contains(alias, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a key is configured and <paramref name="key"/> equals it (compared in constant time).</summary>
    public bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(ApiKey) || string.IsNullOrEmpty(key))
        {
            return false;
        }

        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(ApiKey));
    }
}

/// <summary>Checked at start: a bad configuration stops the site with a message naming the setting.</summary>
public sealed class DeliveryApiOptionsValidator : IValidateOptions<DeliveryApiOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, DeliveryApiOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKey is { } key && key.Length > 0 && (key.Length < MinimumKeyLength || key.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{DeliveryApiOptions.SectionName}:ApiKey muss mindestens {MinimumKeyLength} Zeichen lang sein und darf keine Leerzeichen enthalten.");
        }

        if (options.Enabled && !options.PublicAccess && string.IsNullOrEmpty(options.ApiKey))
        {
            errors.Add($"{DeliveryApiOptions.SectionName}:PublicAccess ist aus, aber es ist kein ApiKey gesetzt – niemand könnte die API nutzen.");
        }

        foreach (var alias in options.AllowedContentTypeAliases.Concat(options.DisallowedContentTypeAliases))
        {
            if (string.IsNullOrWhiteSpace(alias))
            {
                errors.Add($"{DeliveryApiOptions.SectionName}: Ein Eintrag in AllowedContentTypeAliases oder DisallowedContentTypeAliases ist leer.");
            }
        }

        var both = options.AllowedContentTypeAliases.Intersect(options.DisallowedContentTypeAliases, StringComparer.OrdinalIgnoreCase).ToList();
        if (both.Count > 0)
        {
            errors.Add($"{DeliveryApiOptions.SectionName}: {string.Join(", ", both)} steht sowohl in AllowedContentTypeAliases als auch in DisallowedContentTypeAliases.");
        }

        foreach (var origin in options.CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                errors.Add($"{DeliveryApiOptions.SectionName}:CorsOrigins: „{origin}“ ist kein Ursprung der Form https://example.org (ohne Pfad und ohne / am Ende).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
