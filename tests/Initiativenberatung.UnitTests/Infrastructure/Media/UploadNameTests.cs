using Initiativenberatung.Infrastructure.Media;

namespace Initiativenberatung.UnitTests.Infrastructure.Media;

public sealed class UploadNameTests
{
    [TestCase("../evil.pdf")]
    [TestCase("..\\evil.pdf")]
    [TestCase("C:\\x.pdf")]
    [TestCase("c:x.pdf")]
    [TestCase("/etc/passwd")]
    [TestCase("ordner/datei.pdf")]
    [TestCase("datei.pdf\0.png")]
    [TestCase("datei.pdf:stream")]
    [TestCase("..")]
    public void Refuses_the_name_with_a_german_message_When_it_has_path_parts(string name)
    {
        var problem = MediaPaths.UploadNameProblem(name);

        Assert.That(problem, Does.StartWith("Der Dateiname „").And.Contain("ist nicht zulässig"));
        Assert.That(problem!.Contains('\0', StringComparison.Ordinal), Is.False, "NUL is not echoed");
    }

    [TestCase("Klimaschutz lokal stärken.pdf")]
    [TestCase("logo_eu (neu).svg")]
    [TestCase("..bericht.pdf")]
    public void Accepts_the_name_When_it_is_a_plain_file_name(string name)
    {
        Assert.That(MediaPaths.UploadNameProblem(name), Is.Null);
    }

    [Test]
    public void Makes_a_generated_store_path_When_a_file_is_uploaded()
    {
        var path = MediaPaths.NewStorePath("Klimaschutz lokal stärken.PDF");

        Assert.That(path, Does.Match("^[0-9a-f]{8}/klimaschutz-lokal-staerken\\.pdf$"));
        Assert.That(MediaPaths.IsSafeRelativePath(path), Is.True);
    }
}
