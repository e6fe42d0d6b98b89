using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Extensions;

/// <summary>One entry of an <c>App_Plugins/&lt;Name&gt;/umbraco-package.json</c> manifest.</summary>
public sealed record BackOfficeExtension(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("alias")] string Alias,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("element")] string? Element,
    [property: JsonPropertyName("elementName")] string? ElementName,
    [property: JsonPropertyName("js")] string? Js,
    [property: JsonPropertyName("css")] string? Css);

/// <summary>A package manifest: a name and its extensions (Umbraco's <c>umbraco-package.json</c> shape).</summary>
public sealed record BackOfficePackage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("extensions")] IReadOnlyList<BackOfficeExtension> Extensions);

/// <summary>
/// The back-office extensions of all packages in <c>App_Plugins/</c>, read once at start. First-party editors use
/// the same mechanism as third-party ones: a property editor UI alias maps to a custom element and its ES module.
/// </summary>
public sealed class BackOfficeExtensionRegistry
{
    private static readonly JsonSerializerOptions JsonOptions = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Dictionary<string, BackOfficeExtension> _editorsByUiAlias;

    public BackOfficeExtensionRegistry(IReadOnlyList<BackOfficePackage> packages, IReadOnlyList<string> problems)
    {
        Packages = packages;
        Problems = problems;
        _editorsByUiAlias = packages.SelectMany(p => p.Extensions)
            .Where(e => e.Type == "propertyEditorUi" && e.ElementName is not null)
            .GroupBy(e => e.Alias, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        Scripts = packages.SelectMany(p => p.Extensions)
            .SelectMany(e => new[] { e.Element, e.Js })
            .Where(s => s is not null && s.StartsWith("/App_Plugins/", StringComparison.Ordinal))
            .Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        Stylesheets = packages.SelectMany(p => p.Extensions)
            .Select(e => e.Css).Where(s => s is not null && s.StartsWith("/App_Plugins/", StringComparison.Ordinal))
            .Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<BackOfficePackage> Packages { get; }

    /// <summary>Manifests that could not be read (shown on the dashboard for administrators, logged at start).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>ES modules the back-office layout loads.</summary>
    public IReadOnlyList<string> Scripts { get; }

    public IReadOnlyList<string> Stylesheets { get; }

    /// <summary>The custom element that edits values of a data type with this UI alias, if a package provides one.</summary>
    public BackOfficeExtension? EditorFor(string? uiAlias) =>
        uiAlias is not null && _editorsByUiAlias.TryGetValue(uiAlias, out var extension) ? extension : null;

    /// <summary>Reads every manifest; <paramref name="text"/> words the problems shown on the dashboard.</summary>
    public static BackOfficeExtensionRegistry Load(string appPluginsFolder, IStringLocalizer<BackOfficeText> text)
    {
        var packages = new List<BackOfficePackage>();
        var problems = new List<string>();
        if (Directory.Exists(appPluginsFolder))
        {
            foreach (var manifest in Directory.GetFiles(appPluginsFolder, "umbraco-package.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                try
                {
                    var package = JsonSerializer.Deserialize<BackOfficePackage>(File.ReadAllText(manifest), JsonOptions);
                    if (package?.Extensions is null || string.IsNullOrWhiteSpace(package.Name))
                    {
                        problems.Add(text["Extensions.NameMissing", Path.GetRelativePath(appPluginsFolder, manifest)]);
                        continue;
                    }

                    packages.Add(package);
                }
                catch (JsonException ex)
                {
                    problems.Add(text["Extensions.InvalidJson", Path.GetRelativePath(appPluginsFolder, manifest), ex.Message]);
                }
            }
        }

        return new BackOfficeExtensionRegistry(packages, problems);
    }
}
