using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>
/// What the survey carries between posts, signed and encrypted with Data Protection (no cookie, no server session): the
/// form, the page, when the form was first shown (minimum fill time), the answers of the other pages and the survey's
/// random id (spent when the entry is stored, so a replayed post stores nothing twice; states issued before the id
/// existed get one derived from their token).
/// </summary>
public sealed record SurveyState(
    [property: JsonPropertyName("f")] Guid FormKey,
    [property: JsonPropertyName("c")] Guid ContentKey,
    [property: JsonPropertyName("p")] int PageIndex,
    [property: JsonPropertyName("t")] long IssuedAtUnixMs,
    [property: JsonPropertyName("a")] Dictionary<string, string[]> Answers,
    [property: JsonPropertyName("i")] Guid SurveyId = default);

/// <summary>Protects and reads <see cref="SurveyState"/> tokens.</summary>
public sealed class SurveyStateProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Initiativenberatung.Forms.Survey.State.v1");

    public string Protect(SurveyState state) => _protector.Protect(JsonSerializer.Serialize(state));

    /// <summary>The state, or <c>null</c> when the token is missing, forged, from another key ring or malformed.</summary>
    public SurveyState? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200_000)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<SurveyState>(_protector.Unprotect(token));
            return state is { Answers: not null } ? state : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
