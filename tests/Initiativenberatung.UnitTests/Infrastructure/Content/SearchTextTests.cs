using Initiativenberatung.Infrastructure.Content;

namespace Initiativenberatung.UnitTests.Infrastructure.Content;

public sealed class SearchTextTests
{
    [TestCase("Übergänge", "uebergaenge")]
    [TestCase("ÜBERGÄNGE", "uebergaenge")]
    [TestCase("uebergaenge", "uebergaenge")]
    [TestCase("Straße", "strasse")]
    [TestCase("STRASSE", "strasse")]
    [TestCase("Café Öl", "cafe oel")]
    [TestCase("  viel \n\t Platz  ", "viel platz")]
    [TestCase("Ǆemal", "ǆemal")]
    [TestCase("ΣΊΣΥΦΟΣ", "σισυφοσ")]
    public void Folds_case_umlauts_and_accents_When_text_is_compared(string text, string expected) =>
        Assert.That(SearchText.Fold(text), Is.EqualTo(expected));

    [Test]
    public void Folds_decomposed_umlauts_like_composed_ones_When_the_text_comes_from_another_system() =>
        Assert.That(SearchText.Fold("U\u0308berga\u0308nge"), Is.EqualTo(SearchText.Fold("Übergänge")));

    [Test]
    public void Returns_the_text_without_tags_and_entities_When_the_value_is_rich_text() =>
        Assert.That(SearchText.Readable("<p>Kommunen &amp; <strong>Initiativen</strong></p><p>gemeinsam</p>"), Is.EqualTo(new[] { "Kommunen & Initiativen gemeinsam" }));

    [Test]
    public void Returns_the_strings_of_blocks_but_no_keys_ids_or_aliases_When_the_value_is_block_json()
    {
        const string block = """
            {"contentData":[{"key":"0b7c1a52-8d3e-4c1f-9a6b-2e4d6f8a0c13","contentTypeKey":"4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a12","values":[
              {"alias":"quote","editorAlias":"Umbraco.TextArea","value":"Gemeinsam geht mehr."},
              {"alias":"text","editorAlias":"Umbraco.RichText","value":{"markup":"<p>Mit <em>Text</em></p>","blocks":null}},
              {"alias":"link","editorAlias":"Umbraco.ContentPicker","value":"umb://document/8e2d4c6a1f3b4a5cb7d90e2f4a6c8b51"}]}]}
            """;

        Assert.That(SearchText.Readable(block), Is.EqualTo(new[] { "Gemeinsam geht mehr.", "Mit Text" }));
    }

    [Test]
    public void Reads_the_value_as_text_When_it_only_looks_like_json() =>
        Assert.That(SearchText.Readable("[Entwurf] Neue Seite"), Is.EqualTo(new[] { "[Entwurf] Neue Seite" }));
}
