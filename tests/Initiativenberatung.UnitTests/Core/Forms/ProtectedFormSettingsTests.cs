using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.UnitTests.Core.Forms;

[TestFixture]
public sealed class ProtectedFormSettingsTests
{
    [Test]
    public void Lists_no_change_When_only_unprotected_settings_differ()
    {
        var stored = new FormDefinition { Name = "Alt" };
        var posted = new FormDefinition { Name = "Neu", SubmitLabel = "Senden" };

        Assert.That(ProtectedFormSettings.Changes(stored, posted), Is.Empty);
    }

    [Test]
    public void Names_old_and_new_value_in_german_When_protected_settings_differ()
    {
        var stored = new FormDefinition { RetentionDays = 1, StoreRecordsLocally = true };
        var posted = new FormDefinition { RetentionDays = 30, StoreRecordsLocally = false, SubmittedAtPrecision = SubmittedAtPrecision.Hour };

        var changes = ProtectedFormSettings.Changes(stored, posted);

        Assert.That(changes.Select(c => c.ToString()), Is.EqualTo(new[]
        {
            "Aufbewahrung der Einträge in Tagen: 1 Tag → 30 Tage",
            "Einträge speichern: Ja → Nein",
            "Genauigkeit des Absendezeitpunkts: Standard der Website → Stunde",
        }));
        Assert.That(ProtectedFormSettings.ConfirmationMessage(changes), Does.StartWith("Bitte bestätigen Sie die Änderung der geschützten Einstellungen: Aufbewahrung"));
    }

    [Test]
    public void Shows_unlimited_When_retention_is_removed()
    {
        var changes = ProtectedFormSettings.Changes(new FormDefinition { RetentionDays = 7 }, new FormDefinition());

        Assert.That(changes.Single().NewValue, Is.EqualTo("unbegrenzt"));
    }

    [Test]
    public void Puts_the_stored_values_back_When_keeping_them()
    {
        var stored = new FormDefinition { RetentionDays = 7, StoreRecordsLocally = false, SubmittedAtPrecision = SubmittedAtPrecision.Day };
        var posted = new FormDefinition { RetentionDays = 1, StoreRecordsLocally = true };

        ProtectedFormSettings.KeepStored(stored, posted);

        Assert.That(ProtectedFormSettings.Changes(stored, posted), Is.Empty);
    }
}
