using System.Collections.Concurrent;
using System.Net;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>
/// The users' write path publishes one notification per change after its commit, and the audit subscriber writes the
/// line in the same transaction; a refused change publishes and stores nothing. A recording subscriber listens in.
/// </summary>
[TestFixture]
public sealed class UserNotificationTests
{
    private const string Admin = "benachrichtigung-admin@example.org";

    private readonly Recorder _recorder = new();
    private CmsWebApplicationFactory _site = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private Actor _admin = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _site = new CmsWebApplicationFactory();
        _factory = _site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<INotificationHandler<IAuditedNotification>>(_recorder)));
        var admin = await _factory.AddUserAsync(Admin, BackOfficeRoles.Administrator);
        _admin = BackOfficeUserActors.ActorOf(admin);
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _site.Dispose();
    }

    [Test]
    public async Task Does_raise_one_created_notification_and_audit_line_When_an_administrator_creates_a_user()
    {
        const string email = "neu-benachrichtigt@example.org";

        var result = await WithAdministrationAsync(a => a.CreateAsync(_admin, new NewBackOfficeUser(email, "Neu", BackOfficeRoles.Editor, BackOfficeTestClient.Password)));

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Message)));
        await AssertOneAsync<UserCreatedNotification>(email, AuditActions.UserCreate, "Rolle Editor, Name „Neu“");
    }

    [Test]
    public async Task Does_raise_one_updated_notification_and_audit_line_When_an_administrator_renames_a_user()
    {
        const string email = "umbenannt-benachrichtigt@example.org";
        var user = await _factory.AddUserAsync(email, BackOfficeRoles.Editor);

        var result = await WithAdministrationAsync(a => a.UpdateAsync(_admin, user.Id, new BackOfficeUserChanges("Neuer Name", BackOfficeRoles.Editor, false)));

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Message)));
        await AssertOneAsync<UserUpdatedNotification>(email, AuditActions.UserUpdate, $"Name: „{email}“ → „Neuer Name“");
    }

    [Test]
    public async Task Does_raise_one_password_notification_and_audit_line_When_an_administrator_resets_a_password()
    {
        const string email = "reset-benachrichtigt@example.org";
        var user = await _factory.AddUserAsync(email, BackOfficeRoles.Editor);

        var result = await WithAdministrationAsync(a => a.ResetPasswordAsync(_admin, user.Id, "Sonnenblume-Fahrrad-Leuchtturm-7"));

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Message)));
        await AssertOneAsync<UserPasswordChangedNotification>(email, AuditActions.PasswordChange, "Passwort von der Administration neu gesetzt; alle Sitzungen beendet");
        using var client = _factory.NewClient();
        using var login = await client.PostLoginAsync(email, "Sonnenblume-Fahrrad-Leuchtturm-7");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the new password signs in");
    }

    [Test]
    public async Task Does_raise_one_updated_notification_and_audit_line_When_an_administrator_unlocks_a_user()
    {
        const string email = "entsperrt-benachrichtigt@example.org";
        var user = await _factory.AddUserAsync(email, BackOfficeRoles.Editor);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var result = await WithAdministrationAsync(a => a.UnlockAsync(_admin, user.Id));

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Message)));
        await AssertOneAsync<UserUpdatedNotification>(email, AuditActions.UserUpdate, "Sperre nach Fehlversuchen aufgehoben");
        Assert.That((await _factory.FindUserAsync(email))!.LockoutEnd, Is.Null);
    }

    [Test]
    public async Task Does_raise_one_signed_in_notification_and_audit_line_When_a_user_signs_in()
    {
        const string email = "anmeldung-benachrichtigt@example.org";
        await _factory.AddUserAsync(email, BackOfficeRoles.Editor);
        using var client = _factory.NewClient();

        using var login = await client.PostLoginAsync(email, BackOfficeTestClient.Password);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await AssertOneAsync<UserSignedInNotification>(email, AuditActions.Login, null);
        Assert.That((await _factory.FindUserAsync(email))!.LastLoginAt, Is.Not.Null, "the last login is stored with the audit line");
    }

    [Test]
    public async Task Does_raise_one_failed_sign_in_notification_and_audit_line_When_the_password_is_wrong()
    {
        const string email = "fehlversuch-benachrichtigt@example.org";
        await _factory.AddUserAsync(email, BackOfficeRoles.Editor);
        using var client = _factory.NewClient();

        using var login = await client.PostLoginAsync(email, "falsches-Passwort-123");

        Assert.That(login.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect));
        await AssertOneAsync<UserSignInFailedNotification>(email, AuditActions.LoginFailed, null);
        Assert.That((await _factory.FindUserAsync(email))!.LastLoginAt, Is.Null);
    }

    [Test]
    public async Task Does_raise_one_signed_out_notification_and_audit_line_When_a_user_signs_out()
    {
        const string email = "abmeldung-benachrichtigt@example.org";
        await _factory.AddUserAsync(email, BackOfficeRoles.Editor);
        var (client, _) = await _factory.SignInWithCookieAsync(email);
        var stamp = (await _factory.FindUserAsync(email))!.SecurityStamp;

        using var logout = await client.PostFormAsync("/umbraco", new Dictionary<string, string>(), action: "/umbraco/logout");
        client.Dispose();

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await AssertOneAsync<UserSignedOutNotification>(email, AuditActions.Logout, null);
        Assert.That((await _factory.FindUserAsync(email))!.SecurityStamp, Is.Not.EqualTo(stamp), "the security stamp is renewed with the audit line");
    }

    [Test]
    public async Task Does_raise_and_store_nothing_When_the_last_administrator_would_be_demoted()
    {
        var admin = await _factory.FindUserAsync(Admin);
        var before = await AuditLinesAsync(Admin, null);

        var result = await WithAdministrationAsync(a => a.UpdateAsync(Actor.System, admin!.Id, new BackOfficeUserChanges("Umbenannt", BackOfficeRoles.Editor, false)));

        Assert.Multiple(async () =>
        {
            Assert.That(result.Errors.Select(e => e.Message), Has.Some.StartWith("Das ist das letzte aktive Konto mit der Rolle Administration"));
            Assert.That(_recorder.For(Admin), Is.Empty);
            Assert.That(await AuditLinesAsync(Admin, null), Is.EqualTo(before));
            Assert.That(await _factory.RolesOfAsync(Admin), Is.EqualTo(new[] { BackOfficeRoles.Administrator }));
            Assert.That((await _factory.FindUserAsync(Admin))!.DisplayName, Is.EqualTo(Admin));
        });
    }

    private async Task<UserResult> WithAdministrationAsync(Func<UserAdministration, Task<UserResult>> change)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task AssertOneAsync<T>(string email, string action, string? details)
        where T : UserNotification
    {
        var raised = _recorder.For(email).ToList();
        var lines = await AuditLinesAsync(email, action);
        Assert.Multiple(() =>
        {
            Assert.That(raised.OfType<T>().Count(), Is.EqualTo(1), $"one {typeof(T).Name}");
            Assert.That(lines, Has.Count.EqualTo(1), "one audit line");
            Assert.That(lines.Select(l => l.Details), Is.EqualTo(new[] { details }));
        });
    }

    private async Task<List<AuditEntry>> AuditLinesAsync(string email, string? action)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == UserNotification.Entity && e.EntityName == email && (action == null || e.Action == action))
            .OrderBy(e => e.Id)
            .ToListAsync();
    }

    /// <summary>Records every audited notification the site publishes (after commit).</summary>
    private sealed class Recorder : INotificationHandler<IAuditedNotification>
    {
        private readonly ConcurrentQueue<IAuditedNotification> _seen = new();

        public IEnumerable<UserNotification> For(string email) =>
            _seen.OfType<UserNotification>().Where(n => string.Equals(n.Email, email, StringComparison.OrdinalIgnoreCase));

        public Task HandleAsync(IReadOnlyList<IAuditedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
        {
            foreach (var n in notifications)
            {
                _seen.Enqueue(n);
            }

            return Task.CompletedTask;
        }
    }
}
