using System.Text;

namespace Initiativenberatung.Core.Forms;

/// <summary>
/// The searchable text of an entry (<see cref="FormEntry.SearchText"/>): its answer values, one per line, case-folded the
/// same way as the search term, so the free-text search is a plain substring test on both database providers – whatever
/// the database's own case rules – and "übergänge" finds "Übergänge".
/// </summary>
public static class FormEntrySearch
{
    /// <summary>
    /// Case folding for search: compatibility-normalized (NFKC: composed umlauts, ligatures split), upper- then lower-cased
    /// with the invariant culture (so final sigma, long s or the Kelvin sign meet their plain letters), and ß as ss (as
    /// Unicode's full case folding does, so "STRASSE" finds "Straße").
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal);
    }

    /// <summary>The folded answer values of an entry, one per line.</summary>
    public static string TextOf(IEnumerable<KeyValuePair<string, FormEntryValue>> answers) =>
        Fold(string.Join('\n', answers.SelectMany(a => a.Value.Values ?? []).Where(v => !string.IsNullOrEmpty(v))));

    /// <summary>The folded answer values of stored values JSON (malformed JSON gives an empty text).</summary>
    public static string TextOf(string? valuesJson) => TextOf(FormEntryValues.Deserialize(valuesJson));
}
