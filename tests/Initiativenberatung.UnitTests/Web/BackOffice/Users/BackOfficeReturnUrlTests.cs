using Initiativenberatung.Web.BackOffice.Users;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class BackOfficeReturnUrlTests
{
    [TestCase("/umbraco")]
    [TestCase("/umbraco/content/12")]
    [TestCase("/umbraco/users?page=2")]
    [TestCase("/UMBRACO/media")]
    public void Keeps_the_address_When_it_is_a_local_path_below_umbraco(string returnUrl) =>
        Assert.That(BackOfficeReturnUrl.Sanitize(returnUrl), Is.EqualTo(returnUrl));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("//evil.example")]
    [TestCase("//evil.example/umbraco")]
    [TestCase("https://evil.example")]
    [TestCase("https://evil.example/umbraco")]
    [TestCase("/\\evil.example")]
    [TestCase("\\\\evil.example")]
    [TestCase("/umbraco\\..\\..\\evil")]
    [TestCase("/umbraco/../fehler/500")]
    [TestCase("/umbraco/%2e%2e/x")]
    [TestCase("/umbraco%2f..%2fx")]
    [TestCase("/umbraco.evil.example")]
    [TestCase("/umbracox")]
    [TestCase("/")]
    [TestCase("/kontakt")]
    [TestCase("javascript:alert(1)")]
    [TestCase("/umbraco/\r\nSet-Cookie:x=1")]
    [TestCase(" /umbraco")]
    public void Falls_back_to_the_dashboard_When_the_address_is_not_a_plain_local_path_below_umbraco(string? returnUrl) =>
        Assert.That(BackOfficeReturnUrl.Sanitize(returnUrl), Is.EqualTo("/umbraco"));
}
