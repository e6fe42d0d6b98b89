using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.UnitTests.Core.Publishing;

public sealed class PropertyValueConverterTests
{
    private static readonly Guid SurveyKey = new("55555555-0000-0000-0000-000000000001");
    private PropertyValueConverter _converter = null!;

    [SetUp]
    public void CreateConverter()
    {
        _converter = new PropertyValueConverter(TestSchema.ContentTypes(), new Dictionary<Guid, PublishedMedia>(), html => html)
        {
            ResolveContent = key => key == SurveyKey ? new PublishedLink("Umfrage", "/umfrage/", null, key) : null,
        };
    }

    [Test]
    public void Resolves_document_and_external_links_When_a_multi_url_picker_value_is_converted()
    {
        var raw = $$"""
            [{"name":"","target":null,"type":"document","unique":"{{SurveyKey}}","url":null},
             {"name":"Verbraucherzentrale","target":"_blank","type":"external","unique":null,"url":"https://www.verbraucherzentrale.nrw/"},
             {"name":"Weg","type":"document","unique":"{{Guid.NewGuid()}}"}]
            """;

        var links = (IReadOnlyList<PublishedLink>)_converter.Convert(EditorAliases.MultiUrlPicker, raw)!;

        Assert.That(links, Is.EqualTo(new[]
        {
            new PublishedLink("Umfrage", "/umfrage/", null, SurveyKey),
            new PublishedLink("Verbraucherzentrale", "https://www.verbraucherzentrale.nrw/", "_blank", null),
        }));
    }

    [TestCase("umb://document/55555555000000000000000000000001")]
    [TestCase("55555555-0000-0000-0000-000000000001")]
    public void Resolves_the_route_When_a_content_picker_holds_a_udi_or_guid(string raw)
    {
        var link = _converter.Convert(EditorAliases.ContentPicker, raw) as PublishedLink;

        Assert.That(link?.Url, Is.EqualTo("/umfrage/"));
    }

    [TestCase("1", true)]
    [TestCase("0", false)]
    [TestCase("", false)]
    public void Converts_true_false_When_stored_as_number(string raw, bool expected)
    {
        Assert.That(_converter.Convert(EditorAliases.TrueFalse, raw), Is.EqualTo(expected));
    }

    [Test]
    public void Reads_markup_When_rich_text_is_stored_as_umbraco_16_json()
    {
        var value = _converter.Convert(EditorAliases.RichText, "{\"markup\":\"<p>Hallo</p>\",\"blocks\":null}") as RichTextValue;

        Assert.That(value?.Html, Is.EqualTo("<p>Hallo</p>"));
    }

    [Test]
    public void Gives_the_default_ui_alias_When_a_pre_14_editor_alias_is_known()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EditorAliases.DefaultUiAlias(EditorAliases.TextBox), Is.EqualTo("Umb.PropertyEditorUi.TextBox"));
            Assert.That(EditorAliases.DefaultUiAlias("Our.Umbraco.Something"), Is.Null);
        });
    }
}
