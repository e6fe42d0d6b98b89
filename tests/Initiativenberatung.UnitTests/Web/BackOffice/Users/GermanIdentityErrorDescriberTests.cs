using System.Reflection;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Identity;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class GermanIdentityErrorDescriberTests
{
    private static readonly GermanIdentityErrorDescriber German = new(UsersTestText.Create());
    private static readonly IdentityErrorDescriber English = new();

    private static IEnumerable<MethodInfo> Messages() => typeof(IdentityErrorDescriber)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.ReturnType == typeof(IdentityError));

    [TestCaseSource(nameof(Messages))]
    public void Gives_a_german_message_When_identity_reports_an_error(MethodInfo message)
    {
        var arguments = message.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "wert@example.org").ToArray();

        var german = (IdentityError)message.Invoke(German, arguments)!;
        var english = (IdentityError)message.Invoke(English, arguments)!;

        Assert.Multiple(() =>
        {
            Assert.That(german.Code, Is.EqualTo(english.Code), "codes stay Identity's");
            Assert.That(german.Description, Is.Not.EqualTo(english.Description), "translated");
            Assert.That(german.Description, Does.Not.Contain("{0}").And.Not.StartWith("Identity."), "resource found and filled in");
            Assert.That(german.Description, Does.EndWith("."));
        });
    }

    [Test]
    public void Names_the_field_When_a_password_or_email_rule_fails()
    {
        Assert.Multiple(() =>
        {
            Assert.That(German.PasswordTooShort(12).Description, Is.EqualTo("Das Passwort muss mindestens 12 Zeichen lang sein."));
            Assert.That(German.PasswordRequiresUniqueChars(4).Description, Does.StartWith("Das Passwort"));
            Assert.That(German.PasswordMismatch().Description, Is.EqualTo("Das aktuelle Passwort ist falsch."));
            Assert.That(German.DuplicateEmail("a@example.org").Description, Does.StartWith("Die E-Mail-Adresse „a@example.org“"));
            Assert.That(German.InvalidEmail("x").Description, Does.StartWith("Die E-Mail-Adresse"));
        });
    }

    [TestCase("PasswordTooShort", UserErrorFields.Password)]
    [TestCase("PasswordCommon", UserErrorFields.Password)]
    [TestCase("PasswordMismatch", UserErrorFields.CurrentPassword)]
    [TestCase("DuplicateEmail", UserErrorFields.Email)]
    [TestCase("InvalidRoleName", UserErrorFields.Role)]
    [TestCase("ConcurrencyFailure", UserErrorFields.None)]
    public void Places_the_message_next_to_its_field_When_the_code_is_known(string code, string field) =>
        Assert.That(UserErrorFields.ForCode(code), Is.EqualTo(field));
}
