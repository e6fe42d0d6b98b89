using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

/// <summary>
/// Same work for every failed sign-in: an unknown e-mail, a disabled user and a wrong password each cost exactly one
/// password hash verification, so the answer time does not tell whether an account exists.
/// </summary>
[TestFixture]
public sealed class BackOfficeSignInServiceTests
{
    private SqliteConnection _connection = null!;
    private ServiceProvider _services = null!;
    private Mock<IPasswordHasher<BackOfficeUser>> _hasher = null!;

    [SetUp]
    public async Task CreateServices()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        await _connection.OpenAsync();
        _hasher = new Mock<IPasswordHasher<BackOfficeUser>>();
        _hasher.Setup(h => h.HashPassword(It.IsAny<BackOfficeUser>(), It.IsAny<string>())).Returns("AQAAAA-fixed-hash");
        _hasher.Setup(h => h.VerifyHashedPassword(It.IsAny<BackOfficeUser>(), It.IsAny<string>(), It.IsAny<string>())).Returns(PasswordVerificationResult.Failed);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<CmsDbContext>(o => o.UseSqlite(_connection));
        services.AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddIdentityCore<BackOfficeUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddSignInManager()
            .AddEntityFrameworkStores<CmsDbContext>();
        services.AddSingleton(_hasher.Object);
        services.AddSingleton<AuditService>();
        services.AddCmsNotifications().AddInTransactionNotificationHandler<IAuditedNotification, AuditTrailWriter>();
        services.AddScoped<UnitUserManagers>();
        services.AddScoped<UserSessions>();
        services.AddOptions<LoginThrottleOptions>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<BackOfficeSignInService>();
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        await db.Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        await CreateAsync(users, "redaktion@example.org", disabled: false);
        await CreateAsync(users, "ehemalig@example.org", disabled: true);
        _hasher.Invocations.Clear();
    }

    [TearDown]
    public async Task DisposeServices()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [TestCase("niemand@example.org", TestName = "Verifies_one_hash_When_the_user_is_unknown")]
    [TestCase("ehemalig@example.org", TestName = "Verifies_one_hash_When_the_user_is_disabled")]
    [TestCase("redaktion@example.org", TestName = "Verifies_one_hash_When_the_password_is_wrong")]
    public async Task Verifies_exactly_one_password_hash_When_the_sign_in_fails(string email)
    {
        await using var scope = _services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<BackOfficeSignInService>();

        var outcome = await signIn.SignInAsync(email, "falsches-Passwort-123");

        Assert.That(outcome, Is.EqualTo(SignInOutcome.Failed));
        _hasher.Verify(h => h.VerifyHashedPassword(It.IsAny<BackOfficeUser>(), It.IsAny<string>(), It.IsAny<string>()), Times.Once());
    }

    [Test]
    public async Task Verifies_one_hash_and_answers_like_a_wrong_password_When_the_user_is_locked_out()
    {
        await using (var setup = _services.CreateAsyncScope())
        {
            var users = setup.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
            var user = (await users.FindByEmailAsync("redaktion@example.org"))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        await using var scope = _services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<BackOfficeSignInService>().SignInAsync("redaktion@example.org", "egal-welches-Passwort");

        Assert.That(outcome, Is.EqualTo(SignInOutcome.Failed), "a locked account must not show that it exists");
        _hasher.Verify(h => h.VerifyHashedPassword(It.IsAny<BackOfficeUser>(), It.IsAny<string>(), It.IsAny<string>()), Times.Once());
    }

    private static async Task CreateAsync(UserManager<BackOfficeUser> users, string email, bool disabled)
    {
        var user = new BackOfficeUser { UserName = email, Email = email, DisplayName = email, IsDisabled = disabled, PasswordHash = "AQAAAA-stored-hash" };
        var result = await users.CreateAsync(user);
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
