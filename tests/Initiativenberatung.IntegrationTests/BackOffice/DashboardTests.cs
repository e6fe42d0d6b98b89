using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.BackOffice;

/// <summary>The dashboard at /umbraco speaks to the user's role: its shortcuts lead exactly to the sections the role may open.</summary>
[TestFixture]
public sealed class DashboardTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        await _factory.CreateUserAsync("dashboard.admin@example.org", BackOfficeRoles.Administrator);
        await _factory.CreateUserAsync("dashboard.redaktion@example.org", BackOfficeRoles.Editor);
        await _factory.CreateUserAsync("dashboard.auswertung@example.org", BackOfficeRoles.Staff);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("dashboard.auswertung@example.org", "Einträge der Formulare", new[] { "/umbraco/forms" })]
    [TestCase("dashboard.redaktion@example.org", "Inhalte und Medien", new[] { "/umbraco/content", "/umbraco/media", "/umbraco/forms/builder" })]
    [TestCase("dashboard.admin@example.org", "Einstellungen und Benutzer",
        new[] { "/umbraco/forms", "/umbraco/content", "/umbraco/media", "/umbraco/forms/builder", "/umbraco/settings", "/umbraco/users" })]
    public async Task Offers_only_the_sections_of_the_role_When_a_user_opens_the_dashboard(string email, string intro, string[] shortcuts)
    {
        using var client = await _factory.SignedInClientAsync(email);

        var html = await client.GetStringAsync(new Uri("/umbraco", UriKind.Relative));
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        var links = System.Text.RegularExpressions.Regex.Matches(main, "<a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(main, Does.Contain(intro));
            Assert.That(links, Is.EquivalentTo(shortcuts));
        }
    }
}
