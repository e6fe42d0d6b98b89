using System.Globalization;
using Initiativenberatung.Core.Texts;
using Initiativenberatung.Web.BackOffice;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Texts;

/// <summary>German is the neutral language; an <c>*.en.resx</c> next to a file adds English without code changes.</summary>
[NonParallelizable]
public sealed class TranslationTests
{
    private CultureInfo _uiCulture = null!;
    private CultureInfo _culture = null!;

    [SetUp]
    public void RememberCulture()
    {
        _uiCulture = CultureInfo.CurrentUICulture;
        _culture = CultureInfo.CurrentCulture;
    }

    [TearDown]
    public void RestoreCulture()
    {
        CultureInfo.CurrentUICulture = _uiCulture;
        CultureInfo.CurrentCulture = _culture;
    }

    [Test]
    public void Shows_english_login_texts_When_the_culture_is_en()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var text = Localizer();

        Assert.Multiple(() =>
        {
            Assert.That(text["Login.Title"].Value, Is.EqualTo("Sign in"));
            Assert.That(text["Login.Failed"].Value, Is.EqualTo("Sign-in failed: the e-mail address or the password is wrong."));
            Assert.That(text["Login.Title"].ResourceNotFound, Is.False);
            // Not translated yet: falls back to German instead of showing the key.
            Assert.That(text["Section.Content"].Value, Is.EqualTo("Inhalt"));
        });
    }

    [Test]
    public void Shows_german_login_texts_When_the_culture_is_de()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var text = Localizer();

        Assert.That(text["Login.Title"].Value, Is.EqualTo("Anmeldung"));
        Assert.That(text["Login.Failed"].Value, Is.EqualTo("Anmeldung fehlgeschlagen: E-Mail-Adresse oder Passwort ist falsch."));
    }

    [Test]
    public void Formats_german_domain_messages_When_given_arguments()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

        Assert.Multiple(() =>
        {
            Assert.That(Messages.Get("Validation.Mandatory", "Titel"), Is.EqualTo("„Titel“ ist ein Pflichtfeld."));
            Assert.That(Messages.Get("Content.NotFound"), Is.EqualTo("Das Dokument wurde nicht gefunden."));
            Assert.That(Messages.Get("Schedule.Audit.ReleasePlanned", "01.03.2026, 10:30 Uhr"),
                Is.EqualTo("Veröffentlichung geplant für 01.03.2026, 10:30 Uhr."));
            Assert.That(Messages.Catalog.Contains("Content.NotFound"), Is.True);
            Assert.That(Messages.Get("No.Such.Key"), Is.EqualTo("No.Such.Key"));
        });
    }

    private static StringLocalizer<BackOfficeText> Localizer() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
}
