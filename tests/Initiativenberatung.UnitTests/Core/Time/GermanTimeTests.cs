using Initiativenberatung.Core.Time;

namespace Initiativenberatung.UnitTests.Core.Time;

[TestFixture]
public sealed class GermanTimeTests
{
    [Test]
    public void Shows_one_hour_ahead_of_utc_When_the_time_is_in_winter()
    {
        Assert.That(GermanTime.Format(new DateTime(2026, 1, 15, 13, 5, 0, DateTimeKind.Utc)), Is.EqualTo("15.01.2026, 14:05 Uhr"));
    }

    [Test]
    public void Shows_two_hours_ahead_of_utc_When_the_time_is_in_summer()
    {
        Assert.That(GermanTime.Format(new DateTime(2026, 7, 15, 13, 5, 0, DateTimeKind.Utc)), Is.EqualTo("15.07.2026, 15:05 Uhr"));
    }

    [Test]
    public void Treats_the_time_as_utc_When_it_comes_from_the_database_without_a_kind()
    {
        Assert.That(GermanTime.Format(new DateTime(2026, 1, 15, 13, 5, 0, DateTimeKind.Unspecified)), Is.EqualTo("15.01.2026, 14:05 Uhr"));
    }

    [Test]
    public void Shows_the_next_german_day_When_the_utc_time_is_late_on_new_years_eve()
    {
        var utc = new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc);

        Assert.Multiple(() =>
        {
            Assert.That(GermanTime.Format(utc), Is.EqualTo("01.01.2027, 00:30 Uhr"));
            Assert.That(GermanTime.FormatDate(utc), Is.EqualTo("01.01.2027"));
        });
    }

    [Test]
    public void Shows_the_placeholder_When_there_is_no_time()
    {
        Assert.That(GermanTime.Format(null, "–"), Is.EqualTo("–"));
    }

    [TestCase("2026-07-01T12:00")]
    [TestCase("2026-07-01T12:00:00")]
    [TestCase("01.07.2026 12:00")]
    [TestCase(" 1.7.2026 12:00 ")]
    public void Reads_german_summer_time_When_an_input_is_given(string input)
    {
        var read = GermanTime.TryParseInput(input, out var utc);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(utc, Is.EqualTo(new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc)));
            Assert.That(utc.Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public void Gives_back_the_input_value_When_a_time_is_written_to_an_input_and_read_again()
    {
        var utc = new DateTime(2026, 11, 3, 7, 45, 0, DateTimeKind.Utc);

        var value = GermanTime.ToInputValue(utc);
        var read = GermanTime.TryParseInput(value, out var back);

        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo("2026-11-03T08:45"));
            Assert.That(read, Is.True);
            Assert.That(back, Is.EqualTo(utc));
        });
    }

    [Test]
    public void Rejects_the_time_When_it_is_skipped_as_the_clocks_go_forward()
    {
        Assert.That(GermanTime.TryParseInput("2026-03-29T02:30", out _), Is.False);
    }

    [Test]
    public void Reads_the_earlier_summer_time_hour_When_the_hour_repeats_as_the_clocks_go_back()
    {
        var read = GermanTime.TryParseInput("2026-10-25T02:30", out var utc);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(utc, Is.EqualTo(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)));
        });
    }

    [TestCase("")]
    [TestCase("morgen")]
    [TestCase("2026-13-01T10:00")]
    [TestCase("31.02.2026 10:00")]
    public void Rejects_the_input_When_it_is_no_date_and_time(string input)
    {
        Assert.That(GermanTime.TryParseInput(input, out _), Is.False);
    }
}
