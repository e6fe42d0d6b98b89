using System.Globalization;
using System.Net.Mail;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Users;

public sealed record NewBackOfficeUser(string Email, string DisplayName, string Role, string Password);

public sealed record BackOfficeUserChanges(string DisplayName, string Role, bool IsDisabled);

public sealed record BackOfficeUserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    bool IsDisabled,
    bool IsLockedOut,
    DateTime CreatedAt,
    DateTime? LastLoginAt);

/// <summary>One problem with a request, for the form field <see cref="Field"/> (see <see cref="UserErrorFields"/>).</summary>
public sealed record UserError(string Field, string Message);

public sealed record UserResult(IReadOnlyList<UserError> Errors, BackOfficeUser? User = null)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The acting user may not manage users (the page answers 403).</summary>
    public bool IsForbidden { get; init; }

    /// <summary>The user to change does not exist (the page answers 404).</summary>
    public bool IsNotFound { get; init; }
}

/// <summary>
/// Manages back-office users with the rules of the issue, enforced here on the server whatever the caller:
/// only administrators manage users; nobody changes their own role or disables themselves; the last enabled
/// administrator stays; only the roles of <see cref="BackOfficeRoles"/> exist. Every change writes an audit entry
/// in the same transaction. <see cref="Actor"/> with no user id is the system (first-run setup, CLI).
/// </summary>
public sealed class UserAdministration(
    UserManager<BackOfficeUser> users,
    RoleManager<IdentityRole> roles,
    CmsDbContext db,
    AuditService audit,
    IStringLocalizer<UsersText> text,
    TimeProvider clock)
{
    /// <summary>One change at a time, so two administrators cannot demote each other into "no administrator left".</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<IReadOnlyList<BackOfficeUserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var roleByUser = await RolesByUserAsync(cancellationToken);
        var all = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return all
            .Select(u => Summarize(u, roleByUser.GetValueOrDefault(u.Id, "")))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<BackOfficeUserSummary?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : Summarize(user, await RoleOfAsync(user));
    }

    /// <summary>Every problem of a new user at once (e-mail, name, role, each password rule), without creating anything.</summary>
    public async Task<IReadOnlyList<UserError>> ValidateNewAsync(NewBackOfficeUser request) => (await CheckNewAsync(request)).Errors;

    public async Task<UserResult> CreateAsync(Actor actor, NewBackOfficeUser request, CancellationToken cancellationToken = default)
    {
        var (user, role, errors) = await CheckNewAsync(request);
        if (errors.Count > 0)
        {
            return new UserResult(errors);
        }

        var email = user.Email!;
        var displayName = user.DisplayName;

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (await ForbiddenAsync(actor) is { } forbidden)
            {
                return forbidden;
            }

            if (await users.FindByEmailAsync(email) is not null)
            {
                return Fail(UserErrorFields.Email, text["Users.EmailTaken", email]);
            }

            await EnsureRoleExistsAsync(role!);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, role!);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new UserResult(ToErrors(created));
            }

            audit.Add(db, actor, AuditActions.UserCreate, "User", KeyOf(user), email, text["Audit.Created", role!, displayName]);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new UserResult([], user);
        }
        finally
        {
            Gate.Release();
        }
    }

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

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (await ForbiddenAsync(actor) is { } forbidden)
            {
                return forbidden;
            }

            if (await users.FindByIdAsync(userId) is not { } target)
            {
                return NotFound();
            }

            var currentRole = await RoleOfAsync(target);
            var isSelf = string.Equals(actor.UserId, target.Id, StringComparison.Ordinal);
            var roleChanges = !string.Equals(currentRole, role, StringComparison.Ordinal);
            if (isSelf && roleChanges)
            {
                return Fail(UserErrorFields.Role, text["Users.OwnRole"]);
            }

            if (isSelf && changes.IsDisabled)
            {
                return Fail(UserErrorFields.IsDisabled, text["Users.DisableSelf"]);
            }

            var losesAdministration = currentRole == BackOfficeRoles.Administrator && !target.IsDisabled && (roleChanges || changes.IsDisabled);
            if (losesAdministration && await OtherEnabledAdministratorsAsync(target.Id, cancellationToken) == 0)
            {
                return Fail(roleChanges ? UserErrorFields.Role : UserErrorFields.IsDisabled, text["Users.LastAdministrator"]);
            }

            var details = new List<string>();
            if (!string.Equals(target.DisplayName, displayName, StringComparison.Ordinal))
            {
                details.Add(text["Audit.NameChanged", target.DisplayName, displayName]);
                target.DisplayName = displayName;
            }

            var disabling = changes.IsDisabled && !target.IsDisabled;
            if (target.IsDisabled != changes.IsDisabled)
            {
                details.Add(changes.IsDisabled ? text["Audit.Disabled"] : text["Audit.Enabled"]);
                target.IsDisabled = changes.IsDisabled;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Disabling renews the security stamp: the user's open sessions end at their next request.
            var result = disabling ? await users.UpdateSecurityStampAsync(target) : await users.UpdateAsync(target);
            if (result.Succeeded && roleChanges)
            {
                await EnsureRoleExistsAsync(role!);
                var current = await users.GetRolesAsync(target);
                result = current.Count > 0 ? await users.RemoveFromRolesAsync(target, current) : IdentityResult.Success;
                if (result.Succeeded)
                {
                    result = await users.AddToRoleAsync(target, role!);
                }

                details.Add(text["Audit.RoleChanged", currentRole, role!]);
            }

            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new UserResult(ToErrors(result));
            }

            if (details.Count > 0)
            {
                audit.Add(db, actor, AuditActions.UserUpdate, "User", KeyOf(target), target.Email ?? "", string.Join("; ", details));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new UserResult([], target);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Ends a lockout after too many failed sign-ins.</summary>
    public async Task<UserResult> UnlockAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        if (await ForbiddenAsync(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await users.FindByIdAsync(userId) is not { } target)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.SetLockoutEndDateAsync(target, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(target);
        }

        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new UserResult(ToErrors(result));
        }

        audit.Add(db, actor, AuditActions.UserUpdate, "User", KeyOf(target), target.Email ?? "", text["Audit.Unlocked"]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult([], target);
    }

    /// <summary>
    /// An administrator sets a new password for another user. The security stamp is renewed, so that user's open
    /// sessions end. Their own password is changed under "Mein Konto" (with the current password).
    /// </summary>
    public async Task<UserResult> ResetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken cancellationToken = default)
    {
        if (await ForbiddenAsync(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await users.FindByIdAsync(userId) is not { } target)
        {
            return NotFound();
        }

        if (string.Equals(actor.UserId, target.Id, StringComparison.Ordinal))
        {
            return Fail(UserErrorFields.Password, text["Users.ResetOwnPassword"]);
        }

        var errors = await ValidatePasswordAsync(target, newPassword);
        if (errors.Count > 0)
        {
            return new UserResult(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(target);
        var result = await users.ResetPasswordAsync(target, token, newPassword);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new UserResult(ToErrors(result));
        }

        audit.Add(db, actor, AuditActions.PasswordChange, "User", KeyOf(target), target.Email ?? "", text["Audit.PasswordReset"]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult([], target);
    }

    /// <summary>A signed-in user changes their own password; the security stamp is renewed (other sessions end).</summary>
    public async Task<UserResult> ChangeOwnPasswordAsync(BackOfficeUser user, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            return Fail(UserErrorFields.CurrentPassword, text["Account.CurrentPasswordRequired"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword ?? "");
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new UserResult(ToErrors(result));
        }

        audit.Add(db, BackOfficeActor.For(user), AuditActions.PasswordChange, "User", KeyOf(user), user.Email ?? "", text["Audit.PasswordChangedSelf"]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult([], user);
    }

    /// <summary>A signed-in user changes their own display name.</summary>
    public async Task<UserResult> ChangeOwnNameAsync(BackOfficeUser user, string displayName, CancellationToken cancellationToken = default)
    {
        var name = (displayName ?? "").Trim();
        var errors = new List<UserError>();
        ValidateDisplayName(name, errors);
        if (errors.Count > 0)
        {
            return new UserResult(errors);
        }

        if (string.Equals(user.DisplayName, name, StringComparison.Ordinal))
        {
            return new UserResult([], user);
        }

        var old = user.DisplayName;
        user.DisplayName = name;
        audit.Add(db, BackOfficeActor.For(user), AuditActions.UserUpdate, "User", KeyOf(user), user.Email ?? "", text["Audit.NameChanged", old, name]);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return new UserResult(ToErrors(result));
        }

        return new UserResult([], user);
    }

    /// <summary>Runs every password rule (length, block list, e-mail name) and returns German messages.</summary>
    public async Task<List<UserError>> ValidatePasswordAsync(BackOfficeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new UserError(UserErrorFields.Password, text["Users.PasswordRequired"])];
        }

        var errors = new List<UserError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(ToErrors(result));
        }

        return errors;
    }

    private async Task<(BackOfficeUser User, string? Role, List<UserError> Errors)> CheckNewAsync(NewBackOfficeUser request)
    {
        var email = (request.Email ?? "").Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        var errors = new List<UserError>();
        ValidateEmail(email, errors);
        ValidateDisplayName(displayName, errors);
        var role = ValidateRole(request.Role, errors);
        var user = new BackOfficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        errors.AddRange(await ValidatePasswordAsync(user, request.Password));
        return (user, role, errors);
    }

    private void ValidateEmail(string email, List<UserError> errors)
    {
        if (email.Length == 0)
        {
            errors.Add(new UserError(UserErrorFields.Email, text["Users.EmailRequired"]));
        }
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new UserError(UserErrorFields.Email, text["Users.EmailInvalid", email]));
        }
    }

    private void ValidateDisplayName(string displayName, List<UserError> errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add(new UserError(UserErrorFields.DisplayName, text["Users.NameRequired"]));
        }
        else if (displayName.Length > 255)
        {
            errors.Add(new UserError(UserErrorFields.DisplayName, text["Users.NameTooLong", 255]));
        }
    }

    /// <summary>The canonical role name, or <c>null</c> with an error when the role is not one of <see cref="BackOfficeRoles.All"/>.</summary>
    private string? ValidateRole(string? role, List<UserError> errors)
    {
        var known = BackOfficeRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            errors.Add(new UserError(UserErrorFields.Role, string.IsNullOrWhiteSpace(role)
                ? text["Users.RoleRequired"]
                : text["Users.RoleUnknown", role, string.Join(", ", BackOfficeRoles.All)]));
        }

        return known;
    }

    /// <summary>Only enabled administrators (or the system) manage users.</summary>
    private async Task<UserResult?> ForbiddenAsync(Actor actor)
    {
        if (actor.UserId is null)
        {
            return null;
        }

        var acting = await users.FindByIdAsync(actor.UserId);
        if (acting is { IsDisabled: false } && await users.IsInRoleAsync(acting, BackOfficeRoles.Administrator))
        {
            return null;
        }

        return new UserResult([new UserError(UserErrorFields.None, text["Users.NotAllowed"])]) { IsForbidden = true };
    }

    private async Task<int> OtherEnabledAdministratorsAsync(string exceptUserId, CancellationToken cancellationToken)
    {
        var administrators = await users.GetUsersInRoleAsync(BackOfficeRoles.Administrator);
        return administrators.Count(u => !u.IsDisabled && u.Id != exceptUserId);
    }

    private async Task EnsureRoleExistsAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private async Task<string> RoleOfAsync(BackOfficeUser user) => (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";

    private async Task<Dictionary<string, string>> RolesByUserAsync(CancellationToken cancellationToken)
    {
        var pairs = await db.UserRoles.AsNoTracking()
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

    private static Guid? KeyOf(BackOfficeUser user) => Guid.TryParse(user.Id, CultureInfo.InvariantCulture, out var key) ? key : null;

    private static List<UserError> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => new UserError(UserErrorFields.ForCode(e.Code), e.Description)).ToList();

    private static UserResult Fail(string field, string message) => new([new UserError(field, message)]);

    private UserResult NotFound() => new([new UserError(UserErrorFields.None, text["Users.NotFound"])]) { IsNotFound = true };
}
