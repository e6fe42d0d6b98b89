using Initiativenberatung.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Initiativenberatung.Web.BackOffice;

/// <summary>Authorization policies of the back-office sections; every page and endpoint names one.</summary>
public static class BackOfficePolicies
{
    /// <summary>Any signed-in back-office user (the dashboard, their own account).</summary>
    public const string Access = "BackOffice.Access";

    /// <summary>Content section: administrators and editors.</summary>
    public const string Content = "BackOffice.Content";

    /// <summary>Media section: administrators and editors.</summary>
    public const string Media = "BackOffice.Media";

    /// <summary>Forms, entries and their export: administrators and staff.</summary>
    public const string Forms = "BackOffice.Forms";

    /// <summary>Form builder (edit form definitions): administrators and editors.</summary>
    public const string FormBuilder = "BackOffice.FormBuilder";

    /// <summary>Settings (data types, document types, uSync): administrators.</summary>
    public const string Settings = "BackOffice.Settings";

    /// <summary>User management: administrators.</summary>
    public const string Users = "BackOffice.Users";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Access, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.All));
        options.AddPolicy(Content, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator, BackOfficeRoles.Editor));
        options.AddPolicy(Media, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator, BackOfficeRoles.Editor));
        options.AddPolicy(Forms, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator, BackOfficeRoles.Staff));
        options.AddPolicy(FormBuilder, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator, BackOfficeRoles.Editor));
        options.AddPolicy(Settings, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator));
        options.AddPolicy(Users, p => p.RequireAuthenticatedUser().RequireRole(BackOfficeRoles.Administrator));
    }
}
