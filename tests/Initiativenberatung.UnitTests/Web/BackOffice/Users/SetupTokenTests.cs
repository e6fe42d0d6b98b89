using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Moq;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class SetupTokenTests
{
    [Test]
    public void Matches_only_the_issued_token_When_the_setup_is_open()
    {
        var token = new SetupToken();
        var issued = token.Issue();

        Assert.Multiple(() =>
        {
            Assert.That(issued, Has.Length.EqualTo(43), "32 bytes base64url without padding");
            Assert.That(issued, Does.Match("^[A-Za-z0-9_-]+$"));
            Assert.That(token.Matches(issued), Is.True);
            Assert.That(token.Matches(issued[..^1] + (issued[^1] == 'A' ? 'B' : 'A')), Is.False, "one character changed");
            Assert.That(token.Matches(null), Is.False);
            Assert.That(token.Matches(""), Is.False);
            Assert.That(token.Matches("kein base64!"), Is.False);
            Assert.That(token.Matches(new SetupToken().Issue()), Is.False, "another token");
        });
    }

    [Test]
    public void Matches_nothing_When_the_setup_was_closed()
    {
        var token = new SetupToken();
        var issued = token.Issue();

        token.Close();

        Assert.That(token.Matches(issued), Is.False);
        Assert.That(token.IsOpen, Is.False);
    }

    [Test]
    public void Gives_a_new_random_token_When_issued_again()
    {
        var token = new SetupToken();
        var first = token.Issue();

        var second = token.Issue();

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(token.Matches(first), Is.False, "the earlier token is forgotten");
    }

    [TestCase("http://[::]:80", "http://localhost:80")]
    [TestCase("http://0.0.0.0:5125", "http://localhost:5125")]
    [TestCase("http://+:8080/", "http://localhost:8080")]
    [TestCase("https://cms.example.org", "https://cms.example.org")]
    [TestCase(null, "http://localhost")]
    public void Shows_a_reachable_address_in_the_setup_link_When_the_server_listens_on_a_wildcard(string? listening, string expected)
    {
        var features = new FeatureCollection();
        if (listening is not null)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(listening);
            features.Set<IServerAddressesFeature>(addresses);
        }

        var server = new Mock<IServer>();
        server.SetupGet(s => s.Features).Returns(features);

        Assert.That(FirstAdministratorStep.BaseAddress(server.Object), Is.EqualTo(expected));
    }
}
