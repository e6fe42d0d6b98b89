namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// CSV settings. The defaults open directly in a German Excel: <c>;</c>, UTF-8 with BOM, CRLF.
/// Dates are always ISO 8601 in the invariant culture (<see cref="DateFormat"/>,
/// <see cref="DateTimeFormat"/>), whoever submitted and whoever exports.
/// </summary>
public sealed record CsvExportOptions
{
    /// <summary>Format of <see cref="DateOnly"/> values.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Format of <see cref="DateTime"/> values.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>The field delimiter: <c>;</c> (default), <c>,</c> or tab.</summary>
    public char Delimiter { get; init; } = ';';

    /// <summary>Write the UTF-8 byte order mark so that Excel detects UTF-8.</summary>
    public bool IncludeBom { get; init; } = true;

    /// <summary>The record separator: CRLF (default, RFC 4180) or LF.</summary>
    public string LineEnding { get; init; } = "\r\n";

    /// <summary>Captions (default) or aliases in the header row.</summary>
    public ExportHeaderMode HeaderMode { get; init; } = ExportHeaderMode.Captions;

    /// <summary>Joins the chosen options of a multiple-choice answer inside one cell.</summary>
    public string MultipleChoiceSeparator { get; init; } = "; ";

    /// <summary>Throws <see cref="ArgumentException"/> with a German message when a setting is not allowed.</summary>
    public void Validate()
    {
        if (Delimiter is not (';' or ',' or '\t'))
        {
            throw new ArgumentException(
                "Das Trennzeichen muss ein Semikolon (;), ein Komma (,) oder ein Tabulator sein.", nameof(Delimiter));
        }

        if (LineEnding is not ("\r\n" or "\n"))
        {
            throw new ArgumentException("Das Zeilenende muss CRLF oder LF sein.", nameof(LineEnding));
        }

        if (!Enum.IsDefined(HeaderMode))
        {
            throw new ArgumentException("Die Kopfzeile muss Beschriftungen oder Aliase zeigen.", nameof(HeaderMode));
        }

        if (string.IsNullOrEmpty(MultipleChoiceSeparator) || MultipleChoiceSeparator.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "Das Trennzeichen für Mehrfachauswahlen darf nicht leer sein.", nameof(MultipleChoiceSeparator));
        }
    }
}
