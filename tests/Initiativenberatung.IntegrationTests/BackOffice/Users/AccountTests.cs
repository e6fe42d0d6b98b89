using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>"Mein Konto" at /umbraco/account: own name and own password; a new password ends every other session.</summary>
[TestFixture]
public sealed class AccountTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase(BackOfficeRoles.Staff)]
    [TestCase(BackOfficeRoles.Editor)]
    public async Task Shows_the_own_account_When_any_signed_in_user_opens_it(string role)
    {
        var email = $"konto-{role.ToLowerInvariant()}@example.org";
        await _factory.AddUserAsync(email, role);
        using var client = await _factory.SignedInClientAsync(email);

        var html = await client.GetStringAsync(new Uri("/umbraco/account", UriKind.Relative));

        Assert.That(html, Does.Contain("Mein Konto").And.Contain(email).And.Contain("Passwort ändern"));
    }

    [Test]
    public async Task Ends_other_sessions_but_keeps_this_one_When_the_user_changes_the_password()
    {
        await _factory.AddUserAsync("wechsel@example.org", BackOfficeRoles.Editor);
        var (here, cookie) = await _factory.SignInWithCookieAsync("wechsel@example.org");
        using var elsewhere = await _factory.SignedInClientAsync("wechsel@example.org");

        using var change = await here.PostFormAsync("/umbraco/account", new Dictionary<string, string>
        {
            ["CurrentPassword"] = BackOfficeTestClient.Password,
            ["NewPassword"] = "Birkenrinde-Kiesel-Moos-8",
            ["ConfirmNewPassword"] = "Birkenrinde-Kiesel-Moos-8",
        }, action: "/umbraco/account?handler=Password");
        using var stillHere = await here.GetAsync(new Uri("/umbraco/account?saved=password", UriKind.Relative));
        using var other = await elsewhere.GetAsync(new Uri("/umbraco", UriKind.Relative));
        using var replayed = await _factory.GetWithCookieAsync("/umbraco", cookie);
        here.Dispose();

        Assert.Multiple(async () =>
        {
            Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await change.Content.ReadAsStringAsync());
            Assert.That(stillHere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "this session continues");
            Assert.That(await stillHere.Content.ReadAsStringAsync(), Does.Contain("Ihr Passwort wurde geändert."));
            Assert.That(UsersTestSupport.IsRedirectToLogin(other), Is.True, "the other session ended");
            Assert.That(UsersTestSupport.IsRedirectToLogin(replayed), Is.True, "the old cookie is rejected");
        });
        using var withNew = await _factory.SignedInClientAsync("wechsel@example.org", "Birkenrinde-Kiesel-Moos-8");
    }

    [Test]
    public async Task Keeps_the_password_and_shows_german_messages_When_the_current_password_is_wrong_or_the_new_one_weak()
    {
        await _factory.AddUserAsync("vorsicht@example.org", BackOfficeRoles.Editor);
        using var client = await _factory.SignedInClientAsync("vorsicht@example.org");

        using var wrongCurrent = await client.PostFormAsync("/umbraco/account", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "nicht-das-aktuelle-Passwort",
            ["NewPassword"] = "Birkenrinde-Kiesel-Moos-8",
            ["ConfirmNewPassword"] = "Birkenrinde-Kiesel-Moos-8",
        }, action: "/umbraco/account?handler=Password");
        using var weak = await client.PostFormAsync("/umbraco/account", new Dictionary<string, string>
        {
            ["CurrentPassword"] = BackOfficeTestClient.Password,
            ["NewPassword"] = "Verbraucherzentrale2026",
            ["ConfirmNewPassword"] = "Verbraucherzentrale2026",
        }, action: "/umbraco/account?handler=Password");

        Assert.Multiple(async () =>
        {
            Assert.That(await wrongCurrent.Content.ReadAsStringAsync(), Does.Contain("Das aktuelle Passwort ist falsch."));
            Assert.That(await weak.Content.ReadAsStringAsync(), Does.Contain("Das Passwort steht auf der Liste häufig benutzter Passwörter"));
        });
        using var stillOld = await _factory.SignedInClientAsync("vorsicht@example.org");
    }

    [Test]
    public async Task Saves_the_display_name_When_the_user_changes_it()
    {
        await _factory.AddUserAsync("namensaenderung@example.org", BackOfficeRoles.Staff);
        using var client = await _factory.SignedInClientAsync("namensaenderung@example.org");

        using var response = await client.PostFormAsync("/umbraco/account", new Dictionary<string, string> { ["DisplayName"] = "Neuer Name" }, action: "/umbraco/account?handler=Name");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await _factory.FindUserAsync("namensaenderung@example.org"))!.DisplayName, Is.EqualTo("Neuer Name"));
    }
}
