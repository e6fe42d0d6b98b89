using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.UnitTests.Web.BackOffice.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.UnitTests.Security;

/// <summary>
/// The password rule refuses length made of repetition: a repeated pattern (<c>abcdabcdabcd</c>) and a doubled word
/// (<c>Passwort-Passwort</c>), each with a German message; passphrases of different words stay accepted.
/// </summary>
[TestFixture]
public sealed class PasswordRuleTests
{
    private const string Email = "redaktion@example.org";
    private static readonly RepetitionPasswordValidator Validator = new(UsersTestText.Create());

    [TestCase("abcdabcdabcd", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("ABCDabcdAbCd", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("abcd-abcd-abcd", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("abcdabcdabcd2026!", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("!!ab12ab12ab12ab", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("xyzxyzxyzxyz", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("Passwort-Passwort", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("Sonne Mond Sonne Mond", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("Gartenbank Gartenbank 7", RepetitionPasswordValidator.RepeatedPatternCode)]
    [TestCase("Kaffee-Kaffee-Fahrrad", RepetitionPasswordValidator.DoubledWordCode)]
    [TestCase("Wolke SONNE sonne Regen", RepetitionPasswordValidator.DoubledWordCode)]
    [TestCase("Rathaus2026Rathaus2027", RepetitionPasswordValidator.DoubledWordCode)]
    public void Refuses_the_password_with_a_german_message_When_it_is_made_of_repetition(string password, string code)
    {
        var result = Validate(password);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Errors.Select(e => e.Code), Is.EqualTo(new[] { code }));
            Assert.That(result.Errors.Single().Description, Does.StartWith("Das Passwort darf").And.Contain("Wählen Sie mehrere verschiedene Wörter."));
        });
    }

    [TestCase("Kooperation-2026-Test!")]
    [TestCase("Rathaus-Gartenbank-2026!")]
    [TestCase("Lastenrad fährt leise über Kopfsteinpflaster")]
    [TestCase("Mississippi-Dampfer-7")]
    [TestCase("la la Land am Rhein 2026")]
    [TestCase("Tee und Teekanne im Regal")]
    [TestCase("1a2b3c4d5e6f")]
    public void Accepts_the_password_When_its_words_differ(string password) =>
        Assert.That(Validate(password).Succeeded, Is.True, string.Join(" ", Validate(password).Errors.Select(e => e.Description)));

    [Test]
    public void Checks_every_new_password_When_the_back_office_identity_is_registered()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });

        builder.AddBackOfficeUsers();

        Assert.That(builder.Services.Where(s => s.ServiceType == typeof(IPasswordValidator<BackOfficeUser>)).Select(s => s.ImplementationType),
            Does.Contain(typeof(RepetitionPasswordValidator)).And.Contain(typeof(CommonPasswordValidator)));
    }

    private static IdentityResult Validate(string password) =>
        Validator.ValidateAsync(null!, new BackOfficeUser { Email = Email, UserName = Email }, password).GetAwaiter().GetResult();
}
