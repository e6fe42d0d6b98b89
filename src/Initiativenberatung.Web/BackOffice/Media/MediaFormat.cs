using Initiativenberatung.Core.Time;

namespace Initiativenberatung.Web.BackOffice.Media;

/// <summary>German display of media metadata: dates in the editors' time zone.</summary>
public static class MediaFormat
{
    /// <summary>A stored UTC time as „26.11.2026, 09:00 Uhr“ in German local time (see <see cref="GermanTime"/>).</summary>
    public static string Date(DateTime utc) => GermanTime.Format(utc);
}
