using Initiativenberatung.Core.Auditing;
using System.Security.Claims;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>The audit <see cref="Actor"/> for a back-office user.</summary>
public static class BackOfficeActor
{
    /// <summary>Operations from the command line act as the system, named so in the audit trail.</summary>
    public static Actor CommandLine { get; } = new(null, "Kommandozeile");

    public static Actor For(BackOfficeUser user) => BackOfficeUserActors.ActorOf(user);

    /// <summary>The signed-in user of a request (id and e-mail from the cookie's claims).</summary>
    public static Actor For(ClaimsPrincipal principal, IdentityOptions options) =>
        new(principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType) ?? throw new InvalidOperationException("Nicht angemeldet."),
            principal.FindFirstValue(options.ClaimsIdentity.UserNameClaimType) ?? "");
}
