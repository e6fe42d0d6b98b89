using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Users;

/// <summary>
/// The writes of signing in and out: the last login time or the renewed security stamp, each with its notification in
/// one unit of work (the audit line commits with the row). A refused sign-in changes nothing and is only published.
/// </summary>
public sealed class UserSessions(CmsUnitOfWorkFactory units, UnitUserManagers managers, TimeProvider clock)
{
    /// <summary>After any successful sign-in (login form or first-run setup): the last login time and the notification.</summary>
    public async Task RecordSignInAsync(BackOfficeUser user, string? details = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var unit = units.Begin();
        if (await unit.Db.Users.FirstOrDefaultAsync(u => u.Id == user.Id, cancellationToken) is { } saved)
        {
            saved.LastLoginAt = now;
            saved.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        user.LastLoginAt = now;
        unit.Notify(new UserSignedInNotification(BackOfficeUserActors.ActorOf(user), user.Email ?? "", details));
        await unit.CompleteAsync(cancellationToken);
    }

    /// <summary>A refused sign-in under <paramref name="name"/> (known user or not); nothing else is stored.</summary>
    public Task RecordFailedSignInAsync(Actor actor, string name, CancellationToken cancellationToken = default) =>
        units.PublishAsync(new UserSignInFailedNotification(actor, name, null), cancellationToken);

    /// <summary>Sign-out: renews the security stamp, so copies of the old cookie stop working too.</summary>
    public async Task RecordSignOutAsync(BackOfficeUser user, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        await unit.BeginTransactionAsync(cancellationToken);
        using var manager = managers.For(unit.Db);
        if (await manager.FindByIdAsync(user.Id) is { } saved)
        {
            var result = await manager.UpdateSecurityStampAsync(saved);
            if (!result.Succeeded)
            {
                return;
            }
        }

        unit.Notify(new UserSignedOutNotification(BackOfficeUserActors.ActorOf(user), user.Email ?? "", null));
        await unit.CompleteAsync(cancellationToken);
    }
}
