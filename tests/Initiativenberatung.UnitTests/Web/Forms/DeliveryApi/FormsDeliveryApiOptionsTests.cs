using Initiativenberatung.Web.Forms.DeliveryApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.Forms.DeliveryApi;

[TestFixture]
public sealed class FormsDeliveryApiOptionsTests
{
    private static IOptions<FormsDeliveryApiOptions> Bind(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFormsDeliveryApi();
        var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<FormsDeliveryApiOptions>>();
    }

    [Test]
    public void Binds_the_section_When_the_settings_are_valid()
    {
        var options = Bind(new()
        {
            ["Forms:DeliveryApi:Enabled"] = "true",
            ["Forms:DeliveryApi:ApiKey"] = "0123456789abcdef-key",
            ["Forms:DeliveryApi:AllowedOrigins:0"] = "https://app.example.org",
            ["Forms:DeliveryApi:AllowedOrigins:1"] = "http://localhost:3000",
        }).Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Enabled, Is.True);
            Assert.That(options.ApiKey, Is.EqualTo("0123456789abcdef-key"));
            Assert.That(options.AllowedOrigins, Is.EqualTo(new[] { "https://app.example.org", "http://localhost:3000" }));
        }
    }

    [Test]
    public void Is_off_without_key_or_origins_When_nothing_is_configured()
    {
        var options = Bind([]).Value;

        Assert.That((options.Enabled, options.ApiKey, options.AllowedOrigins.Length), Is.EqualTo((false, (string?)null, 0)));
    }

    [TestCase("Forms:DeliveryApi:ApiKey", "kurz", "mindestens 16 Zeichen")]
    [TestCase("Forms:DeliveryApi:AllowedOrigins:0", "https://app.example.org/pfad", "AllowedOrigins")]
    [TestCase("Forms:DeliveryApi:AllowedOrigins:0", "*", "AllowedOrigins")]
    [TestCase("Forms:DeliveryApi:AllowedOrigins:0", "ftp://app.example.org", "AllowedOrigins")]
    public void Fails_with_a_German_message_naming_the_key_When_a_setting_is_invalid(string key, string value, string message)
    {
        var options = Bind(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = options.Value);
        Assert.That(ex!.Message, Does.Contain("Forms:DeliveryApi:").And.Contain(message));
    }

    [TestCase("https://app.example.org", true)]
    [TestCase("https://app.example.org/", true)]
    [TestCase("http://localhost:3000", true)]
    [TestCase("https://user@app.example.org", false)]
    [TestCase("https://app.example.org?x=1", false)]
    [TestCase("https://*.example.org", false)]
    [TestCase("app.example.org", false)]
    public void Accepts_only_plain_origins_When_checking_an_origin(string origin, bool expected) =>
        Assert.That(FormsDeliveryApiOptionsValidator.IsOrigin(origin), Is.EqualTo(expected));

    [TestCase("application/json", true)]
    [TestCase("application/json; charset=utf-8", true)]
    [TestCase("application/problem+json", true)]
    [TestCase("application/json; charset=iso-8859-1", false)]
    [TestCase("application/x-www-form-urlencoded", false)]
    [TestCase(null, false)]
    public void Accepts_only_UTF8_JSON_When_checking_the_content_type(string? contentType, bool expected) =>
        Assert.That(FormsDeliveryApiEndpoints.IsJson(contentType), Is.EqualTo(expected));

    [TestCase("0123456789abcdef-key", "0123456789abcdef-key", true)]
    [TestCase("0123456789abcdef-kez", "0123456789abcdef-key", false)]
    [TestCase("", "0123456789abcdef-key", false)]
    [TestCase("anything", null, false)]
    [TestCase("", "", false)]
    public void Matches_only_the_configured_key_When_an_api_key_is_sent(string sent, string? configured, bool expected) =>
        Assert.That(FormsDeliveryApiEndpoints.ApiKeyMatches(sent, configured), Is.EqualTo(expected));
}
