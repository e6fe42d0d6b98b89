using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Initiativenberatung.Testing;
using Initiativenberatung.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.UnitTests.Web.Localization;

/// <summary>
/// German count texts of every resource file under <c>src/Initiativenberatung.Web/Resources</c>: a text whose placeholder
/// stands before a noun, perhaps with an adjective (<c>"{0} Einträge"</c>, <c>"{0} geänderte Angaben"</c>), takes a count, so it needs a singular form (<c>Key.One</c>), and rendered
/// through <see cref="PluralText"/> with 0, 1 and 2 it reads right; the code asks for such texts only through the helper.
/// </summary>
public sealed partial class PluralTextTests
{
    /// <summary>Nouns whose singular and plural are the same word.</summary>
    private static readonly HashSet<string> SameInSingular = new(StringComparer.Ordinal) { "Zeichen", "Treffer" };

    private static string WebFolder => Path.Combine(RepositoryPaths.Root, "src", "Initiativenberatung.Web");

    [Test]
    public void Has_a_singular_form_When_a_text_puts_a_count_before_a_noun()
    {
        var missing = new List<string>();
        var found = 0;
        foreach (var (file, texts) in GermanResources())
        {
            foreach (var (key, value) in texts.Where(t => !IsVariant(t.Key)))
            {
                if (CountOf(value) is not null)
                {
                    found++;
                    if (!texts.ContainsKey(key + PluralText.OneSuffix))
                    {
                        missing.Add($"{file}: {key} = {value}");
                    }
                }
            }
        }

        Assert.That(found, Is.GreaterThan(10), "The scan found suspiciously few count texts.");
        Assert.That(missing, Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Reads_in_the_right_number_When_every_count_text_is_rendered_with(int count)
    {
        var wrong = new List<string>();
        var rendered = 0;
        foreach (var (file, texts) in GermanResources())
        {
            var localizer = new ResxLocalizer(texts);
            foreach (var (key, plural) in texts.Where(t => !IsVariant(t.Key) && texts.ContainsKey(t.Key + PluralText.OneSuffix)))
            {
                var (index, noun) = CountOf(plural) ?? throw new AssertionException($"{file}: {key} has a singular form but no count before a noun: {plural}");
                var arguments = Enumerable.Range(0, Placeholders(plural)).Select(i => i == index ? count.ToString(CultureInfo.InvariantCulture) : "X").ToArray<object>();
                var text = localizer.Plural(key, count, arguments).Value;
                rendered++;
                var problem = count switch
                {
                    _ when text.Contains('{', StringComparison.Ordinal) => "placeholder left",
                    1 when text.Contains($"1 {noun}", StringComparison.Ordinal) => "plural noun after 1",
                    1 when text == string.Format(CultureInfo.InvariantCulture, plural, arguments) => "same as the plural",
                    2 when !text.Contains($"2 {noun}", StringComparison.Ordinal) => "no plural noun after 2",
                    0 when !texts.ContainsKey(key + PluralText.ZeroSuffix) && !text.Contains($"0 {noun}", StringComparison.Ordinal) => "no plural noun after 0",
                    _ => null,
                };
                if (problem is not null)
                {
                    wrong.Add($"{file}: {key} with {count}: {problem}: {text}");
                }
            }
        }

        Assert.That(rendered, Is.GreaterThan(10));
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Asks_for_count_texts_only_through_the_plural_helper_When_the_code_renders_them()
    {
        var countKeys = GermanResources().SelectMany(r => r.Texts.Where(t => !IsVariant(t.Key) && CountOf(t.Value) is not null).Select(t => t.Key)).ToHashSet(StringComparer.Ordinal);
        var direct = new List<string>();
        foreach (var file in Directory.GetFiles(WebFolder, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                         && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match lookup in IndexerLookup().Matches(source))
            {
                var key = lookup.Groups[1].Value;

                // A template handed to the browser's script in both forms (it picks by the count) is fine.
                if (countKeys.Contains(key) && !source.Contains($"[\"{key}{PluralText.OneSuffix}\"]", StringComparison.Ordinal))
                {
                    direct.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {lookup.Value}");
                }
            }
        }

        Assert.That(direct, Is.Empty);
    }

    [TestCase(0, "Keine Einträge")]
    [TestCase(1, "1 Eintrag")]
    [TestCase(2, "2 Einträge")]
    [TestCase(21, "21 Einträge")]
    public void Picks_the_form_for_the_count_When_zero_one_and_plural_forms_exist(int count, string expected)
    {
        var localizer = new ResxLocalizer(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["N"] = "{0} Einträge",
            ["N.One"] = "{0} Eintrag",
            ["N.Zero"] = "Keine Einträge",
        });

        Assert.That(localizer.Plural("N", count, count).Value, Is.EqualTo(expected));
    }

    [Test]
    public void Falls_back_to_the_plural_form_When_a_text_has_no_singular()
    {
        var localizer = new ResxLocalizer(new Dictionary<string, string>(StringComparer.Ordinal) { ["N"] = "{0} Treffer" });

        Assert.That(localizer.Plural("N", 1, 1).Value, Is.EqualTo("1 Treffer"));
    }

    private static bool IsVariant(string key) =>
        key.EndsWith(PluralText.OneSuffix, StringComparison.Ordinal) || key.EndsWith(PluralText.ZeroSuffix, StringComparison.Ordinal);

    /// <summary>The placeholder index and the words after it of a count text ("Einträge", "ausgewählte Einträge"), or null.</summary>
    private static (int Index, string Noun)? CountOf(string text) =>
        CountBeforeNoun().Matches(text).Where(m => !SameInSingular.Contains(m.Groups[3].Value))
            .Select(m => ((int Index, string Noun)?)(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))
            .FirstOrDefault();

    private static int Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();

    /// <summary>The German (neutral) resource files: name and texts.</summary>
    private static List<(string File, Dictionary<string, string> Texts)> GermanResources() =>
        Directory.GetFiles(Path.Combine(WebFolder, "Resources"), "*.resx")
            .Where(f => !Regex.IsMatch(Path.GetFileName(f), @"\.[a-z]{2}(-[A-Z]{2})?\.resx$"))
            .Select(f => (Path.GetFileName(f), XDocument.Load(f).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal)))
            .ToList();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}\s+((?:\p{Ll}+(?:e|en|er)\s+)?(\p{Lu}\p{L}*))")]
    private static partial Regex CountBeforeNoun();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<![\w.])\w+\[\s*""([^""]+)""\s*[,\]]")]
    private static partial Regex IndexerLookup();

    private sealed class ResxLocalizer(IReadOnlyDictionary<string, string> texts) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            texts.TryGetValue(name, out var value) ? new LocalizedString(name, value) : new LocalizedString(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            texts.TryGetValue(name, out var value)
                ? new LocalizedString(name, string.Format(CultureInfo.GetCultureInfo("de-DE"), value, arguments))
                : new LocalizedString(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts.Select(t => new LocalizedString(t.Key, t.Value));
    }
}
