using System.Globalization;

namespace Initiativenberatung.Core.Time;

/// <summary>
/// The one place where the back office turns stored UTC times into what people read and type: German local time
/// (Europe/Berlin, summer time included) in a German format. Tables, audit texts, schedules and the users pages all use it,
/// so a time reads the same everywhere.
/// </summary>
public static class GermanTime
{
    /// <summary>Date and time as shown, e.g. <c>06.12.2026, 14:05 Uhr</c>.</summary>
    public const string DateTimeFormat = "dd.MM.yyyy, HH:mm 'Uhr'";

    /// <summary>A date alone, e.g. <c>06.12.2026</c>.</summary>
    public const string DateFormat = "dd.MM.yyyy";

    /// <summary>The value format of <c>&lt;input type="datetime-local"&gt;</c> (local time, no zone).</summary>
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-ddTHH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy, HH:mm", "d.M.yyyy H:mm"];

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Europe/Berlin (IANA id; the Windows id where IANA ids are unknown).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The German wall-clock time of a UTC time (a time of unspecified kind counts as UTC, as stored).</summary>
    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone);

    /// <summary>A UTC time as German date and time, e.g. <c>06.12.2026, 14:05 Uhr</c>.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString(DateTimeFormat, Culture);

    /// <summary>As <see cref="Format(DateTime)"/>, with <paramref name="none"/> for a missing time.</summary>
    public static string Format(DateTime? utc, string none) => utc is { } value ? Format(value) : none;

    /// <summary>The German calendar day of a UTC time, e.g. <c>06.12.2026</c>.</summary>
    public static string FormatDate(DateTime utc) => ToLocal(utc).ToString(DateFormat, Culture);

    /// <summary>A UTC time as the value of a <c>datetime-local</c> input (German wall-clock time).</summary>
    public static string ToInputValue(DateTime utc) => ToLocal(utc).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a German wall-clock time as typed into a <c>datetime-local</c> input (<c>2026-12-06T14:05</c>) or by hand
    /// (<c>06.12.2026 14:05</c>) and returns it as UTC. A time that does not exist (skipped at the change to summer time)
    /// is rejected; an ambiguous one (the repeated hour in October) is read as the earlier, summer-time one.
    /// </summary>
    public static bool TryParseInput(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return false;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        return true;
    }

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { "Europe/Berlin", "W. Europe Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        // Without time zone data (a stripped container): Central European rules by hand, so times still read German.
        return TimeZoneInfo.CreateCustomTimeZone(
            "Europe/Berlin", TimeSpan.FromHours(1), "Mitteleuropäische Zeit", "Mitteleuropäische Zeit", "Mitteleuropäische Sommerzeit",
            [
                TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                    DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                    TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                    TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
            ]);
    }
}
