using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class CommonPasswordValidatorTests
{
    private static readonly CommonPasswordValidator Validator = new(UsersTestText.Create());

    [Test]
    public void Holds_about_a_thousand_common_passwords_When_the_embedded_list_is_loaded()
    {
        Assert.That(CommonPasswordValidator.BlockList, Has.Count.GreaterThanOrEqualTo(1000));
        Assert.That(CommonPasswordValidator.BlockList, Does.Contain("passwort").And.Contain("initiativenberatung").And.Contain("123456"));
    }

    [TestCase("passwort")]
    [TestCase("hallo1234567")]
    [TestCase("Hallo1234567")]
    [TestCase("QWERTZUIOP12")]
    [TestCase("qwertyuiop123")]
    [TestCase("123456789012")]
    [TestCase("Initiativenberatung")]
    [TestCase("VERBRAUCHERZENTRALE")]
    [TestCase("Mehrwert2026!!!")]
    [TestCase("Passwort2026!")]
    [TestCase("!!Sonnenschein123")]
    [TestCase("monkey123456")]
    public void Rejects_the_password_When_it_is_common_or_a_common_word_with_digits_around_it(string password)
    {
        var result = Validate("redaktion@example.org", password);

        Assert.That(result.Errors.Select(e => e.Code), Does.Contain(CommonPasswordValidator.CommonCode));
        Assert.That(result.Errors.Select(e => e.Description), Has.Some.StartWith("Das Passwort steht auf der Liste häufig benutzter Passwörter"));
    }

    [TestCase("Kooperation-2026-Test!")]
    [TestCase("Lastenrad fährt leise über Kopfsteinpflaster")]
    [TestCase("gurke-TRAMPOLIN-nebel-42")]
    public void Accepts_the_password_When_it_is_not_on_the_list(string password) =>
        Assert.That(Validate("redaktion@example.org", password).Succeeded, Is.True);

    [TestCase("anna.schmidt@example.org", "Anna.Schmidt-2026!")]
    [TestCase("anna.schmidt@example.org", "gartenSCHMIDTgarten")]
    [TestCase("redaktion@example.org", "meine-REDAKTION-ist-toll")]
    public void Rejects_the_password_When_it_contains_the_name_of_the_email_address(string email, string password)
    {
        var result = Validate(email, password);

        Assert.That(result.Errors.Select(e => e.Code), Does.Contain(CommonPasswordValidator.ContainsEmailCode));
        Assert.That(result.Errors.Select(e => e.Description), Does.Contain("Das Passwort darf den Namen aus der E-Mail-Adresse (den Teil vor dem @) nicht enthalten."));
    }

    [Test]
    public void Ignores_very_short_parts_of_the_email_When_looking_for_them_in_the_password() =>
        Assert.That(Validate("a.b@example.org", "ab-sind-zwei-Buchstaben-9").Succeeded, Is.True);

    private static Microsoft.AspNetCore.Identity.IdentityResult Validate(string email, string password) =>
        Validator.ValidateAsync(null!, new BackOfficeUser { Email = email, UserName = email }, password).GetAwaiter().GetResult();
}
