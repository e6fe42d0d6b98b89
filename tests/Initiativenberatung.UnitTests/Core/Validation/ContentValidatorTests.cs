using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;

namespace Initiativenberatung.UnitTests.Core.Validation;

public sealed class ContentValidatorTests
{
    private ContentTypeIndex _schema = null!;
    private ContentValidator _validator = null!;
    private ContentType _page = null!;

    [SetUp]
    public void CreateValidator()
    {
        _schema = new ContentTypeIndex(TestSchema.ContentTypes());
        _validator = new ContentValidator(_schema, TestSchema.DataTypes());
        _page = _schema.ByAlias("page")!;
    }

    [Test]
    public void Accepts_values_When_every_rule_holds()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("code", "abc"), ("hideFromNavigation", "1")));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Names_the_property_in_German_When_a_mandatory_value_is_missing()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", " ")));

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Is.EqualTo(new ValidationError("headline", "„Überschrift“ ist ein Pflichtfeld.")));
    }

    [Test]
    public void Uses_the_custom_message_When_the_property_has_one()
    {
        _page.Properties.Single(p => p.Alias == "headline").MandatoryMessage = "Bitte eine Überschrift eingeben.";

        var errors = _validator.Validate(_page, "Start", Values());

        Assert.That(errors.Single().Message, Is.EqualTo("Bitte eine Überschrift eingeben."));
    }

    [Test]
    public void Reports_format_error_When_the_regex_does_not_match()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("code", "ABC")));

        Assert.That(errors.Single(), Is.EqualTo(new ValidationError("code", "„Kennung“ hat nicht das erwartete Format.")));
    }

    [Test]
    public void Reports_length_error_When_a_text_box_exceeds_max_chars()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", new string('x', 21))));

        Assert.That(errors.Single().Message, Does.Contain("höchstens 20 Zeichen"));
    }

    [Test]
    public void Reports_unknown_property_When_the_alias_is_not_in_the_type()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("colour", "rot")));

        Assert.That(errors.Single().PropertyAlias, Is.EqualTo("colour"));
    }

    [Test]
    public void Requires_a_name_When_the_type_is_a_document()
    {
        var errors = _validator.Validate(_page, "", Values(("headline", "Hallo")));

        Assert.That(errors.Single().PropertyAlias, Is.EqualTo("name"));
    }

    [Test]
    public void Validates_properties_of_compositions_When_the_type_has_one()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("hideFromNavigation", "vielleicht")));

        Assert.That(errors.Single().PropertyAlias, Is.EqualTo("hideFromNavigation"));
    }

    [Test]
    public void Reports_block_and_property_When_a_block_misses_a_mandatory_value()
    {
        var blocks = TestSchema.QuoteBlocks(("Ein Zitat", "Frank"), ("Noch eins", ""));

        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("sections", blocks)));

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].PropertyAlias, Is.EqualTo("sections[1].author"));
            Assert.That(errors[0].Message, Is.EqualTo("„Abschnitte“, Block 2 (Zitat): „Person“ ist ein Pflichtfeld."));
        });
    }

    [Test]
    public void Rejects_block_list_When_the_value_is_not_json()
    {
        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("sections", "{kaputt")));

        Assert.That(errors.Single().PropertyAlias, Is.EqualTo("sections"));
    }

    [Test]
    public void Rejects_second_media_When_the_picker_allows_one()
    {
        var value = "[{\"key\":\"" + Guid.NewGuid() + "\",\"mediaKey\":\"" + Guid.NewGuid() + "\"},{\"key\":\"" + Guid.NewGuid() + "\",\"mediaKey\":\"" + Guid.NewGuid() + "\"}]";

        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("image", value)));

        Assert.That(errors.Single().Message, Does.Contain("nur ein Medium"));
    }

    [Test]
    public void Treats_rich_text_without_text_as_empty_When_it_is_mandatory()
    {
        _page.Properties.Single(p => p.Alias == "text").Mandatory = true;

        var errors = _validator.Validate(_page, "Start", Values(("headline", "Hallo"), ("text", "<p>&nbsp;</p>")));

        Assert.That(errors.Single().PropertyAlias, Is.EqualTo("text"));
    }

    [Test]
    public void Allows_placement_When_parent_allows_the_child_type()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContentValidator.ValidatePlacement(_schema.ByAlias("child")!, _page), Is.Null);
            Assert.That(ContentValidator.ValidatePlacement(_page, null), Is.Null);
        });
    }

    [Test]
    public void Refuses_placement_When_the_type_is_not_allowed_there()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContentValidator.ValidatePlacement(_schema.ByAlias("child")!, null)?.Message, Does.Contain("auf oberster Ebene nicht erlaubt"));
            Assert.That(ContentValidator.ValidatePlacement(_page, _page)?.Message, Does.Contain("unter „Seite“ nicht erlaubt"));
            Assert.That(ContentValidator.ValidatePlacement(_schema.ByAlias("quoteBlock")!, _page)?.Message, Does.Contain("Elementtyp"));
        });
    }

    private static Dictionary<string, string?> Values(params (string Alias, string? Value)[] values) =>
        values.ToDictionary(v => v.Alias, v => v.Value, StringComparer.Ordinal);
}
