using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;

namespace Initiativenberatung.UnitTests.Core.Validation;

[TestFixture]
public sealed class SchemaValidatorTests
{
    private static readonly DataType Text = new() { Key = BuiltInDataTypes.Textstring, Name = "Textstring", EditorAlias = EditorAliases.TextBox };
    private static readonly Dictionary<Guid, DataType> DataTypes = new() { [Text.Key] = Text };

    private static ContentType Type(string alias, bool isElement = false, params ContentType[] compositions)
    {
        var type = new ContentType
        {
            Key = Guid.NewGuid(),
            Alias = alias,
            Name = alias,
            IsElement = isElement,
            Groups = [new PropertyGroup { Key = Guid.NewGuid(), Alias = "content", Name = "Inhalt" }],
            Properties = [new PropertyType { Key = Guid.NewGuid(), Alias = alias + "Title", Name = "Titel", DataTypeKey = Text.Key, EditorAlias = Text.EditorAlias, GroupAlias = "content" }],
        };
        type.Compositions = [.. compositions.Select(c => new ContentTypeReference { Key = c.Key, Alias = c.Alias })];
        return type;
    }

    private static ContentTypeInput Input(ContentType type, Action<List<PropertyTypeInput>>? properties = null, IReadOnlyList<Guid>? compositions = null)
    {
        var list = type.Properties.Select(p => new PropertyTypeInput(p.Key, p.Name, p.Alias, null, p.DataTypeKey.ToString(), false, null, null, null, p.GroupAlias)).ToList();
        properties?.Invoke(list);
        return new ContentTypeInput
        {
            Key = type.Key,
            Name = type.Name,
            Groups = [.. type.Groups.Select(g => new PropertyGroupInput(g.Key, g.Alias, g.Name))],
            Properties = list,
            Compositions = compositions ?? [.. type.Compositions.Select(c => c.Key)],
        };
    }

    [Test]
    public void Accepts_the_type_When_it_is_unchanged()
    {
        var page = Type("page");

        var errors = SchemaValidator.ValidateContentType(Input(page), page, [page], DataTypes, out var result);

        Assert.That(errors, Is.Empty);
        Assert.That(result?.Properties.Single().EditorAlias, Is.EqualTo(EditorAliases.TextBox));
    }

    [Test]
    public void Rejects_a_property_alias_When_a_composition_already_has_it()
    {
        var seo = Type("seo");
        var page = Type("page", false, seo);

        var errors = SchemaValidator.ValidateContentType(
            Input(page, p => p.Add(new PropertyTypeInput(Guid.NewGuid(), "Titel", "SEOTITLE", null, Text.Key.ToString(), false, null, null, null, "content"))),
            page, [seo, page], DataTypes, out _);

        Assert.That(errors.Select(e => (e.Field, e.Message)), Has.One.Matches<(string Field, string Message)>(e =>
            e.Field == "Properties[1].Alias" && e.Message.Contains("gibt es schon in der Komposition „seo“", StringComparison.Ordinal)));
    }

    [Test]
    public void Rejects_a_new_property_When_a_type_composing_this_one_already_has_the_alias()
    {
        var seo = Type("seo");
        var page = Type("page", false, seo);

        var errors = SchemaValidator.ValidateContentType(
            Input(seo, p => p.Add(new PropertyTypeInput(Guid.NewGuid(), "Titel", "pageTitle", null, Text.Key.ToString(), false, null, null, null, "content"))),
            seo, [seo, page], DataTypes, out _);

        Assert.That(errors.Single().Message, Does.Contain("„pageTitle“ käme im Typ „page“"));
    }

    [Test]
    public void Rejects_compositions_When_they_form_a_cycle()
    {
        var a = Type("a");
        var b = Type("b", false, a);

        var errors = SchemaValidator.ValidateContentType(Input(a, compositions: [b.Key]), a, [a, b], DataTypes, out var result);

        Assert.That(result, Is.Null);
        Assert.That(errors.Single().Message, Does.Contain("Kreis (a → b → a)"));
    }

    [Test]
    public void Rejects_a_document_type_composition_When_the_type_is_an_element_type()
    {
        var page = Type("page");
        var block = Type("block", isElement: true);

        var errors = SchemaValidator.ValidateContentType(Input(block, compositions: [page.Key]), block, [page, block], DataTypes, out _);

        Assert.That(errors.Single().Field, Is.EqualTo("Compositions"));
    }

    [Test]
    public void Rejects_the_group_When_the_property_names_a_group_that_does_not_exist()
    {
        var page = Type("page");

        var errors = SchemaValidator.ValidateContentType(
            Input(page, p => p[0] = p[0] with { GroupAlias = "gibtsnicht" }), page, [page], DataTypes, out _);

        Assert.That(errors.Single().Message, Does.Contain("„Gruppe“: Die Gruppe „gibtsnicht“ gibt es in diesem Typ nicht."));
    }

    [TestCase("{\"maxChars\": 5}", null)]
    [TestCase("   ", null)]
    [TestCase("\"text\"", "„Konfiguration“ muss ein JSON-Objekt sein")]
    [TestCase("{\"a\": ", "„Konfiguration“ ist kein gültiges JSON")]
    public void Checks_the_config_When_a_data_type_is_saved(string config, string? expected)
    {
        var errors = SchemaValidator.ValidateDataType(new DataTypeInput(Text.Key, "Textstring", null, null, null, config), Text, [Text], out var result);

        if (expected is null)
        {
            Assert.That(errors, Is.Empty);
            Assert.That(result?.ConfigJson, Is.EqualTo(string.IsNullOrWhiteSpace(config) ? "{}" : config));
        }
        else
        {
            Assert.That(errors.Single().Message, Does.Contain(expected));
            Assert.That(result, Is.Null);
        }
    }
}
