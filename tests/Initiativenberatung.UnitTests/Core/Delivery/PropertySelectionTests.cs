using Initiativenberatung.Core.Delivery;

namespace Initiativenberatung.UnitTests.Core.Delivery;

[TestFixture]
public sealed class PropertySelectionTests
{
    [Test]
    public void Selects_everything_When_properties_all_is_given()
    {
        var ok = PropertySelection.TryParse("expand", "properties[$all]", PropertySelection.None, out var selection, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(error, Is.Null);
            Assert.That(selection.IsAll, Is.True);
            Assert.That(selection.Includes("anything"), Is.True);
        });
    }

    [Test]
    public void Selects_only_the_named_aliases_When_a_list_is_given()
    {
        PropertySelection.TryParse("fields", "properties[headline, intro]", PropertySelection.All, out var selection, out _);

        Assert.Multiple(() =>
        {
            Assert.That(selection.IsAll, Is.False);
            Assert.That(selection.Includes("headline"), Is.True);
            Assert.That(selection.Includes("intro"), Is.True);
            Assert.That(selection.Includes("sections"), Is.False);
        });
    }

    [Test]
    public void Keeps_the_nested_selection_When_an_alias_has_its_own_properties()
    {
        PropertySelection.TryParse("fields", "properties[sections[properties[heading,text]],headline]", PropertySelection.All, out var selection, out _);
        var nested = selection.Nested("sections", PropertySelection.All);

        Assert.Multiple(() =>
        {
            Assert.That(selection.Includes("sections"), Is.True);
            Assert.That(selection.Includes("headline"), Is.True);
            Assert.That(nested.Includes("heading"), Is.True);
            Assert.That(nested.Includes("image"), Is.False);
            Assert.That(selection.Nested("headline", PropertySelection.All).IsAll, Is.True, "no nested part: the fallback");
        });
    }

    [Test]
    public void Uses_the_default_When_the_parameter_is_missing()
    {
        PropertySelection.TryParse("expand", null, PropertySelection.None, out var expand, out _);
        PropertySelection.TryParse("fields", " ", PropertySelection.All, out var fields, out _);

        Assert.Multiple(() =>
        {
            Assert.That(expand.IsNone, Is.True);
            Assert.That(fields.IsAll, Is.True);
        });
    }

    [Test]
    public void Accepts_the_v1_syntax_When_all_or_property_list_is_given()
    {
        PropertySelection.TryParse("expand", "all", PropertySelection.None, out var all, out _);
        PropertySelection.TryParse("expand", "property:link,image", PropertySelection.None, out var list, out _);

        Assert.Multiple(() =>
        {
            Assert.That(all.IsAll, Is.True);
            Assert.That(list.Includes("link") && list.Includes("image") && !list.Includes("x"), Is.True);
        });
    }

    [TestCase("properties[")]
    [TestCase("properties[a")]
    [TestCase("props[a]")]
    [TestCase("properties[a]]")]
    [TestCase("properties[a b]")]
    [TestCase("properties[a[b]]")]
    public void Names_the_parameter_When_the_syntax_is_wrong(string value)
    {
        var ok = PropertySelection.TryParse("expand", value, PropertySelection.None, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.Contain("„expand“"));
        });
    }
}
