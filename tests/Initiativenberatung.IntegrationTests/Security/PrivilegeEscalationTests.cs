using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.BackOffice.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Nobody gets more rights than an administrator gave them: no role through the own account, and a demotion takes effect at once.</summary>
[TestFixture]
public sealed class PrivilegeEscalationTests
{
    private const string Admin = "eskalation-admin@example.org";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase(BackOfficeRoles.Editor)]
    [TestCase(BackOfficeRoles.Staff)]
    public async Task Keeps_the_role_When_a_user_posts_role_fields_to_the_own_account(string role)
    {
        var email = $"eskalation-{role.ToLowerInvariant()}@example.org";
        await _factory.CreateUserAsync(email, role);
        using var client = await _factory.SignedInClientAsync(email);
        var fields = new Dictionary<string, string>
        {
            ["DisplayName"] = "Neuer Name",
            ["Role"] = BackOfficeRoles.Administrator,
            ["Roles"] = BackOfficeRoles.Administrator,
            ["IsDisabled"] = "false",
            ["LockoutEnabled"] = "false",
        };

        using var name = await client.PostFormAsync("/umbraco/account", fields, "/umbraco/account?handler=Name");
        using var users = await client.GetAsync(new Uri("/umbraco/users", UriKind.Relative));
        var roles = await _factory.RolesOfAsync(email);

        Assert.Multiple(() =>
        {
            Assert.That((int)name.StatusCode, Is.LessThan(400), "the name change itself is fine");
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(roles, Is.EqualTo(new[] { role }));
        });
    }

    [Test]
    public async Task Answers_403_in_the_running_session_When_an_administrator_demotes_another_administrator()
    {
        var demoted = await _factory.CreateUserAsync("herabgestuft@example.org", BackOfficeRoles.Administrator);
        using var session = await _factory.SignedInClientAsync("herabgestuft@example.org");
        using (var before = await session.GetAsync(new Uri("/umbraco/users", UriKind.Relative)))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an administrator may manage users before");
        }

        using var admin = await _factory.SignedInClientAsync(Admin);
        using var change = await admin.PostFormAsync($"/umbraco/users/{demoted.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Herabgestuft",
            ["Role"] = BackOfficeRoles.Editor,
            ["IsDisabled"] = "false",
        });
        using var after = await session.GetAsync(new Uri("/umbraco/users", UriKind.Relative));
        using var settings = await session.GetAsync(new Uri("/umbraco/settings", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((int)after.StatusCode, Is.EqualTo(403).Or.EqualTo(302), "the old role is not kept in the cookie");
            Assert.That((int)settings.StatusCode, Is.EqualTo(403).Or.EqualTo(302));
        });
    }
}
