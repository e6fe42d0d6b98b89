using Initiativenberatung.Infrastructure.Content;

namespace Initiativenberatung.UnitTests.Infrastructure.Content;

public sealed class WordDiffTests
{
    [Test]
    public void Marks_the_replaced_word_and_keeps_the_rest_When_one_word_changed()
    {
        var parts = WordDiff.Compare("Erster Text über den Platz.", "Zweiter Text über den Platz.");

        Assert.That(parts, Is.EqualTo(new[]
        {
            new DiffPart("Zweiter", DiffKind.Added), new DiffPart("Erster", DiffKind.Removed), new DiffPart("Text über den Platz.", DiffKind.Same),
        }));
    }

    [Test]
    public void Returns_one_unchanged_run_When_the_texts_differ_only_in_white_space() =>
        Assert.That(WordDiff.Compare("Ein  Satz\nhier", "Ein Satz hier"), Is.EqualTo(new[] { new DiffPart("Ein Satz hier", DiffKind.Same) }));

    [Test]
    public void Shows_everything_as_added_When_the_old_text_is_empty() =>
        Assert.That(WordDiff.Compare("", "Neu hier"), Is.EqualTo(new[] { new DiffPart("Neu hier", DiffKind.Added) }));

    [Test]
    public void Keeps_both_sides_complete_When_the_texts_are_longer_than_the_limit()
    {
        var before = string.Join(' ', Enumerable.Repeat("alt", WordDiff.MaxWords + 1));
        var parts = WordDiff.Compare(before, "neu");

        Assert.That(parts, Is.EqualTo(new[] { new DiffPart(before, DiffKind.Removed), new DiffPart("neu", DiffKind.Added) }));
    }

    [Test]
    public void Rebuilds_each_side_from_its_parts_When_words_were_inserted_and_removed()
    {
        const string before = "Wir beraten Kommunen und Initiativen in NRW";
        const string after = "Wir beraten seit 2020 Kommunen, Vereine und Initiativen";
        var parts = WordDiff.Compare(before, after);

        Assert.That(string.Join(' ', parts.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)), Is.EqualTo(before));
        Assert.That(string.Join(' ', parts.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)), Is.EqualTo(after));
    }
}
