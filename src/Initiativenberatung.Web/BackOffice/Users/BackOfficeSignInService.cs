using System.Collections.Concurrent;
using System.Net;
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

    /// <summary>Too many failed sign-ins from this address in the last minute (answer 429).</summary>
    Throttled,
}

/// <summary>
/// Signs editors in by e-mail and password. Unknown e-mail, wrong password and disabled users get the same answer
/// and cost the same work (exactly one password hash verification each), so the login reveals no accounts.
/// </summary>
public sealed class BackOfficeSignInService(
    UserManager<BackOfficeUser> users,
    SignInManager<BackOfficeUser> signIn,
    IPasswordHasher<BackOfficeUser> hasher,
    AuditService audit,
    TimeProvider clock,
    LoginThrottle throttle)
{
    private static readonly BackOfficeUser DummyUser = new() { UserName = "dummy@invalid", Email = "dummy@invalid" };

    /// <summary>
    /// A hash made by the same kind of hasher (same algorithm and iteration count as real ones), once per hasher type:
    /// the hasher is scoped, and hashing per request would make the unknown-user path cost twice the work.
    /// </summary>
    private static readonly ConcurrentDictionary<Type, string> DummyHashes = new();

    public async Task<SignInOutcome> SignInAsync(string email, string password, IPAddress? remoteAddress = null)
    {
        if (throttle.IsBlocked(remoteAddress))
        {
            return SignInOutcome.Throttled;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // Same work as a real check: verify against a fixed hash.
            VerifyDummy(password);
            throttle.RecordFailure(remoteAddress);
            await audit.WriteAsync(user is null ? Actor.System : BackOfficeActor.For(user), AuditActions.LoginFailed, "User", null, email.Length > 100 ? email[..100] : email);
            return user is not null && !user.IsDisabled ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordSignInAsync(user);
            return SignInOutcome.Success;
        }

        throttle.RecordFailure(remoteAddress);
        await audit.WriteAsync(BackOfficeActor.For(user), AuditActions.LoginFailed, "User", null, user.Email ?? "");
        return result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }

    /// <summary>After any successful sign-in (login form or first-run setup): the last login time and the audit entry.</summary>
    public async Task RecordSignInAsync(BackOfficeUser user, string? details = null, CancellationToken cancellationToken = default)
    {
        user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.WriteAsync(BackOfficeActor.For(user), AuditActions.Login, "User", null, user.Email ?? "", details, cancellationToken);
    }

    private void VerifyDummy(string password)
    {
        var hash = DummyHashes.GetOrAdd(hasher.GetType(), _ => hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N")) ?? "");
        hasher.VerifyHashedPassword(DummyUser, hash, password);
    }
}
