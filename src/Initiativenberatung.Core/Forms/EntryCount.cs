using System.Globalization;

namespace Initiativenberatung.Core.Forms;

/// <summary>A number of entries in German for audit details and command-line messages: "1 Eintrag", "2 Einträge".</summary>
public static class EntryCount
{
    public static string Text(long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "Eintrag" : "Einträge")}");
}
