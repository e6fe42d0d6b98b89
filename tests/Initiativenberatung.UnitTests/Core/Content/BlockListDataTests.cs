using Initiativenberatung.Core.Content;

namespace Initiativenberatung.UnitTests.Core.Content;

public sealed class BlockListDataTests
{
    [Test]
    public void Reads_values_and_layout_When_the_value_has_the_umbraco_15_shape()
    {
        var json = TestSchema.QuoteBlocks(("Eins", "A"), ("Zwei", "B"));

        var data = BlockListData.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(data.Layout, Has.Count.EqualTo(2));
            Assert.That(data.ContentData.Select(c => c.Values["quote"]), Is.EqualTo(new[] { "Eins", "Zwei" }));
            Assert.That(data.ContentData[0].ContentTypeKey, Is.EqualTo(TestSchema.QuoteKey));
        });
    }

    [Test]
    public void Reads_flat_properties_and_udis_When_the_value_has_the_older_shape()
    {
        const string json = """
            {"layout":{"Umbraco.BlockList":[{"contentUdi":"umb://element/6f2d9a1e1d2b4c4f8a1e2b3c4d5e6f70"}]},
             "contentData":[{"contentTypeKey":"22222222-0000-0000-0000-000000000001","udi":"umb://element/6f2d9a1e1d2b4c4f8a1e2b3c4d5e6f70","quote":"Alt","author":"B"}],
             "settingsData":[]}
            """;

        var data = BlockListData.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(data.Layout.Single().ContentKey, Is.EqualTo(new Guid("6f2d9a1e-1d2b-4c4f-8a1e-2b3c4d5e6f70")));
            Assert.That(data.ContentData.Single().Values["quote"], Is.EqualTo("Alt"));
        });
    }

    [Test]
    public void Writes_the_same_json_When_parsed_and_written_again()
    {
        var json = TestSchema.QuoteBlocks(("Eins", "A"));

        Assert.That(BlockListData.Parse(json).ToJson(), Is.EqualTo(json));
    }

    [Test]
    public void Throws_format_exception_in_German_When_the_value_is_not_json()
    {
        var ex = Assert.Throws<FormatException>(() => BlockListData.Parse("[1,2"));

        Assert.That(ex!.Message, Does.Contain("keine gültige Blockliste"));
    }
}
