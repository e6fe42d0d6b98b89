using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Infrastructure.Users;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/> over the <see cref="CmsDbContext"/> of a unit of work, with the application's
/// options, hasher, validators and German error texts (all from DI, like the request's own user manager).
/// </summary>
/// <remarks>
/// Why not the request's user manager: it saves through the request's scoped context, a second connection. Its writes would
/// commit on their own (the audit line could be lost, or stored for a change that failed), and on SQLite they would wait
/// for the write lock the unit holds. A store over the unit's context puts the user row, the role rows and the audit line
/// into the unit's single transaction; the manager still does hashing, validation and security stamps exactly as Identity does.
/// Start the unit's transaction before the first write: the store saves at once (<c>AutoSaveChanges</c>).
/// </remarks>
public sealed class UnitUserManagers(
    IServiceProvider services,
    IOptions<IdentityOptions> options,
    IPasswordHasher<BackOfficeUser> hasher,
    IEnumerable<IUserValidator<BackOfficeUser>> userValidators,
    IEnumerable<IPasswordValidator<BackOfficeUser>> passwordValidators,
    ILookupNormalizer normalizer,
    IdentityErrorDescriber errors,
    ILogger<UserManager<BackOfficeUser>> logger)
{
    public UserManager<BackOfficeUser> For(CmsDbContext db) =>
        new(new UserStore<BackOfficeUser, IdentityRole, CmsDbContext>(db, errors), options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger);

    /// <summary>The normalized form Identity stores for a role name.</summary>
    public string? NormalizeRole(string role) => normalizer.NormalizeName(role);
}

public static class BackOfficeUserActors
{
    /// <summary>The audit <see cref="Actor"/> for a back-office user (id and e-mail).</summary>
    public static Actor ActorOf(BackOfficeUser user) => new(user.Id, user.Email ?? user.UserName ?? "");
}
