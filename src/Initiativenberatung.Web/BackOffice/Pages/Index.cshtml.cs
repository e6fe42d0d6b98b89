using Initiativenberatung.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Initiativenberatung.Web.BackOffice.Pages;

/// <summary>One shortcut of the dashboard: where it leads, the resource keys of its name and description, and its policy.</summary>
public sealed record DashboardShortcut(string Href, string NameKey, string DescriptionKey, string Policy);

/// <summary>
/// The dashboard at <c>/umbraco</c>: a welcome for the user's role and shortcuts to exactly the sections their role may
/// open (checked with the sections' own policies), so staff see forms and entries, editors content and media, and
/// administrators everything.
/// </summary>
public sealed class IndexModel(IAuthorizationService authorization) : PageModel
{
    public static readonly IReadOnlyList<DashboardShortcut> All =
    [
        new("/umbraco/forms", "Dashboard.Entries", "Dashboard.EntriesText", BackOfficePolicies.Forms),
        new("/umbraco/content", "Dashboard.Content", "Dashboard.ContentText", BackOfficePolicies.Content),
        new("/umbraco/media", "Dashboard.Media", "Dashboard.MediaText", BackOfficePolicies.Media),
        new("/umbraco/forms/builder", "Dashboard.FormBuilder", "Dashboard.FormBuilderText", BackOfficePolicies.FormBuilder),
        new("/umbraco/settings", "Dashboard.Settings", "Dashboard.SettingsText", BackOfficePolicies.Settings),
        new("/umbraco/users", "Dashboard.Users", "Dashboard.UsersText", BackOfficePolicies.Users),
    ];

    public IReadOnlyList<DashboardShortcut> Shortcuts { get; private set; } = [];

    /// <summary>Resource key of the welcome text for the user's role.</summary>
    public string IntroKey { get; private set; } = "Dashboard.Intro";

    public async Task OnGetAsync()
    {
        var visible = new List<DashboardShortcut>();
        foreach (var shortcut in All)
        {
            if ((await authorization.AuthorizeAsync(User, shortcut.Policy)).Succeeded)
            {
                visible.Add(shortcut);
            }
        }

        Shortcuts = visible;
        IntroKey = BackOfficeRoles.All.FirstOrDefault(User.IsInRole) is { } role ? "Dashboard.Intro." + role : "Dashboard.Intro";
    }
}
