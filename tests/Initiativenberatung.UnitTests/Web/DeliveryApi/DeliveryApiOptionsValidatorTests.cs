using Initiativenberatung.Web.DeliveryApi;

namespace Initiativenberatung.UnitTests.Web.DeliveryApi;

[TestFixture]
public sealed class DeliveryApiOptionsValidatorTests
{
    private readonly DeliveryApiOptionsValidator _validator = new();

    [Test]
    public void Accepts_the_defaults_When_nothing_is_configured()
    {
        Assert.That(_validator.Validate(null, new DeliveryApiOptions()).Succeeded, Is.True);
    }

    [Test]
    public void Accepts_a_private_api_When_a_long_key_and_origins_are_set()
    {
        var options = new DeliveryApiOptions
        {
            Enabled = true, PublicAccess = false, ApiKey = "a-long-secret-key-1234", CorsOrigins = ["https://app.example.org", "http://localhost:3000"],
            DisallowedContentTypeAliases = ["surveyPage"],
        };

        Assert.That(_validator.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Names_ApiKey_When_public_access_is_off_without_a_key()
    {
        var result = _validator.Validate(null, new DeliveryApiOptions { Enabled = true, PublicAccess = false });

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("PublicAccess").And.Contain("ApiKey"));
        });
    }

    [TestCase("kurz")]
    [TestCase("a key with spaces inside")]
    public void Names_ApiKey_When_the_key_is_short_or_has_spaces(string key)
    {
        var result = _validator.Validate(null, new DeliveryApiOptions { ApiKey = key });

        Assert.That(result.FailureMessage, Does.Contain("Umbraco:CMS:DeliveryApi:ApiKey"));
    }

    [Test]
    public void Names_the_alias_When_a_type_is_both_allowed_and_disallowed()
    {
        var result = _validator.Validate(null, new DeliveryApiOptions
        {
            AllowedContentTypeAliases = ["contentPage", "surveyPage"], DisallowedContentTypeAliases = ["SurveyPage"],
        });

        Assert.That(result.FailureMessage, Does.Contain("surveyPage"));
    }

    [TestCase("example.org")]
    [TestCase("https://example.org/")]
    [TestCase("https://example.org/app")]
    [TestCase("ftp://example.org")]
    public void Names_CorsOrigins_When_an_origin_is_not_scheme_and_host(string origin)
    {
        var result = _validator.Validate(null, new DeliveryApiOptions { CorsOrigins = [origin] });

        Assert.That(result.FailureMessage, Does.Contain("CorsOrigins").And.Contain(origin));
    }

    [Test]
    public void Compares_keys_exactly_When_a_request_key_is_checked()
    {
        var options = new DeliveryApiOptions { ApiKey = "a-long-secret-key-1234" };

        Assert.Multiple(() =>
        {
            Assert.That(options.IsValidKey("a-long-secret-key-1234"), Is.True);
            Assert.That(options.IsValidKey("a-long-secret-key-123"), Is.False);
            Assert.That(options.IsValidKey(null), Is.False);
            Assert.That(new DeliveryApiOptions().IsValidKey(""), Is.False, "no key configured: nothing is valid");
        });
    }
}
