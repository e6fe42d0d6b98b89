using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.Web.BackOffice.Users;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Signs editors in by e-mail and password. Unknown e-mail, wrong password and disabled users get the same answer
/// and cost the same time (a password hash is always verified), so the login reveals no accounts.
/// </summary>
public sealed class BackOfficeSignInService(
    UserManager<BackOfficeUser> users,
    SignInManager<BackOfficeUser> signIn,
    IPasswordHasher<BackOfficeUser> hasher,
    AuditService audit,
    TimeProvider clock)
{
    private static readonly BackOfficeUser DummyUser = new() { UserName = "dummy@invalid", Email = "dummy@invalid" };
    private static string? _dummyHash;

    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled)
        {
            // Same work as a real check: verify against a fixed hash.
            _dummyHash ??= hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(DummyUser, _dummyHash, password);
            await audit.WriteAsync(Actor.System, AuditActions.LoginFailed, "User", null, email.Length > 100 ? email[..100] : email);
            return SignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            await audit.WriteAsync(new Actor(user.Id, user.Email ?? user.UserName ?? ""), AuditActions.Login, "User", null, user.Email ?? "");
            return SignInOutcome.Success;
        }

        await audit.WriteAsync(new Actor(user.Id, user.Email ?? ""), AuditActions.LoginFailed, "User", null, user.Email ?? "");
        return result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }
}
