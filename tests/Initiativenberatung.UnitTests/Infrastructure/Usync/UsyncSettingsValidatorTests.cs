using Initiativenberatung.Web.Usync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncSettingsValidatorTests
{
    [TestCase("None", "None", true)]
    [TestCase("Settings", "Settings", true)]
    [TestCase("content", "Settings,Content", true)]
    [TestCase("All", "All", true)]
    [TestCase("Everything", "None", false)]
    [TestCase("Settings", "Sometimes", false)]
    [TestCase("Settings", "", false)]
    public void Validates_group_names_When_settings_are_checked(string importAtStartup, string exportOnSave, bool valid)
    {
        var result = new UsyncSettingsValidator().Validate(null, new UsyncSettings { ImportAtStartup = importAtStartup, ExportOnSave = exportOnSave });

        Assert.That(result.Succeeded, Is.EqualTo(valid), result.FailureMessage);
    }

    [Test]
    public void Uses_uSync_defaults_When_nothing_is_configured()
    {
        var settings = new UsyncSettings();

        Assert.Multiple(() =>
        {
            Assert.That(settings.RootFolder, Is.EqualTo("uSync/v17"));
            Assert.That(settings.ImportAtStartup, Is.EqualTo("Settings"));
            Assert.That(settings.ImportOnFirstBoot, Is.True);
            Assert.That(new UsyncSettingsValidator().Validate(null, settings).Succeeded, Is.True);
        });
    }

    [Test]
    public void Throws_with_German_message_When_bound_configuration_is_invalid()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["uSync:Settings:ImportAtStartup"] = "Immer", ["uSync:Settings:RootFolder"] = "" })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IValidateOptions<UsyncSettings>, UsyncSettingsValidator>();
        services.AddOptions<UsyncSettings>().BindConfiguration(UsyncSettings.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<UsyncSettings>>().Value);

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("ImportAtStartup muss None, Settings, Content oder All sein"));
            Assert.That(ex.Failures, Has.Some.Contains("RootFolder"));
        });
    }
}
