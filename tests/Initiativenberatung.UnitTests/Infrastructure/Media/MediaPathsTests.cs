using Initiativenberatung.Infrastructure.Media;

namespace Initiativenberatung.UnitTests.Infrastructure.Media;

public sealed class MediaPathsTests
{
    [TestCase("ab12/datei.pdf", true)]
    [TestCase("../x.pdf", false)]
    [TestCase("ab12/../../x.pdf", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("ab12\\x.pdf", false)]
    [TestCase("C:/x.pdf", false)]
    [TestCase("ab12/.hidden", false)]
    [TestCase("", false)]
    public void Accepts_only_relative_paths_inside_the_store_When_checking(string path, bool expected)
    {
        Assert.That(MediaPaths.IsSafeRelativePath(path), Is.EqualTo(expected));
    }

    [TestCase("../../Klimaschutz lokal stärken.PDF", "klimaschutz-lokal-staerken.pdf")]
    [TestCase("C:\\Users\\x\\Logo EU.svg", "logo-eu.svg")]
    [TestCase("....", "datei")]
    public void Makes_a_safe_name_When_given_a_user_file_name(string fileName, string expected)
    {
        Assert.That(MediaPaths.SafeFileName(fileName), Is.EqualTo(expected));
    }

    [TestCase("a8c3e1f0/klimaschutz-lokal-staerken.pdf", "pdf", "a8c3e1f0/klimaschutz-lokal-staerken.pdf")]
    [TestCase("a8c3e1f0/klimaschutz-lokal-staerken.pdf", ".PDF", "a8c3e1f0/klimaschutz-lokal-staerken.pdf")]
    [TestCase("b71d4c22/runder-tisch.png", "jpg", "b71d4c22/runder-tisch.jpg")]
    [TestCase("b71d4c22/datei", "gif", "b71d4c22/datei.gif")]
    public void Keeps_the_folder_and_stem_When_a_file_is_replaced(string current, string extension, string expected)
    {
        Assert.That(MediaPaths.ReplacementPath(current, extension), Is.EqualTo(expected));
    }

    [TestCase("a8c3e1f0/klimaschutz-lokal-staerken.pdf", "a8c3e1f0")]
    [TestCase("datei.pdf", "datei.pdf")]
    public void Names_the_generated_folder_When_given_a_store_path(string path, string expected)
    {
        Assert.That(MediaPaths.Folder(path), Is.EqualTo(expected));
    }

    [Test]
    public void Refuses_to_resolve_When_a_path_would_leave_the_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "media-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new LocalMediaFileStore(root);

            Assert.Throws<ArgumentException>(() => store.Resolve("../outside.txt"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
