using Initiativenberatung.Core.Auditing;
using System.Security.Claims;
using Initiativenberatung.Infrastructure.Auditing;

namespace Initiativenberatung.Web.BackOffice.Media;

/// <summary>Marker type for the media section's German texts (<c>Resources/BackOffice.Media.MediaText.resx</c>).</summary>
public sealed class MediaText;

/// <summary>The signed-in back-office user as the <see cref="Actor"/> of a change (audit trail).</summary>
public static class BackOfficeActor
{
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Email) ?? "?");

    /// <summary>Whether the caller asked for JSON (the drag-and-drop uploader) rather than a page.</summary>
    public static bool WantsJson(this HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));
}
