using System.Globalization;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>Turns the values of an <see cref="ExportRow"/> into cell text, the same way for CSV and XLSX.</summary>
internal static class ExportValues
{
    /// <summary>Room for any formatted number or date (a double needs at most 24 characters).</summary>
    public const int MaxFormattedLength = 64;

    /// <summary>True for the numeric types written as numbers in a <see cref="ExportValueKind.Number"/> column.</summary>
    public static bool IsNumber(object value) => value switch
    {
        decimal or int or long or short or byte or sbyte or ushort or uint or ulong => true,
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        _ => false,
    };

    /// <summary>
    /// Formats a number in the invariant culture: only digits, at most one leading '-', '.', and for
    /// very large or small doubles 'E' with a sign. Such text can never be a formula.
    /// </summary>
    public static bool TryFormatNumber(object value, Span<char> destination, out int written)
    {
        if (IsNumber(value) && value is ISpanFormattable formattable)
        {
            return formattable.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
        }

        written = 0;
        return false;
    }

    /// <summary>Formats dates as ISO 8601 in the invariant culture (never the current culture).</summary>
    public static bool TryFormatDate(object value, Span<char> destination, out int written)
    {
        switch (value)
        {
            case DateOnly date:
                return date.TryFormat(destination, out written, CsvExportOptions.DateFormat, CultureInfo.InvariantCulture);
            case DateTime dateTime:
                return dateTime.TryFormat(destination, out written, CsvExportOptions.DateTimeFormat, CultureInfo.InvariantCulture);
            case DateTimeOffset offset:
                // The clock time as recorded; callers that want UTC pass offset.UtcDateTime.
                return offset.DateTime.TryFormat(destination, out written, CsvExportOptions.DateTimeFormat, CultureInfo.InvariantCulture);
            default:
                written = 0;
                return false;
        }
    }

    /// <summary>Any value as text: strings as they are, choices joined, everything else invariant.</summary>
    public static string ToText(object value, string multipleChoiceSeparator) => value switch
    {
        string text => text,
        IEnumerable<string?> choices => string.Join(multipleChoiceSeparator, choices.Where(c => !string.IsNullOrEmpty(c))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
