namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// One column of an export. <paramref name="Key"/> looks the value up in each <see cref="ExportRow"/>;
/// <paramref name="Header"/> is the caption shown by default; <paramref name="Alias"/> is shown with
/// <see cref="ExportHeaderMode.Aliases"/> (when it is null, the key is shown).
/// </summary>
public sealed record ExportColumn(string Key, string Header, ExportValueKind Kind, string? Alias = null)
{
    /// <summary>The header text of this column for the given mode.</summary>
    public string HeaderText(ExportHeaderMode mode) =>
        mode == ExportHeaderMode.Aliases ? (string.IsNullOrEmpty(Alias) ? Key : Alias) : Header;
}
