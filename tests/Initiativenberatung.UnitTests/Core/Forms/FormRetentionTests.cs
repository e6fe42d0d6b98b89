using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.UnitTests.Core.Forms;

[TestFixture]
public sealed class FormRetentionTests
{
    private static readonly DateTime Changed = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static FormDefinition Form(int? days, int? previous = null, DateTime? changed = null) =>
        new() { RetentionDays = days, PreviousRetentionDays = previous, RetentionChangedOn = changed };

    [TestCase(1, 365, 0, 365, TestName = "Shortened: the old, longer retention applies right after the change")]
    [TestCase(1, 365, 6.9, 365, TestName = "Shortened: the old retention still applies after 6.9 days")]
    [TestCase(1, 365, 7, 1, TestName = "Shortened: the new retention applies after 7 days")]
    [TestCase(365, 30, 1, 365, TestName = "Lengthened: the new, longer retention applies at once")]
    [TestCase(30, null, 3, null, TestName = "From unlimited: nothing is deleted during the grace period")]
    [TestCase(30, null, 8, 30, TestName = "From unlimited: the new retention applies after 7 days")]
    [TestCase(null, 30, 1, null, TestName = "To unlimited: nothing is deleted at once")]
    public void Applies_the_longer_retention_for_seven_days_When_the_retention_was_changed(int? current, int? previous, double daysSinceChange, int? expected)
    {
        var form = Form(current, previous, Changed);

        Assert.That(FormRetention.EffectiveDays(form, Changed.AddDays(daysSinceChange)), Is.EqualTo(expected));
    }

    [Test]
    public void Applies_the_retention_as_set_When_it_was_never_changed()
    {
        Assert.That(FormRetention.EffectiveDays(Form(3), Changed), Is.EqualTo(3));
    }

    [Test]
    public void Records_the_retention_in_force_and_the_time_When_the_retention_changes()
    {
        var stored = Form(365, previous: 730, changed: Changed);
        var next = Form(1);
        var now = Changed.AddDays(2);

        FormRetention.CarryOver(stored, next, now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next.PreviousRetentionDays, Is.EqualTo(730), "the retention in force at the change (still the grace period of the last one)");
            Assert.That(next.RetentionChangedOn, Is.EqualTo(now));
            Assert.That(FormRetention.PendingUntil(next, now), Is.EqualTo(now + FormRetention.Grace));
        }
    }

    [Test]
    public void Keeps_the_record_of_the_last_change_When_the_retention_stays_the_same()
    {
        var stored = Form(30, previous: 365, changed: Changed);
        var next = Form(30);

        FormRetention.CarryOver(stored, next, Changed.AddDays(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next.PreviousRetentionDays, Is.EqualTo(365));
            Assert.That(next.RetentionChangedOn, Is.EqualTo(Changed));
        }
    }

    [Test]
    public void Round_trips_the_change_record_but_leaves_it_out_of_the_settings_diff_When_written_as_json()
    {
        var form = TestForms.Form(TestForms.Field("name", FormFieldType.ShortAnswer));
        form.RetentionDays = 1;
        form.PreviousRetentionDays = 365;
        form.RetentionChangedOn = Changed;

        var read = FormDefinitionJson.Read(FormDefinitionJson.Write(form), form.Alias);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.PreviousRetentionDays, Is.EqualTo(365));
            Assert.That(read.RetentionChangedOn, Is.EqualTo(Changed));
            Assert.That(read.RetentionChangedOn?.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(FormDefinitionJson.WriteSettings(form), Does.Not.Contain("retentionChangedOn").And.Not.Contain("previousRetentionDays"));
        }
    }
}
