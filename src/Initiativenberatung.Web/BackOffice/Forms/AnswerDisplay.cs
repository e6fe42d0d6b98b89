using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms.Export;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>How the back office shows a stored answer: a checkbox or consent as Ja/Nein (as in the export), anything else as stored.</summary>
public static class AnswerDisplay
{
    /// <summary>The values to show for <paramref name="field"/> (null for a field no longer in the form).</summary>
    public static IReadOnlyList<string> Values(FormField? field, IReadOnlyList<string> stored) =>
        field?.Type is FormFieldType.Checkbox or FormFieldType.DataConsent
            ? [stored.Any(FormConditions.IsTicked) ? FormEntryExport.Yes : FormEntryExport.No]
            : stored;

    /// <summary>The short text of an answer for the entries table (joined choices, cut to 80 characters).</summary>
    public static string Short(IReadOnlyDictionary<string, FormEntryValue> values, FormField field)
    {
        var stored = values.TryGetValue(field.Alias, out var value) ? value.Values : [];
        var joined = string.Join("; ", Values(field, stored));
        return joined.Length > 80 ? joined[..80] + "…" : joined;
    }
}
