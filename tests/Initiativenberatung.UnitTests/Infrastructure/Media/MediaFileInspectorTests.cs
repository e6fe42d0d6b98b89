using Initiativenberatung.Infrastructure.Media;
using SkiaSharp;

namespace Initiativenberatung.UnitTests.Infrastructure.Media;

public sealed class MediaFileInspectorTests
{
    [Test]
    public void Reads_dimensions_When_the_file_is_a_png()
    {
        using var bitmap = new SKBitmap(40, 30);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);

        var info = MediaFileInspector.Inspect(png.ToArray(), ".PNG");

        Assert.Multiple(() =>
        {
            Assert.That((info.Width, info.Height), Is.EqualTo((40, 30)));
            Assert.That(info.MimeType, Is.EqualTo("image/png"));
            Assert.That(info.Extension, Is.EqualTo("png"));
            Assert.That(info.Sha256, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public void Reads_size_from_view_box_When_an_svg_has_no_width()
    {
        var svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 80\"></svg>"u8.ToArray();

        var info = MediaFileInspector.Inspect(svg, "svg");

        Assert.That((info.Width, info.Height), Is.EqualTo((320, 80)));
    }

    [Test]
    public void Rejects_file_in_German_When_a_png_is_renamed_to_pdf()
    {
        using var bitmap = new SKBitmap(2, 2);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);

        var ex = Assert.Throws<InvalidDataException>(() => MediaFileInspector.Inspect(png.ToArray(), "pdf"));

        Assert.That(ex!.Message, Is.EqualTo("Der Inhalt der Datei passt nicht zur Endung „.pdf“."));
    }

    [Test]
    public void Rejects_file_When_the_extension_is_not_allowed()
    {
        var ex = Assert.Throws<InvalidDataException>(() => MediaFileInspector.Inspect("MZ"u8.ToArray(), "exe"));

        Assert.That(ex!.Message, Does.StartWith("Dateien vom Typ „.exe“ sind nicht erlaubt."));
    }

    [Test]
    public void Accepts_pdf_When_it_starts_with_the_pdf_signature()
    {
        var info = MediaFileInspector.Inspect("%PDF-1.4\n%%EOF"u8.ToArray(), "pdf");

        Assert.That((info.MimeType, info.Bytes), Is.EqualTo(("application/pdf", 14L)));
    }
}
