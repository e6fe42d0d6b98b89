using System.ComponentModel.DataAnnotations;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>Section <c>uSync:Settings</c> (uSync's own names).</summary>
public sealed class UsyncSettings
{
    public const string SectionName = "uSync:Settings";

    /// <summary>The uSync folder; relative paths are taken from the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RootFolder { get; set; } = "uSync/v17";

    /// <summary><c>None</c>, <c>Settings</c> (data, content and media types), <c>Content</c> (media and content) or <c>All</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ImportAtStartup { get; set; } = "Settings";

    /// <summary>Import everything when the database is empty.</summary>
    public bool ImportOnFirstBoot { get; set; } = true;

    /// <summary>Groups written when an item is saved (<c>None</c>, or a comma-separated list of Settings/Content/All).</summary>
    public string ExportOnSave { get; set; } = "None";

    /// <summary>Maps a group name to the parts it covers; <c>null</c> when the name is unknown.</summary>
    public static UsyncParts? ParseGroup(string? group) => group?.Trim().ToUpperInvariant() switch
    {
        "NONE" => UsyncParts.None,
        "SETTINGS" => UsyncParts.Settings,
        "CONTENT" => UsyncParts.ContentAndMedia,
        "ALL" => UsyncParts.All,
        _ => null,
    };

    /// <summary>The union of the <see cref="ExportOnSave"/> groups (unknown names count as none).</summary>
    public UsyncParts ExportOnSaveParts() =>
        (ExportOnSave ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Aggregate(UsyncParts.None, (parts, group) => parts | (ParseGroup(group) ?? UsyncParts.None));

    public string ResolveRootFolder(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, RootFolder));
}

/// <summary>Checks the enum-like strings of <see cref="UsyncSettings"/> at start, with German messages.</summary>
public sealed class UsyncSettingsValidator : IValidateOptions<UsyncSettings>
{
    public ValidateOptionsResult Validate(string? name, UsyncSettings options)
    {
        var failures = new List<string>();
        if (UsyncSettings.ParseGroup(options.ImportAtStartup) is null)
        {
            failures.Add($"uSync:Settings:ImportAtStartup muss None, Settings, Content oder All sein (ist „{options.ImportAtStartup}“).");
        }

        var groups = (options.ExportOnSave ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length == 0 || groups.Any(g => UsyncSettings.ParseGroup(g) is null))
        {
            failures.Add($"uSync:Settings:ExportOnSave muss None, Settings, Content, All oder eine Liste davon sein (ist „{options.ExportOnSave}“).");
        }

        if (options.RootFolder is { } root && root.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"uSync:Settings:RootFolder enthält unzulässige Zeichen („{root}“).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
