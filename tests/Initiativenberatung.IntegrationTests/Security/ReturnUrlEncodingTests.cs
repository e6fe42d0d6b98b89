using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.BackOffice.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Header encoding of the login's redirect: a return address with characters outside ASCII (<c>ä</c>, <c>ü</c>) must not
/// break the <c>Location</c> header. Runs on real Kestrel, which refuses non-ASCII header values like a production server.
/// </summary>
[TestFixture]
public sealed class ReturnUrlEncodingTests
{
    private const string Editor = "umlaut-ziel@example.org";

    private CmsWebApplicationFactory _factory = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        _address = new Uri(addresses!.First(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).TrimEnd('/') + "/");
        await _factory.CreateUserAsync(Editor, BackOfficeRoles.Editor);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase("/umbraco/content?x=ä", "/umbraco/content?x=%C3%A4")]
    [TestCase("/umbraco/übersicht", "/umbraco/%C3%BCbersicht")]
    [TestCase("/umbraco/content#Größe", "/umbraco/content#Gr%C3%B6%C3%9Fe")]
    public async Task Signs_in_and_redirects_to_the_percent_encoded_address_When_the_return_url_has_non_ascii_characters(string returnUrl, string expected)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = _address };

        using var response = await client.PostLoginAsync(Editor, BackOfficeTestClient.Password, returnUrl);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(expected));
            Assert.That(UsersTestSupport.SetCookie(response, UsersRegistration.CookieName), Is.Not.Null, "signed in");
        });
    }
}
