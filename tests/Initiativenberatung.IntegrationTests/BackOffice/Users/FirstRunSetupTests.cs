using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>First start without users: the setup link printed at start creates the administrator exactly once.</summary>
[TestFixture]
public sealed partial class FirstRunSetupTests
{
    private CmsWebApplicationFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private readonly LogCapture _log = new();

    [OneTimeSetUp]
    public void StartSite()
    {
        _root = new CmsWebApplicationFactory();
        _factory = _root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_log)));
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    [Test]
    public async Task Creates_the_administrator_once_and_signs_them_in_When_the_printed_setup_link_is_used()
    {
        using var client = _factory.NewClient();
        var link = SetupLink();
        var path = new Uri(link).PathAndQuery;

        using var wrongToken = await client.GetAsync(new Uri("/umbraco/install?token=" + new string('A', 43), UriKind.Relative));
        using var noToken = await client.GetAsync(new Uri("/umbraco/install", UriKind.Relative));
        var form = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        using var created = await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Email"] = "erste.admin@example.org",
            ["DisplayName"] = "Erste Administration",
            ["Password"] = "Hagebutte-Zaunkoenig-77",
            ["ConfirmPassword"] = "Hagebutte-Zaunkoenig-77",
            ["Token"] = Token(link),
        });
        var dashboard = await client.GetStringAsync(new Uri("/umbraco", UriKind.Relative));

        using var anonymous = _factory.NewClient();
        using var secondUse = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(link, Does.StartWith("http://localhost/umbraco/install?token="));
            Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "wrong token");
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no token");
            Assert.That(form, Does.Contain("Einrichtung: erster Administrator"));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await created.Content.ReadAsStringAsync());
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo("/umbraco"));
            Assert.That(dashboard, Does.Contain("Willkommen").And.Contain("erste.admin@example.org"), "signed in");
            Assert.That(await _factory.RolesOfAsync("erste.admin@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Administrator }));
            Assert.That((await _factory.FindUserAsync("erste.admin@example.org"))?.LastLoginAt, Is.Not.Null, "the setup sign-in counts as the last login");
            Assert.That(await client.GetStringAsync(new Uri("/umbraco/users", UriKind.Relative)), Does.Not.Contain("noch nie"), "users list shows a last login");
            Assert.That(secondUse.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the link works once");
        });

        // Even a post with the old token finds no setup any more.
        using var replay = await anonymous.PostFormAsync("/umbraco/login", new Dictionary<string, string>
        {
            ["Email"] = "zweite.admin@example.org",
            ["DisplayName"] = "Zweite",
            ["Password"] = "Hagebutte-Zaunkoenig-78",
            ["ConfirmPassword"] = "Hagebutte-Zaunkoenig-78",
            ["Token"] = Token(link),
        }, action: path);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await _factory.FindUserAsync("zweite.admin@example.org"), Is.Null);
    }

    private string SetupLink()
    {
        var line = _log.Entries.FirstOrDefault(e => e.Level == LogLevel.Warning && e.Message.Contains("/umbraco/install?token=", StringComparison.Ordinal));
        Assert.That(line.Message, Is.Not.Null, "the setup link is logged at warning level");
        return LinkPattern().Match(line.Message).Value;
    }

    private static string Token(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    [GeneratedRegex(@"http://\S+/umbraco/install\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}

/// <summary>The setup form names every problem at once and creates nothing while any remains.</summary>
[TestFixture]
public sealed class FirstRunSetupFormTests
{
    private CmsWebApplicationFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private readonly LogCapture _log = new();

    [OneTimeSetUp]
    public void StartSite()
    {
        _root = new CmsWebApplicationFactory();
        _factory = _root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_log)));
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    [Test]
    public async Task Shows_every_field_and_password_error_at_once_When_the_setup_form_has_several_problems()
    {
        using var client = _factory.NewClient();
        var link = _log.Entries.Select(e => e.Message).First(m => m.Contains("/umbraco/install?token=", StringComparison.Ordinal));
        var path = link[link.IndexOf("/umbraco/install?token=", StringComparison.Ordinal)..].Split(' ')[0];

        // Too short and too few different characters: two password rules at once, next to the other fields' errors.
        using var posted = await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Email"] = "keine-adresse",
            ["DisplayName"] = " ",
            ["Password"] = "aaaaaaa",
            ["ConfirmPassword"] = "anders",
            ["Token"] = path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..],
        });
        var html = System.Net.WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        var passwordError = Regex.Match(html, "id=\"Password-error\">([^<]*)</p>").Groups[1].Value;
        var summary = html[..Math.Max(0, html.IndexOf("<form", StringComparison.Ordinal))];
        var summaryOrder = new[] { "„keine-adresse“", "Bitte geben Sie den Namen ein.", "mindestens 12 Zeichen", "mindestens 4 verschiedene", "Passwort-Wiederholung" }
            .Select(text => summary.IndexOf(text, StringComparison.Ordinal)).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("Die E-Mail-Adresse „keine-adresse“ ist ungültig"), "e-mail");
            Assert.That(html, Does.Contain("Bitte geben Sie den Namen ein."), "name");
            Assert.That(html, Does.Contain("Die Passwort-Wiederholung stimmt nicht mit dem Passwort überein."), "confirmation");
            Assert.That(passwordError, Does.Contain("mindestens 12 Zeichen lang").And.Contain("mindestens 4 verschiedene Zeichen"), "both password rules next to the field");
            Assert.That(summaryOrder, Has.All.GreaterThanOrEqualTo(0), "the summary lists every error");
            Assert.That(summaryOrder, Is.Ordered, "the summary lists the errors in the order of the form");
            Assert.That(await _factory.FindUserAsync("keine-adresse"), Is.Null, "nothing created");
        });
    }
}

/// <summary>First start with <c>Setup:AdminEmail</c> / <c>Setup:AdminPassword</c>: the administrator exists at once, the password is never logged.</summary>
[TestFixture]
public sealed class ConfiguredAdministratorTests
{
    private const string Password = "Holunder-Brombeere-Specht-5";

    private CmsWebApplicationFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private readonly LogCapture _log = new();

    [OneTimeSetUp]
    public void StartSite()
    {
        _root = new CmsWebApplicationFactory();
        _factory = _root.WithWebHostBuilder(b => b
            .UseSetting("Setup:AdminEmail", "betrieb@example.org")
            .UseSetting("Setup:AdminPassword", Password)
            .ConfigureLogging(l => l.AddProvider(_log)));
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    [Test]
    public async Task Creates_the_administrator_and_logs_without_the_password_When_setup_is_configured()
    {
        using var client = _factory.NewClient();

        using var login = await client.PostLoginAsync("betrieb@example.org", Password);
        using var install = await client.GetAsync(new Uri("/umbraco/install?token=" + new string('A', 43), UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "can sign in");
            Assert.That(await _factory.RolesOfAsync("betrieb@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Administrator }));
            Assert.That(_log.Entries.Select(e => e.Message), Has.Some.Contains("Administrator betrieb@example.org angelegt"));
            Assert.That(_log.Entries.Select(e => e.Message), Has.None.Contains(Password), "password never logged");
            Assert.That(_log.Entries.Select(e => e.Message), Has.None.Contains("/umbraco/install?token="), "no setup link");
            Assert.That(install.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
