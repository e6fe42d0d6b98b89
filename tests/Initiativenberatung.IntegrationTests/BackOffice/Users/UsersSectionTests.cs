using System.Net;
using System.Reflection;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>The users section at /umbraco/users through the real login: who may see it, and the rules for changes.</summary>
[TestFixture]
public sealed class UsersSectionTests
{
    private const string Admin = "admin@example.org";
    private const string Editor = "redaktion@example.org";
    private const string Staff = "auswertung@example.org";

    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync(Admin, BackOfficeRoles.Administrator);
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
        await _factory.CreateUserAsync(Staff, BackOfficeRoles.Staff);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("/umbraco/users")]
    [TestCase("/umbraco/users/create")]
    public async Task Answers_403_When_an_editor_opens_user_management(string path)
    {
        using var client = await _factory.SignedInClientAsync(Editor);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Never_answers_200_When_an_editor_opens_the_settings()
    {
        using var client = await _factory.SignedInClientAsync(Editor);

        using var response = await client.GetAsync(new Uri("/umbraco/settings", UriKind.Relative));

        // The settings section is built on another branch: 403 once it exists, 404 until then, never the page.
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Answers_403_When_staff_opens_user_management()
    {
        using var client = await _factory.SignedInClientAsync(Staff);

        using var response = await client.GetAsync(new Uri("/umbraco/users", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Answers_403_and_creates_nobody_When_an_editor_posts_to_the_create_handler()
    {
        using var client = await _factory.SignedInClientAsync(Editor);

        // A valid antiforgery token from a page the editor may open, so only the permission can stop the post.
        using var response = await client.PostFormAsync("/umbraco", new Dictionary<string, string>
        {
            ["Email"] = "eingeschleust@example.org",
            ["DisplayName"] = "Eingeschleust",
            ["Role"] = BackOfficeRoles.Administrator,
            ["Password"] = "Lange-genug-und-selten-7",
            ["ConfirmPassword"] = "Lange-genug-und-selten-7",
        }, action: "/umbraco/users/create");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _factory.FindUserAsync("eingeschleust@example.org"), Is.Null);
    }

    [Test]
    public async Task Answers_403_and_changes_nothing_When_an_editor_posts_to_the_edit_handlers()
    {
        var editor = await _factory.FindUserAsync(Editor);
        using var client = await _factory.SignedInClientAsync(Editor);

        using var save = await client.PostFormAsync("/umbraco", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ich",
            ["Role"] = BackOfficeRoles.Administrator,
            ["IsDisabled"] = "false",
        }, action: $"/umbraco/users/{editor!.Id}");
        using var reset = await client.PostFormAsync("/umbraco", new Dictionary<string, string>
        {
            ["NewPassword"] = "Lange-genug-und-selten-7",
            ["ConfirmNewPassword"] = "Lange-genug-und-selten-7",
        }, action: $"/umbraco/users/{editor.Id}?handler=ResetPassword");

        Assert.Multiple(async () =>
        {
            Assert.That(save.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await _factory.RolesOfAsync(Editor), Is.EqualTo(new[] { BackOfficeRoles.Editor }));
        });
    }

    [Test]
    public async Task Lists_every_user_with_role_and_state_When_an_administrator_opens_the_section()
    {
        using var client = await _factory.SignedInClientAsync(Admin);

        var html = await client.GetStringAsync(new Uri("/umbraco/users", UriKind.Relative));

        Assert.That(html, Does.Contain(Admin).And.Contain(Editor).And.Contain(Staff)
            .And.Contain("Redaktion").And.Contain("Administration").And.Contain("Letzte Anmeldung"));
    }

    [Test]
    public async Task Creates_a_user_who_can_sign_in_and_writes_the_audit_When_an_administrator_adds_one()
    {
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync("/umbraco/users/create", new Dictionary<string, string>
        {
            ["Email"] = "neu.redaktion@example.org",
            ["DisplayName"] = "Neue Redaktion",
            ["Role"] = BackOfficeRoles.Editor,
            ["Password"] = "Kompost-Trommel-Ahorn-9",
            ["ConfirmPassword"] = "Kompost-Trommel-Ahorn-9",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("saved=created"));
        using var newcomer = await _factory.SignedInClientAsync("neu.redaktion@example.org", "Kompost-Trommel-Ahorn-9");
        Assert.That(await _factory.RolesOfAsync("neu.redaktion@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Editor }));
        Assert.That(await AuditAsync(AuditActions.UserCreate, "neu.redaktion@example.org"), Has.Some.Matches<AuditEntry>(a => a.UserName == Admin));
    }

    [Test]
    public async Task Shows_german_messages_next_to_the_fields_and_stores_nothing_When_the_new_user_is_invalid()
    {
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync("/umbraco/users/create", new Dictionary<string, string>
        {
            ["Email"] = "kein-at-zeichen",
            ["DisplayName"] = "",
            ["Role"] = "Superuser",
            ["Password"] = "passwort",
            ["ConfirmPassword"] = "anders",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("Bitte korrigieren Sie die markierten Felder"));
            Assert.That(html, Does.Contain("Die E-Mail-Adresse „kein-at-zeichen“ ist ungültig"));
            Assert.That(html, Does.Contain("Bitte geben Sie den Namen ein."));
            Assert.That(html, Does.Contain("Die Rolle „Superuser“ gibt es nicht."));
            Assert.That(html, Does.Contain("Das Passwort muss mindestens 12 Zeichen lang sein."));
            Assert.That(html, Does.Contain("Das Passwort steht auf der Liste häufig benutzter Passwörter"));
            Assert.That(html, Does.Contain("Die Passwort-Wiederholung stimmt nicht"));
            Assert.That(html, Does.Contain("value=\"kein-at-zeichen\""), "what was typed stays in the form");
            Assert.That(await _factory.FindUserAsync("kein-at-zeichen"), Is.Null);
        });
    }

    [Test]
    public async Task Creates_nobody_When_only_the_password_confirmation_differs()
    {
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync("/umbraco/users/create", new Dictionary<string, string>
        {
            ["Email"] = "vertippt@example.org",
            ["DisplayName"] = "Vertippt",
            ["Role"] = BackOfficeRoles.Editor,
            ["Password"] = "Hagebutte-Zaunkoenig-71",
            ["ConfirmPassword"] = "Hagebutte-Zaunkoenig-17",
        });

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Die Passwort-Wiederholung stimmt nicht"));
            Assert.That(await _factory.FindUserAsync("vertippt@example.org"), Is.Null, "a mistyped confirmation creates nothing");
        });
    }

    [Test]
    public async Task Keeps_the_role_When_an_administrator_tries_to_change_their_own_role()
    {
        var admin = await _factory.FindUserAsync(Admin);
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync($"/umbraco/users/{admin!.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Admin",
            ["Role"] = BackOfficeRoles.Editor,
            ["IsDisabled"] = "false",
        });

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Ihre eigene Rolle können Sie nicht ändern"));
        Assert.That(await _factory.RolesOfAsync(Admin), Is.EqualTo(new[] { BackOfficeRoles.Administrator }));
    }

    [Test]
    public async Task Keeps_the_account_enabled_When_an_administrator_tries_to_disable_themselves()
    {
        var admin = await _factory.FindUserAsync(Admin);
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync($"/umbraco/users/{admin!.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = Admin,
            ["Role"] = BackOfficeRoles.Administrator,
            ["IsDisabled"] = "true",
        });

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Ihr eigenes Konto können Sie nicht deaktivieren"));
        Assert.That((await _factory.FindUserAsync(Admin))!.IsDisabled, Is.False);
    }

    [Test]
    public async Task Keeps_the_last_enabled_administrator_When_anyone_demotes_or_disables_them()
    {
        var admin = await _factory.FindUserAsync(Admin);
        await using var scope = _factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        // The system actor (no own account) reaches the rule that the self-checks otherwise cover first.
        var demote = await administration.UpdateAsync(Actor.System, admin!.Id, new BackOfficeUserChanges(Admin, BackOfficeRoles.Editor, false));
        var disable = await administration.UpdateAsync(Actor.System, admin.Id, new BackOfficeUserChanges(Admin, BackOfficeRoles.Administrator, true));

        Assert.Multiple(async () =>
        {
            Assert.That(demote.Errors.Select(e => e.Message), Has.Some.StartWith("Das ist das letzte aktive Konto mit der Rolle Administration"));
            Assert.That(disable.Errors.Select(e => e.Message), Has.Some.StartWith("Das ist das letzte aktive Konto mit der Rolle Administration"));
            Assert.That(await _factory.RolesOfAsync(Admin), Is.EqualTo(new[] { BackOfficeRoles.Administrator }));
            Assert.That((await _factory.FindUserAsync(Admin))!.IsDisabled, Is.False);
        });
    }

    [Test]
    public async Task Changes_name_and_role_and_writes_the_audit_When_an_administrator_edits_another_user()
    {
        var user = await _factory.AddUserAsync("rollenwechsel@example.org", BackOfficeRoles.Staff);
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync($"/umbraco/users/{user.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Rollen Wechsel",
            ["Role"] = BackOfficeRoles.Editor,
            ["IsDisabled"] = "false",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        Assert.That(await _factory.RolesOfAsync("rollenwechsel@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Editor }));
        Assert.That((await _factory.FindUserAsync("rollenwechsel@example.org"))!.DisplayName, Is.EqualTo("Rollen Wechsel"));
        Assert.That(await AuditAsync(AuditActions.UserUpdate, "rollenwechsel@example.org"), Has.Some.Matches<AuditEntry>(a => a.Details!.Contains("Rolle: Staff → Editor", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Rejects_the_role_When_it_is_not_a_back_office_role()
    {
        var user = await _factory.AddUserAsync("fremdrolle@example.org", BackOfficeRoles.Staff);
        using var client = await _factory.SignedInClientAsync(Admin);

        using var response = await client.PostFormAsync($"/umbraco/users/{user.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Fremd",
            ["Role"] = "Root",
            ["IsDisabled"] = "false",
        });

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Die Rolle „Root“ gibt es nicht."));
        Assert.That(await _factory.RolesOfAsync("fremdrolle@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Staff }));
    }

    [Test]
    public async Task Ends_the_users_sessions_When_an_administrator_disables_the_account()
    {
        var user = await _factory.AddUserAsync("deaktiviert@example.org", BackOfficeRoles.Editor);
        using var session = await _factory.SignedInClientAsync("deaktiviert@example.org");
        using var admin = await _factory.SignedInClientAsync(Admin);

        using var disable = await admin.PostFormAsync($"/umbraco/users/{user.Id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Deaktiviert",
            ["Role"] = BackOfficeRoles.Editor,
            ["IsDisabled"] = "true",
        });
        using var after = await session.GetAsync(new Uri("/umbraco", UriKind.Relative));
        using var again = _factory.NewClient();
        using var login = await again.PostLoginAsync("deaktiviert@example.org", BackOfficeTestClient.Password);

        Assert.Multiple(async () =>
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(UsersTestSupport.IsRedirectToLogin(after), Is.True, "open session ended");
            Assert.That(await login.Content.ReadAsStringAsync(), Does.Contain("E-Mail-Adresse oder Passwort ist falsch."), "same answer as a wrong password");
        });
    }

    [Test]
    public async Task Ends_the_users_sessions_and_accepts_the_new_password_When_an_administrator_resets_it()
    {
        var user = await _factory.AddUserAsync("vergessen@example.org", BackOfficeRoles.Editor);
        using var session = await _factory.SignedInClientAsync("vergessen@example.org");
        using var admin = await _factory.SignedInClientAsync(Admin);

        using var reset = await admin.PostFormAsync($"/umbraco/users/{user.Id}", new Dictionary<string, string>
        {
            ["NewPassword"] = "Wiesen-Salbei-Regen-31",
            ["ConfirmNewPassword"] = "Wiesen-Salbei-Regen-31",
        }, action: $"/umbraco/users/{user.Id}?handler=ResetPassword");
        using var after = await session.GetAsync(new Uri("/umbraco", UriKind.Relative));

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await reset.Content.ReadAsStringAsync());
        Assert.That(UsersTestSupport.IsRedirectToLogin(after), Is.True, "old session ended");
        using var fresh = await _factory.SignedInClientAsync("vergessen@example.org", "Wiesen-Salbei-Regen-31");
        Assert.That(await AuditAsync(AuditActions.PasswordChange, "vergessen@example.org"), Is.Not.Empty);
    }

    [Test]
    public async Task Lifts_the_lockout_When_an_administrator_unlocks_the_account()
    {
        var user = await _factory.AddUserAsync("ausgesperrt@example.org", BackOfficeRoles.Editor);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Initiativenberatung.Infrastructure.Users.BackOfficeUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        using var admin = await _factory.SignedInClientAsync(Admin);
        var page = await admin.GetStringAsync(new Uri($"/umbraco/users/{user.Id}", UriKind.Relative));
        using var unlock = await admin.PostFormAsync($"/umbraco/users/{user.Id}", new Dictionary<string, string>(), action: $"/umbraco/users/{user.Id}?handler=Unlock");

        Assert.That(page, Does.Contain("Sperre aufheben"));
        Assert.That(unlock.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var signedIn = await _factory.SignedInClientAsync("ausgesperrt@example.org");
    }

    [Test]
    public void Requires_the_users_policy_When_any_page_of_the_users_section_is_declared()
    {
        var pages = typeof(UserFormPageModel).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && t.Namespace == "Initiativenberatung.Web.BackOffice.Pages.Users")
            .ToList();

        Assert.That(pages, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(pages, Has.All.Matches<Type>(t => t.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == BackOfficePolicies.Users)));
        Assert.That(pages, Has.None.Matches<Type>(t => t.GetCustomAttributes<AllowAnonymousAttribute>().Any()));
    }

    [Test]
    public void Requires_the_users_policy_When_any_endpoint_below_umbraco_users_is_routed()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("umbraco/users", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.That(endpoints, Is.Not.Empty);
        Assert.That(endpoints, Has.All.Matches<RouteEndpoint>(e =>
            e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == BackOfficePolicies.Users)
            && e.Metadata.GetMetadata<IAllowAnonymous>() is null));
    }

    private async Task<List<AuditEntry>> AuditAsync(string action, string entityName)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.EntityName == entityName).ToListAsync();
    }
}
