using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class SetupOptionsTests
{
    [Test]
    public void Accepts_the_options_When_neither_email_nor_password_is_set() =>
        Assert.That(Resolve(null, null).HasAdministrator, Is.False);

    [Test]
    public void Accepts_the_options_When_email_and_password_are_both_set() =>
        Assert.That(Resolve("admin@example.org", "Lange-genug-und-selten-7").HasAdministrator, Is.True);

    [TestCase("admin@example.org", null, "Setup:AdminPassword fehlt")]
    [TestCase(null, "Lange-genug-und-selten-7", "Setup:AdminEmail fehlt")]
    [TestCase("kein-at-zeichen", "Lange-genug-und-selten-7", "Setup:AdminEmail ist keine gültige E-Mail-Adresse")]
    public void Fails_at_start_with_a_german_message_When_the_options_are_incomplete_or_invalid(string? email, string? password, string expected)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(email, password));

        Assert.That(exception!.Message, Does.Contain(expected));
    }

    private static SetupOptions Resolve(string? email, string? password)
    {
        var services = new ServiceCollection();
        services.AddOptions<SetupOptions>()
            .Configure(o =>
            {
                o.AdminEmail = email;
                o.AdminPassword = password;
            })
            .ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<SetupOptions>, SetupOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SetupOptions>>().Value;
    }
}
