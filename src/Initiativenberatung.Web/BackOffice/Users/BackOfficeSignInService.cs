using System.Collections.Concurrent;
using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.Web.BackOffice.Users;

public enum SignInOutcome
{
    Success,
    Failed,

    /// <summary>Too many failed sign-ins from this address in the last minute (answer 429).</summary>
    Throttled,

    /// <summary>The account name, known or not, has to wait after repeated failures (answer 429, nothing was checked).</summary>
    Delayed,
}

/// <summary>
/// Signs editors in by e-mail and password. Unknown e-mail, wrong password, disabled and locked users get the same answer
/// and cost the same work (exactly one password hash verification each), so the login reveals no accounts. Repeated
/// failures slow the address and the account name down (<see cref="LoginThrottle"/>) instead of locking the account, so
/// nobody can lock out a known account and a waiting name looks the same whether it exists or not.
/// </summary>
public sealed class BackOfficeSignInService(
    UserManager<BackOfficeUser> users,
    SignInManager<BackOfficeUser> signIn,
    IPasswordHasher<BackOfficeUser> hasher,
    UserSessions sessions,
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

        // Decided on the name alone, before any lookup: known and unknown names wait alike.
        if (throttle.AccountWait(email) is not null)
        {
            return SignInOutcome.Delayed;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // Same work as a real check: verify against a fixed hash.
            VerifyDummy(password);
            throttle.RecordFailure(remoteAddress, email);
            await sessions.RecordFailedSignInAsync(user is null ? Actor.System : BackOfficeActor.For(user), email.Length > 100 ? email[..100] : email);
            return SignInOutcome.Failed;
        }

        // No Identity lockout on failure: anyone who knows an address could lock its owner out (the throttle slows down instead).
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Reset(email);
            await RecordSignInAsync(user);
            return SignInOutcome.Success;
        }

        throttle.RecordFailure(remoteAddress, email);
        await sessions.RecordFailedSignInAsync(BackOfficeActor.For(user), user.Email ?? "");
        return SignInOutcome.Failed;
    }

    /// <summary>After any successful sign-in (login form or first-run setup): the last login time and the audit entry.</summary>
    public Task RecordSignInAsync(BackOfficeUser user, string? details = null, CancellationToken cancellationToken = default) =>
        sessions.RecordSignInAsync(user, details, cancellationToken);

    private void VerifyDummy(string password)
    {
        var hash = DummyHashes.GetOrAdd(hasher.GetType(), _ => hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N")) ?? "");
        hasher.VerifyHashedPassword(DummyUser, hash, password);
    }
}
