using System.Text.RegularExpressions;
using System.Xml.Linq;
using Initiativenberatung.Testing;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Texts;

/// <summary>
/// Every text key the code asks for exists in the German (neutral) resource file it is looked up in, so a missing
/// text fails here instead of showing a raw key on a page. Covers the back office's localizers (<c>T["…"]</c>,
/// <c>C["…"]</c>, <c>text["…"]</c> …, found by their <c>IStringLocalizer&lt;X&gt;</c> declarations and the
/// <c>@inject</c> lines of the <c>_ViewImports.cshtml</c> files), data-annotation keys, and the domain's <c>Messages.Get("…")</c>.
/// </summary>
public sealed partial class ResourceKeysTests
{
    private static string WebFolder => Path.Combine(RepositoryPaths.Root, "src", "Initiativenberatung.Web");

    private static string BackOfficeFolder => Path.Combine(WebFolder, "BackOffice");

    [Test]
    public void Finds_every_back_office_lookup_key_When_reading_the_neutral_resx()
    {
        var resources = WebResources();
        var missing = new List<string>();
        var checkedLookups = 0;
        foreach (var file in Directory.GetFiles(BackOfficeFolder, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var localizers = LocalizersOf(file, source);
            foreach (var (variable, type) in localizers)
            {
                foreach (Match lookup in Regex.Matches(source, $@"(?<![\w.]){Regex.Escape(variable)}\[\s*""([^""]+)""\s*[,\]]"))
                {
                    checkedLookups++;
                    var key = lookup.Groups[1].Value;
                    if (!resources.TryGetValue(type, out var keys) || !keys.Contains(key))
                    {
                        missing.Add($"{Relative(file)}: {variable}[\"{key}\"] ({type})");
                    }
                }
            }

            // Data annotations are localized with BackOfficeText (see BackOfficeRegistration).
            foreach (Match annotation in AnnotationKey().Matches(source))
            {
                checkedLookups++;
                if (!resources["BackOfficeText"].Contains(annotation.Groups[1].Value))
                {
                    missing.Add($"{Relative(file)}: {annotation.Value} (BackOfficeText)");
                }
            }
        }

        Assert.That(checkedLookups, Is.GreaterThan(300), "The scan found suspiciously few lookups; did the localizer names change?");
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Finds_every_domain_message_key_When_reading_messages_resx()
    {
        var keys = ResxKeys(Path.Combine(RepositoryPaths.Root, "src", "Initiativenberatung.Core", "Resources", "Messages.resx"));
        var used = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var project in new[] { "Initiativenberatung.Core", "Initiativenberatung.Infrastructure", "Initiativenberatung.Web" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (var key in MessageKeys(File.ReadAllText(file)))
                {
                    used.Add(key);
                    if (!keys.Contains(key))
                    {
                        missing.Add($"{Relative(file)}: Messages.Get(\"{key}\")");
                    }
                }
            }
        }

        Assert.That(used, Has.Count.GreaterThan(150), "The scan found suspiciously few Messages.Get calls.");
        Assert.That(missing, Is.Empty);
        Assert.That(keys.Except(used).Order(StringComparer.Ordinal), Is.Empty, "Messages.resx has keys nobody uses.");
    }

    [Test]
    public void Reports_a_missing_key_When_a_lookup_names_an_unknown_text()
    {
        // The scanner itself: a made-up view with one known and one unknown key.
        const string view = "@inject IStringLocalizer<BackOfficeText> T\n<h1>@T[\"Login.Title\"]</h1><p>@T[\"Login.DoesNotExist\"]</p>";
        var localizers = LocalizersOf(Path.Combine(BackOfficeFolder, "Pages", "Fake.cshtml"), view);
        var keys = Regex.Matches(view, @"(?<![\w.])T\[\s*""([^""]+)""\s*[,\]]").Select(m => m.Groups[1].Value).ToList();
        var known = WebResources()["BackOfficeText"];

        Assert.That(localizers, Does.ContainKey("T").WithValue("BackOfficeText"));
        Assert.That(keys.Where(k => !known.Contains(k)), Is.EqualTo(new[] { "Login.DoesNotExist" }));
        Assert.That(MessageKeys("Messages.Get(flag ? \"A.One\" : \"A.Two\", x); Messages.Get(\"B\")"), Is.EquivalentTo(new[] { "A.One", "A.Two", "B" }));
    }

    /// <summary>Marker type name (BackOfficeText, ContentText …) → keys of its neutral resx.</summary>
    private static Dictionary<string, HashSet<string>> WebResources() =>
        Directory.GetFiles(Path.Combine(WebFolder, "Resources"), "BackOffice.*.resx")
            .Where(f => Path.GetFileNameWithoutExtension(f).Split('.').Length == ResourceNameParts(f))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f).Split('.')[^1], ResxKeys, StringComparer.Ordinal);

    /// <summary>Neutral files only: <c>BackOffice.BackOfficeText</c> has 2 parts, <c>BackOffice.Content.ContentText</c> 3; a culture adds one.</summary>
    private static int ResourceNameParts(string file) =>
        Path.GetFileNameWithoutExtension(file).StartsWith("BackOffice.BackOfficeText", StringComparison.Ordinal) ? 2 : 3;

    private static HashSet<string> ResxKeys(string file) =>
        XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Variable name → marker type, from the file and (for views) every <c>_ViewImports.cshtml</c> above it.</summary>
    private static Dictionary<string, string> LocalizersOf(string file, string source)
    {
        var declarations = new List<string> { source };
        if (file.EndsWith(".cshtml", StringComparison.Ordinal))
        {
            for (var folder = Path.GetDirectoryName(file); folder is not null && folder.StartsWith(BackOfficeFolder, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
            {
                var imports = Path.Combine(folder, "_ViewImports.cshtml");
                if (File.Exists(imports))
                {
                    declarations.Add(File.ReadAllText(imports));
                }
            }
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in declarations)
        {
            foreach (Match m in Declaration().Matches(text))
            {
                result.TryAdd(m.Groups["name"].Value, m.Groups["type"].Value);
            }

            foreach (Match m in Resolved().Matches(text))
            {
                result.TryAdd(m.Groups["name"].Value, m.Groups["type"].Value);
            }
        }

        return result;
    }

    /// <summary>Every string literal in the first argument of <c>Messages.Get(…)</c> (a key, or both keys of a <c>?:</c>).</summary>
    private static IEnumerable<string> MessageKeys(string source)
    {
        foreach (Match call in MessagesGet().Matches(source))
        {
            var start = call.Index + call.Length;
            var depth = 0;
            var end = start;
            var inString = false;
            for (; end < source.Length; end++)
            {
                var c = source[end];
                if (c == '"' && source[end - 1] != '\\')
                {
                    inString = !inString;
                }
                else if (!inString && c is '(' or '[')
                {
                    depth++;
                }
                else if (!inString && c is ')' or ']' && depth-- == 0)
                {
                    break;
                }
                else if (!inString && c == ',' && depth == 0)
                {
                    break;
                }
            }

            foreach (Match literal in Regex.Matches(source[start..end], "\"([^\"]+)\""))
            {
                yield return literal.Groups[1].Value;
            }
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file);

    [GeneratedRegex(@"IStringLocalizer<(?<type>\w+)>\s+(?<name>\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"var\s+(?<name>\w+)\s*=[^;]*IStringLocalizer<(?<type>\w+)>")]
    private static partial Regex Resolved();

    [GeneratedRegex(@"(?:ErrorMessage\s*=|Display\(Name\s*=)\s*""([A-Z][A-Za-z]*\.[A-Za-z.]+)""")]
    private static partial Regex AnnotationKey();

    [GeneratedRegex(@"\bMessages\.Get\(")]
    private static partial Regex MessagesGet();
}
