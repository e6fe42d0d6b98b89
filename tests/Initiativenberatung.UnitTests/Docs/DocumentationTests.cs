using System.Text.RegularExpressions;
using Initiativenberatung.Testing;

namespace Initiativenberatung.UnitTests.Docs;

/// <summary>The README and docs/ stand alone and name only what exists: links inside the repository, test classes.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = RepositoryPaths.Root;

    private static IEnumerable<string> Documents() =>
        [Path.Combine(Root, "README.md"), .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")];

    [Test]
    public void Names_only_test_classes_that_exist_When_the_security_document_lists_its_proofs()
    {
        var sources = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var named = TestClassName().Matches(File.ReadAllText(Path.Combine(Root, "docs", "security.md")))
            .Select(m => m.Groups[1].Value.Split('.')[^1])
            .Distinct()
            .ToList();

        var missing = named.Where(name => !sources.Contains($"class {name}", StringComparison.Ordinal)).ToList();

        Assert.That(named, Has.Count.GreaterThan(20));
        Assert.That(missing, Is.Empty, "docs/security.md names test classes that do not exist");
    }

    [Test]
    public void Links_only_to_files_inside_the_repository_When_a_document_links_a_relative_path()
    {
        var broken = new List<string>();
        foreach (var document in Documents())
        {
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups[1].Value.Split('#')[0];
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                if (target.Length > 0 && (!resolved.StartsWith(Root, StringComparison.Ordinal) || (!File.Exists(resolved) && !Directory.Exists(resolved))))
                {
                    broken.Add($"{Path.GetRelativePath(Root, document)}: {link.Groups[1].Value}");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Keeps_the_readme_an_entry_page_When_its_size_is_measured()
    {
        Assert.That(new FileInfo(Path.Combine(Root, "README.md")).Length, Is.LessThanOrEqualTo(15 * 1024));
    }

    [GeneratedRegex(@"`((?:\w+\.)?\w+Tests)`")]
    private static partial Regex TestClassName();

    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)([^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
