using Initiativenberatung.Core.Content;

namespace Initiativenberatung.UnitTests.Core.Content;

public sealed class UrlSegmentsTests
{
    [TestCase("Umfrage", "umfrage")]
    [TestCase("Klimaschutz lokal stärken", "klimaschutz-lokal-staerken")]
    [TestCase("Über uns – Straße & Co.", "ueber-uns-strasse-co")]
    [TestCase("  Café  Öffnung ", "cafe-oeffnung")]
    [TestCase("../../etc/passwd", "etc-passwd")]
    public void Makes_a_url_friendly_segment_When_given_a_german_name(string name, string expected)
    {
        Assert.That(UrlSegments.Create(name), Is.EqualTo(expected));
    }
}
