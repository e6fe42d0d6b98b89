using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Users;

/// <summary>
/// The write path of back-office users, with the rules of the issue, enforced here on the server whatever the caller:
/// only administrators manage users; nobody changes their own role or disables themselves; the last enabled
/// administrator stays; only the roles of <see cref="BackOfficeRoles"/> exist. Every change runs in one unit of work and
/// raises its notification (the audit line commits with it); a refused or failed change stores nothing.
/// <see cref="Actor"/> with no user id is the system (first-run setup, CLI).
/// </summary>
public sealed partial class UserAdministration(
    CmsUnitOfWorkFactory units,
    UnitUserManagers managers,
    IDbContextFactory<CmsDbContext> dbFactory,
    UserManager<BackOfficeUser> users,
    TimeProvider clock)
{
    /// <summary>
    /// One change at a time, so two administrators cannot demote each other into "no administrator left". The checks run
    /// inside the unit's transaction, which on SQLite holds the write lock from its start (BEGIN IMMEDIATE), so there the
    /// rule holds across processes too; on PostgreSQL (read committed) only this lock keeps it, and it is per process.
    /// </summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<IReadOnlyList<BackOfficeUserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roleByUser = await RolesByUserAsync(db, null, cancellationToken);
        var all = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return all
            .Select(u => Summarize(u, roleByUser.GetValueOrDefault(u.Id, "")))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<BackOfficeUserSummary?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : Summarize(user, (await RolesByUserAsync(db, id, cancellationToken)).GetValueOrDefault(id, ""));
    }

    /// <summary>Every problem of a new user at once (e-mail, name, role, each password rule), without creating anything.</summary>
    public async Task<IReadOnlyList<UserError>> ValidateNewAsync(NewBackOfficeUser request) => (await CheckNewAsync(users, request)).Errors;

    public Task<UserResult> CreateAsync(Actor actor, NewBackOfficeUser request, CancellationToken cancellationToken = default) =>
        ChangeAsync(async (unit, manager) =>
        {
            var (user, role, errors) = await CheckNewAsync(manager, request);
            if (errors.Count > 0)
            {
                return new UserResult(errors);
            }

            if (await ForbiddenAsync(manager, actor) is { } forbidden)
            {
                return forbidden;
            }

            var email = user.Email!;
            if (await manager.FindByEmailAsync(email) is not null)
            {
                return Fail(UserErrorFields.Email, Messages.Get("Users.EmailTaken", email));
            }

            await EnsureRoleExistsAsync(unit, role!, cancellationToken);
            var created = await manager.CreateAsync(user, request.Password);
            if (created.Succeeded)
            {
                created = await manager.AddToRoleAsync(user, role!);
            }

            if (!created.Succeeded)
            {
                return new UserResult(ToErrors(created));
            }

            unit.Notify(new UserCreatedNotification(actor, KeyOf(user), email, Messages.Get("Users.Audit.Created", role!, user.DisplayName)));
            return new UserResult([], user);
        }, cancellationToken);

    public async Task<UserResult> UpdateAsync(Actor actor, string userId, BackOfficeUserChanges changes, CancellationToken cancellationToken = default)
    {
        var errors = new List<UserError>();
        var displayName = (changes.DisplayName ?? "").Trim();
        ValidateDisplayName(displayName, errors);
        var role = ValidateRole(changes.Role, errors);
        if (errors.Count > 0)
        {
            return new UserResult(errors);
        }

        return await ChangeAsync(async (unit, manager) =>
        {
            if (await ForbiddenAsync(manager, actor) is { } forbidden)
            {
                return forbidden;
            }

            if (await manager.FindByIdAsync(userId) is not { } target)
            {
                return NotFound();
            }

            var currentRole = await RoleOfAsync(manager, target);
            var isSelf = string.Equals(actor.UserId, target.Id, StringComparison.Ordinal);
            var roleChanges = !string.Equals(currentRole, role, StringComparison.Ordinal);
            if (isSelf && roleChanges)
            {
                return Fail(UserErrorFields.Role, Messages.Get("Users.OwnRole"));
            }

            if (isSelf && changes.IsDisabled)
            {
                return Fail(UserErrorFields.IsDisabled, Messages.Get("Users.DisableSelf"));
            }

            var losesAdministration = currentRole == BackOfficeRoles.Administrator && !target.IsDisabled && (roleChanges || changes.IsDisabled);
            if (losesAdministration && await OtherEnabledAdministratorsAsync(manager, target.Id) == 0)
            {
                return Fail(roleChanges ? UserErrorFields.Role : UserErrorFields.IsDisabled, Messages.Get("Users.LastAdministrator"));
            }

            var details = new List<string>();
            if (!string.Equals(target.DisplayName, displayName, StringComparison.Ordinal))
            {
                details.Add(Messages.Get("Users.Audit.NameChanged", target.DisplayName, displayName));
                target.DisplayName = displayName;
            }

            var disabling = changes.IsDisabled && !target.IsDisabled;
            if (target.IsDisabled != changes.IsDisabled)
            {
                details.Add(changes.IsDisabled ? Messages.Get("Users.Audit.Disabled") : Messages.Get("Users.Audit.Enabled"));
                target.IsDisabled = changes.IsDisabled;
            }

            // Disabling renews the security stamp: the user's open sessions end at their next request.
            var result = disabling ? await manager.UpdateSecurityStampAsync(target) : await manager.UpdateAsync(target);
            if (result.Succeeded && roleChanges)
            {
                await EnsureRoleExistsAsync(unit, role!, cancellationToken);
                var current = await manager.GetRolesAsync(target);
                result = current.Count > 0 ? await manager.RemoveFromRolesAsync(target, current) : IdentityResult.Success;
                if (result.Succeeded)
                {
                    result = await manager.AddToRoleAsync(target, role!);
                }

                details.Add(Messages.Get("Users.Audit.RoleChanged", currentRole, role!));
            }

            if (!result.Succeeded)
            {
                return new UserResult(ToErrors(result));
            }

            if (details.Count > 0)
            {
                unit.Notify(new UserUpdatedNotification(actor, KeyOf(target), target.Email ?? "", string.Join("; ", details)));
            }

            return new UserResult([], target);
        }, cancellationToken);
    }

    /// <summary>Ends a lockout after too many failed sign-ins.</summary>
    public Task<UserResult> UnlockAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(async (unit, manager) =>
        {
            if (await ForbiddenAsync(manager, actor) is { } forbidden)
            {
                return forbidden;
            }

            if (await manager.FindByIdAsync(userId) is not { } target)
            {
                return NotFound();
            }

            var result = await manager.SetLockoutEndDateAsync(target, null);
            if (result.Succeeded)
            {
                result = await manager.ResetAccessFailedCountAsync(target);
            }

            if (!result.Succeeded)
            {
                return new UserResult(ToErrors(result));
            }

            unit.Notify(new UserUpdatedNotification(actor, KeyOf(target), target.Email ?? "", Messages.Get("Users.Audit.Unlocked")));
            return new UserResult([], target);
        }, cancellationToken);

    /// <summary>
    /// An administrator sets a new password for another user. The security stamp is renewed, so that user's open
    /// sessions end. Their own password is changed under "Mein Konto" (with the current password).
    /// </summary>
    public Task<UserResult> ResetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken cancellationToken = default) =>
        ChangeAsync(async (unit, manager) =>
        {
            if (await ForbiddenAsync(manager, actor) is { } forbidden)
            {
                return forbidden;
            }

            if (await manager.FindByIdAsync(userId) is not { } target)
            {
                return NotFound();
            }

            if (string.Equals(actor.UserId, target.Id, StringComparison.Ordinal))
            {
                return Fail(UserErrorFields.Password, Messages.Get("Users.ResetOwnPassword"));
            }

            var errors = await ValidatePasswordAsync(manager, target, newPassword);
            if (errors.Count > 0)
            {
                return new UserResult(errors);
            }

            // Remove and add instead of a reset token: same hash, validation and new security stamp, without the
            // data-protection key ring (which keeps its keys in the database, through a connection of its own).
            var result = await manager.RemovePasswordAsync(target);
            if (result.Succeeded)
            {
                result = await manager.AddPasswordAsync(target, newPassword);
            }

            if (!result.Succeeded)
            {
                return new UserResult(ToErrors(result));
            }

            unit.Notify(new UserPasswordChangedNotification(actor, KeyOf(target), target.Email ?? "", Messages.Get("Users.Audit.PasswordReset")));
            return new UserResult([], target);
        }, cancellationToken);

    /// <summary>
    /// A signed-in user changes their own password; the security stamp is renewed (other sessions end). The given
    /// <paramref name="user"/> gets the new stamp, so the caller can sign this session in again.
    /// </summary>
    public Task<UserResult> ChangeOwnPasswordAsync(BackOfficeUser user, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            return Task.FromResult(Fail(UserErrorFields.CurrentPassword, Messages.Get("Users.CurrentPasswordRequired")));
        }

        return ChangeOwnAsync(user, async (unit, manager, saved) =>
        {
            var result = await manager.ChangePasswordAsync(saved, currentPassword, newPassword ?? "");
            if (result.Succeeded)
            {
                unit.Notify(new UserPasswordChangedNotification(BackOfficeUserActors.ActorOf(saved), KeyOf(saved), saved.Email ?? "", Messages.Get("Users.Audit.PasswordChangedSelf")));
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>A signed-in user changes their own display name.</summary>
    public Task<UserResult> ChangeOwnNameAsync(BackOfficeUser user, string displayName, CancellationToken cancellationToken = default)
    {
        var name = (displayName ?? "").Trim();
        var errors = new List<UserError>();
        ValidateDisplayName(name, errors);
        if (errors.Count > 0)
        {
            return Task.FromResult(new UserResult(errors));
        }

        if (string.Equals(user.DisplayName, name, StringComparison.Ordinal))
        {
            return Task.FromResult(new UserResult([], user));
        }

        return ChangeOwnAsync(user, async (unit, manager, saved) =>
        {
            var old = saved.DisplayName;
            saved.DisplayName = name;
            var result = await manager.UpdateAsync(saved);
            if (result.Succeeded)
            {
                unit.Notify(new UserUpdatedNotification(BackOfficeUserActors.ActorOf(saved), KeyOf(saved), saved.Email ?? "", Messages.Get("Users.Audit.NameChanged", old, name)));
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a change in one unit of work with a user manager over the unit's context (see <see cref="UnitUserManagers"/>).
    /// The transaction starts before the first check, so the checks see what the change will be based on; a result with
    /// errors leaves the unit uncompleted: nothing is stored and nothing is published.
    /// </summary>
    private async Task<UserResult> ChangeAsync(Func<CmsUnitOfWork, UserManager<BackOfficeUser>, Task<UserResult>> change, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var unit = units.Begin();
            await unit.BeginTransactionAsync(cancellationToken);
            using var manager = managers.For(unit.Db);
            var result = await change(unit, manager);
            if (result.Succeeded)
            {
                await unit.CompleteAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A change of the signed-in user to their own account; the request's copy of the user is brought up to date.</summary>
    private Task<UserResult> ChangeOwnAsync(
        BackOfficeUser user, Func<CmsUnitOfWork, UserManager<BackOfficeUser>, BackOfficeUser, Task<IdentityResult>> change, CancellationToken cancellationToken) =>
        ChangeAsync(async (unit, manager) =>
        {
            if (await manager.FindByIdAsync(user.Id) is not { } saved)
            {
                return NotFound();
            }

            var result = await change(unit, manager, saved);
            if (!result.Succeeded)
            {
                return new UserResult(ToErrors(result));
            }

            user.DisplayName = saved.DisplayName;
            user.PasswordHash = saved.PasswordHash;
            user.SecurityStamp = saved.SecurityStamp;
            user.ConcurrencyStamp = saved.ConcurrencyStamp;
            return new UserResult([], user);
        }, cancellationToken);

    /// <summary>Only enabled administrators (or the system) manage users.</summary>
    private static async Task<UserResult?> ForbiddenAsync(UserManager<BackOfficeUser> manager, Actor actor)
    {
        if (actor.UserId is null)
        {
            return null;
        }

        var acting = await manager.FindByIdAsync(actor.UserId);
        if (acting is { IsDisabled: false } && await manager.IsInRoleAsync(acting, BackOfficeRoles.Administrator))
        {
            return null;
        }

        return new UserResult([new UserError(UserErrorFields.None, Messages.Get("Users.NotAllowed"))]) { IsForbidden = true };
    }

    private static async Task<int> OtherEnabledAdministratorsAsync(UserManager<BackOfficeUser> manager, string exceptUserId)
    {
        var administrators = await manager.GetUsersInRoleAsync(BackOfficeRoles.Administrator);
        return administrators.Count(u => !u.IsDisabled && u.Id != exceptUserId);
    }

    private async Task EnsureRoleExistsAsync(CmsUnitOfWork unit, string role, CancellationToken cancellationToken)
    {
        var normalized = managers.NormalizeRole(role);
        if (!await unit.Db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
        {
            unit.Db.Roles.Add(new IdentityRole(role) { NormalizedName = normalized });
            await unit.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<string> RoleOfAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user) =>
        (await manager.GetRolesAsync(user)).FirstOrDefault() ?? "";

    private static async Task<Dictionary<string, string>> RolesByUserAsync(CmsDbContext db, string? userId, CancellationToken cancellationToken)
    {
        var pairs = await db.UserRoles.AsNoTracking()
            .Where(ur => userId == null || ur.UserId == userId)
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return pairs
            .GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name ?? "").OrderByDescending(BackOfficeRoles.Rank).First());
    }

    private BackOfficeUserSummary Summarize(BackOfficeUser user, string role) => new(
        user.Id,
        user.Email ?? user.UserName ?? "",
        user.DisplayName,
        role,
        user.IsDisabled,
        user.LockoutEnd is { } end && end > clock.GetUtcNow(),
        user.CreatedAt,
        user.LastLoginAt);
}
