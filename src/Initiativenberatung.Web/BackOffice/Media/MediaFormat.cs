using System.Globalization;

namespace Initiativenberatung.Web.BackOffice.Media;

/// <summary>German display of media metadata: dates in the editors' time zone.</summary>
public static class MediaFormat
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    /// <summary>A stored UTC time as „26.11.2026, 09:00 Uhr“ in German local time.</summary>
    public static string Date(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Berlin);
        return local.ToString("dd.MM.yyyy, HH:mm", German) + " Uhr";
    }

    private static TimeZoneInfo FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
