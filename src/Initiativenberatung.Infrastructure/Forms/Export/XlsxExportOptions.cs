using System.Buffers;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>XLSX settings.</summary>
public sealed record XlsxExportOptions
{
    private static readonly SearchValues<char> ForbiddenSheetNameCharacters = SearchValues.Create("[]:*?/\\");

    /// <summary>Captions (default) or aliases in the header row.</summary>
    public ExportHeaderMode HeaderMode { get; init; } = ExportHeaderMode.Captions;

    /// <summary>Joins the chosen options of a multiple-choice answer inside one cell.</summary>
    public string MultipleChoiceSeparator { get; init; } = "; ";

    /// <summary>The name of the single worksheet (Excel: 1 to 31 characters, none of <c>[]:*?/\</c>).</summary>
    public string SheetName { get; init; } = "Einträge";

    /// <summary>Throws <see cref="ArgumentException"/> with a German message when a setting is not allowed.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(HeaderMode))
        {
            throw new ArgumentException("Die Kopfzeile muss Beschriftungen oder Aliase zeigen.", nameof(HeaderMode));
        }

        if (MultipleChoiceSeparator is null)
        {
            throw new ArgumentException(
                "Das Trennzeichen für Mehrfachauswahlen darf nicht fehlen.", nameof(MultipleChoiceSeparator));
        }

        if (string.IsNullOrWhiteSpace(SheetName) || SheetName.Length > 31
            || SheetName.AsSpan().ContainsAny(ForbiddenSheetNameCharacters) || SheetName.StartsWith('\'') || SheetName.EndsWith('\''))
        {
            throw new ArgumentException(
                "Der Tabellenname muss 1 bis 31 Zeichen lang sein und darf keines der Zeichen [ ] : * ? / \\ enthalten.",
                nameof(SheetName));
        }
    }
}
