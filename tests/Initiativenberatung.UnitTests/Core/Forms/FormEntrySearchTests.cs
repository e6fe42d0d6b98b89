using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.UnitTests.Core.Forms;

public sealed class FormEntrySearchTests
{
    [TestCase("Übergänge", "übergänge")]
    [TestCase("ÜBERGÄNGE", "übergänge")]
    [TestCase("U\u0308bergänge", "übergänge")]
    [TestCase("Straße", "strasse")]
    [TestCase("STRASSE", "strasse")]
    [TestCase("ẞ", "ss")]
    [TestCase("ΣΟΦΙΑ", "σοφια")]
    [TestCase("σοφιας", "σοφιασ")]
    [TestCase("ﬁnden", "finden")]
    [TestCase("\u212Aelvin", "kelvin")]
    public void Folds_to_the_same_text_When_case_or_composition_differ(string text, string folded) =>
        Assert.That(FormEntrySearch.Fold(text), Is.EqualTo(folded));

    [Test]
    public void Joins_the_folded_answer_values_one_per_line_When_an_entry_is_appended()
    {
        var text = FormEntrySearch.TextOf(
        [
            KeyValuePair.Create("a", new FormEntryValue("Frage A", ["Grünfläche"])),
            KeyValuePair.Create("b", new FormEntryValue("Frage B", ["Räume", "", "FLÄCHEN"])),
        ]);

        Assert.That(text, Is.EqualTo("grünfläche\nräume\nflächen"));
    }

    [Test]
    public void Gives_an_empty_text_When_the_values_json_is_malformed() =>
        Assert.That(FormEntrySearch.TextOf("{ kein json"), Is.Empty);
}
