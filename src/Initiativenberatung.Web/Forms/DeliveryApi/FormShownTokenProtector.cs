using System.Globalization;
using System.Security.Cryptography;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>A valid "form shown" token: when the form was shown, the token's random id and when it stops being accepted.</summary>
public sealed record FormShown(DateTimeOffset ShownAt, string Id, DateTimeOffset ExpiresOn);

/// <summary>
/// The "form shown" token of the headless API: the form's id, the moment its definition was handed out and a random id,
/// signed and encrypted with Data Protection and time-limited (<c>Forms:Survey:StateLifetimeHours</c>). It holds no data
/// about the visitor; it lets the server apply the survey's minimum fill time without a cookie or server session, and
/// its id is spent with the entry (single use).
/// </summary>
public sealed class FormShownTokenProtector(IDataProtectionProvider provider, IOptions<SurveyOptions> options, TimeProvider clock)
{
    public const string Purpose = "Initiativenberatung.Forms.DeliveryApi.FormShown.v1";
    private const int MaxTokenLength = 4096;

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private TimeSpan Lifetime => TimeSpan.FromHours(options.Value.StateLifetimeHours);

    /// <summary>A token for <paramref name="formKey"/> shown now.</summary>
    public string Issue(Guid formKey) => Protect(formKey, clock.GetUtcNow(), clock.GetUtcNow() + Lifetime);

    /// <summary>A token with explicit times (tests and tools; <see cref="Issue"/> is the normal way).</summary>
    public string Protect(Guid formKey, DateTimeOffset shownAt, DateTimeOffset expires) =>
        _protector.Protect(
            formKey.ToString("N") + "|" + shownAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N"),
            expires);

    /// <summary>
    /// When the form was shown, or <c>null</c> when the token is missing, forged, expired, from another key ring or for
    /// another form.
    /// </summary>
    public DateTimeOffset? ShownAt(string? token, Guid formKey) => Read(token, formKey)?.ShownAt;

    /// <summary>The valid token for <paramref name="formKey"/>, or <c>null</c> (see <see cref="ShownAt"/>).</summary>
    public FormShown? Read(string? token, Guid formKey)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token, out _);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }

        // Tokens issued before the random id (two parts) are identified by their whole payload.
        var parts = payload.Split('|');
        if (parts.Length is not (2 or 3)
            || !Guid.TryParseExact(parts[0], "N", out var key) || key != formKey
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var shownMs)
            || shownMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || (parts.Length == 3 && !Guid.TryParseExact(parts[2], "N", out _)))
        {
            return null;
        }

        // The protector's own expiry uses the system clock; the configured lifetime is checked on the app's clock too.
        var shownAt = DateTimeOffset.FromUnixTimeMilliseconds(shownMs);
        var age = clock.GetUtcNow() - shownAt;
        return age > Lifetime || age < TimeSpan.FromMinutes(-5)
            ? null
            : new FormShown(shownAt, parts.Length == 3 ? parts[2] : payload, shownAt + Lifetime + TimeSpan.FromHours(1));
    }
}
