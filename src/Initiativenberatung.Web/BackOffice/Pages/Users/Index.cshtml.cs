using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Initiativenberatung.Web.BackOffice.Pages.Users;

/// <summary>The users section: every back-office user with role and state.</summary>
[Authorize(Policy = BackOfficePolicies.Users)]
public sealed class IndexModel(UserAdministration administration) : UserFormPageModel
{
    public IReadOnlyList<BackOfficeUserSummary> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await administration.ListAsync(cancellationToken);
        return Page();
    }
}
