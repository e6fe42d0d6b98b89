using Initiativenberatung.Web.Website;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.Website;

public sealed class WebsiteOutputCacheOptionsTests
{
    [TestCase(null, true)]
    [TestCase("true", true)]
    [TestCase("false", false)]
    [TestCase("False", false)]
    public void Binds_Enabled_When_configured(string? value, bool expected)
    {
        using var provider = Provider(value);

        Assert.That(provider.GetRequiredService<IOptions<WebsiteOutputCacheOptions>>().Value.Enabled, Is.EqualTo(expected));
    }

    [Test]
    public void Throws_naming_the_key_When_Enabled_is_not_a_boolean()
    {
        using var provider = Provider("vielleicht");

        var ex = Assert.Throws<InvalidOperationException>(() => _ = provider.GetRequiredService<IOptions<WebsiteOutputCacheOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Website:OutputCache:Enabled"));
    }

    private static ServiceProvider Provider(string? enabled)
    {
        var values = new Dictionary<string, string?>();
        if (enabled is not null)
        {
            values["Website:OutputCache:Enabled"] = enabled;
        }

        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddOptions<WebsiteOutputCacheOptions>().BindConfiguration(WebsiteOutputCacheOptions.SectionName);
        return services.BuildServiceProvider();
    }
}
