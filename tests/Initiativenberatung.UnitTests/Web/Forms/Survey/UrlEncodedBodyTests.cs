using System.Text;
using Initiativenberatung.Web.Forms.Survey;

namespace Initiativenberatung.UnitTests.Web.Forms.Survey;

public sealed class UrlEncodedBodyTests
{
    [TestCase("")]
    [TestCase("a=1&b=2")]
    [TestCase("fachbereich=Umwelt+%26+Klima&x=")]
    [TestCase("text=%C3%BCber%20100%25&e=%E2%82%AC")]
    [TestCase("a&b=&=c&&")]
    public void Accepts_the_body_When_it_is_encoded_as_a_browser_sends_it(string body) =>
        Assert.That(UrlEncodedBody.IsWellFormed(Encoding.ASCII.GetBytes(body)), Is.True);

    [TestCase("a=%")]
    [TestCase("a=%2")]
    [TestCase("a=%zz")]
    [TestCase("%G1=1")]
    [TestCase("a=%C3%28")]
    [TestCase("a=%FF%FE")]
    [TestCase("a=%E2%82")]
    [TestCase("a=%ED%A0%80")]
    public void Rejects_the_body_When_an_escape_is_broken_or_decodes_to_invalid_UTF8(string body) =>
        Assert.That(UrlEncodedBody.IsWellFormed(Encoding.ASCII.GetBytes(body)), Is.False);

    [Test]
    public void Rejects_the_body_When_it_holds_raw_bytes_that_are_not_UTF8() =>
        Assert.That(UrlEncodedBody.IsWellFormed([(byte)'a', (byte)'=', 0xC3, 0x28]), Is.False);

    [Test]
    public void Accepts_the_body_When_it_holds_raw_UTF8() =>
        Assert.That(UrlEncodedBody.IsWellFormed(Encoding.UTF8.GetBytes("a=über €")), Is.True);
}
