namespace Initiativenberatung.Infrastructure.Content;

/// <summary>How a word of a compared text fares: in both, only in the older text, or only in the newer one.</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of words of one kind.</summary>
public sealed record DiffPart(string Text, DiffKind Kind);

/// <summary>A word-level diff (longest common subsequence) of two short texts, for the version comparison.</summary>
public static class WordDiff
{
    /// <summary>Above this many words on a side the texts are shown as wholly removed and added (the table would be too big).</summary>
    public const int MaxWords = 1500;

    public static IReadOnlyList<DiffPart> Compare(string before, string after)
    {
        var a = Words(before);
        var b = Words(after);
        if (a.Length > MaxWords || b.Length > MaxWords)
        {
            return [.. Part(a, DiffKind.Removed), .. Part(b, DiffKind.Added)];
        }

        // lengths[i, j]: longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var parts = new List<DiffPart>();
        void Add(string word, DiffKind kind)
        {
            if (parts.Count > 0 && parts[^1].Kind == kind)
            {
                parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + word };
            }
            else
            {
                parts.Add(new DiffPart(word, kind));
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                Add(a[x++], DiffKind.Same);
                y++;
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                Add(b[y++], DiffKind.Added);
            }
            else
            {
                Add(a[x++], DiffKind.Removed);
            }
        }

        return parts;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<DiffPart> Part(string[] words, DiffKind kind) =>
        words.Length == 0 ? [] : [new DiffPart(string.Join(' ', words), kind)];
}
