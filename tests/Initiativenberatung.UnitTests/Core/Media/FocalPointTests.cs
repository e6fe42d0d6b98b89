using Initiativenberatung.Core.Media;

namespace Initiativenberatung.UnitTests.Core.Media;

public sealed class FocalPointTests
{
    [Test]
    public void Writes_umbracos_shape_When_serialized()
    {
        Assert.That(new FocalPoint(0.5, 0.25).ToJson(), Is.EqualTo("""{"left":0.5,"top":0.25}"""));
    }

    [TestCase("""{"left":0.3,"top":0.7}""", 0.3, 0.7)]
    [TestCase("""{"top":1,"left":0}""", 0d, 1d)]
    public void Reads_the_point_When_the_json_is_valid(string json, double left, double top)
    {
        Assert.That(FocalPoint.Parse(json), Is.EqualTo(new FocalPoint(left, top)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("kaputt")]
    [TestCase("""{"left":2,"top":0.5}""")]
    [TestCase("""{"left":"0.5"}""")]
    public void Reads_no_point_When_the_value_is_missing_or_invalid(string? json)
    {
        Assert.That(FocalPoint.Parse(json), Is.Null);
    }

    [TestCase("png", MediaTypeAliases.Image)]
    [TestCase(".JPG", MediaTypeAliases.Image)]
    [TestCase("webp", MediaTypeAliases.Image)]
    [TestCase("svg", MediaTypeAliases.VectorGraphics)]
    [TestCase("pdf", MediaTypeAliases.File)]
    [TestCase("docx", MediaTypeAliases.File)]
    public void Picks_the_media_type_When_a_file_is_uploaded(string extension, string expected)
    {
        Assert.That(MediaTypes.ForExtension(extension), Is.EqualTo(expected));
    }
}
