using Initiativenberatung.Core.Forms;
using static Initiativenberatung.UnitTests.Core.Forms.TestForms;

namespace Initiativenberatung.UnitTests.Core.Forms;

public sealed class FormValidatorTests
{
    private static IReadOnlyList<string> ErrorsOf(FormValidationResult result, string alias) =>
        result.Errors.TryGetValue(alias, out var errors) ? errors : [];

    [Test]
    public void Accepts_and_returns_values_with_caption_When_every_answer_is_valid()
    {
        var form = Form(Field("name", FormFieldType.ShortAnswer, true), Field("farbe", FormFieldType.MultipleChoice, false, "rot", "grün"));

        var result = FormValidator.Validate(form, Values(("name", ["Anna"]), ("farbe", ["rot", "grün"])));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Values.Select(v => v.Key), Is.EqualTo(new[] { "name", "farbe" }));
            Assert.That(result.Values[1].Value, Is.EqualTo(new FormEntryValue("Frage farbe", ["rot", "grün"])).Using<FormEntryValue>((a, b) =>
                a.Caption == b.Caption && a.Values.SequenceEqual(b.Values)));
        });
    }

    [Test]
    public void Uses_the_form_template_with_the_caption_When_a_mandatory_answer_is_missing()
    {
        var form = Form(Field("name", FormFieldType.ShortAnswer, true));
        form.RequiredErrorMessage = "Bitte beantworten Sie „{0}“.";

        var result = FormValidator.Validate(form, Values(("name", ["   "])));

        Assert.That(ErrorsOf(result, "name"), Is.EqualTo(new[] { "Bitte beantworten Sie „Frage name“." }));
    }

    [Test]
    public void Uses_the_field_message_When_the_field_has_its_own_required_message()
    {
        var field = Field("name", FormFieldType.ShortAnswer, true);
        field.RequiredErrorMessage = "Name fehlt.";

        var result = FormValidator.Validate(Form(field), Values());

        Assert.That(ErrorsOf(result, "name"), Is.EqualTo(new[] { "Name fehlt." }));
    }

    [Test]
    public void Does_not_throw_When_a_template_has_stray_braces()
    {
        var form = Form(Field("name", FormFieldType.ShortAnswer, true));
        form.RequiredErrorMessage = "{x} fehlt: {0}";

        var result = FormValidator.Validate(form, Values());

        Assert.That(ErrorsOf(result, "name"), Is.EqualTo(new[] { "{x} fehlt: Frage name" }));
    }

    [TestCase(FormFieldType.ShortAnswer, 255)]
    [TestCase(FormFieldType.Hidden, 255)]
    [TestCase(FormFieldType.LongAnswer, 4000)]
    public void Rejects_an_answer_one_character_too_long_When_the_field_has_the_default_limit(FormFieldType type, int limit)
    {
        var form = Form(Field("text", type));

        var ok = FormValidator.Validate(form, Values(("text", [new string('a', limit)])));
        var tooLong = FormValidator.Validate(form, Values(("text", [new string('a', limit + 1)])));

        Assert.Multiple(() =>
        {
            Assert.That(ok.IsValid, Is.True);
            Assert.That(ErrorsOf(tooLong, "text").Single(), Does.Contain("höchstens").And.Contain("Frage text"));
            Assert.That(tooLong.Values, Is.Empty);
        });
    }

    [Test]
    public void Uses_the_field_limit_When_the_field_sets_a_maximum_length()
    {
        var field = Field("text", FormFieldType.LongAnswer);
        field.MaxLength = 10;

        var result = FormValidator.Validate(Form(field), Values(("text", ["12345678901"])));

        Assert.That(ErrorsOf(result, "text").Single(), Does.Contain("höchstens 10 Zeichen"));
    }

    [Test]
    public void Rejects_with_the_pattern_message_When_the_answer_does_not_match_the_pattern()
    {
        var field = Field("plz", FormFieldType.ShortAnswer);
        field.Regex = "^[0-9]{5}$";
        field.RegexErrorMessage = "„{0}“ braucht fünf Ziffern.";
        var form = Form(field);

        Assert.Multiple(() =>
        {
            Assert.That(FormValidator.Validate(form, Values(("plz", ["40213"]))).IsValid, Is.True);
            Assert.That(ErrorsOf(FormValidator.Validate(form, Values(("plz", ["4021"]))), "plz"), Is.EqualTo(new[] { "„Frage plz“ braucht fünf Ziffern." }));
        });
    }

    [Test]
    public void Rejects_rather_than_hangs_When_a_catastrophic_pattern_times_out()
    {
        var field = Field("text", FormFieldType.LongAnswer);
        field.Regex = "^(a+)+$";
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = FormValidator.Validate(Form(field), Values(("text", [new string('a', 3000) + "!"])));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void Rejects_When_the_definition_has_a_broken_pattern()
    {
        var field = Field("text", FormFieldType.ShortAnswer);
        field.Regex = "([a-z";

        Assert.That(FormValidator.Validate(Form(field), Values(("text", ["abc"]))).IsValid, Is.False);
    }

    [TestCase(FormFieldType.SingleChoice)]
    [TestCase(FormFieldType.Dropdown)]
    [TestCase(FormFieldType.MultipleChoice)]
    public void Rejects_an_option_that_does_not_exist_When_a_choice_is_posted(FormFieldType type)
    {
        var form = Form(Field("wahl", type, false, "a", "b"));

        var result = FormValidator.Validate(form, Values(("wahl", ["c"])));

        Assert.That(ErrorsOf(result, "wahl").Single(), Is.EqualTo("Bitte geben Sie für „Frage wahl“ einen gültigen Wert an."));
    }

    [Test]
    public void Compares_option_values_exactly_When_the_case_differs()
    {
        var result = FormValidator.Validate(Form(Field("wahl", FormFieldType.SingleChoice, false, "Ja")), Values(("wahl", ["ja"])));

        Assert.That(result.IsValid, Is.False);
    }

    [TestCase(FormFieldType.SingleChoice)]
    [TestCase(FormFieldType.ShortAnswer)]
    [TestCase(FormFieldType.Dropdown)]
    public void Rejects_two_values_When_the_field_takes_one(FormFieldType type)
    {
        var result = FormValidator.Validate(Form(Field("f", type, false, "a", "b")), Values(("f", ["a", "b"])));

        Assert.That(ErrorsOf(result, "f").Single(), Does.Contain("nur eine Antwort"));
    }

    [Test]
    public void Accepts_several_values_When_a_dropdown_allows_multiple_selections()
    {
        var field = Field("f", FormFieldType.Dropdown, false, "a", "b");
        field.Settings[FormFieldTypes.AllowMultipleSelectionsSetting] = "True";

        Assert.That(FormValidator.Validate(Form(field), Values(("f", ["a", "b"]))).IsValid, Is.True);
    }

    [Test]
    public void Rejects_more_values_than_options_and_duplicates_When_a_multiple_choice_is_posted()
    {
        var form = Form(Field("f", FormFieldType.MultipleChoice, false, "a", "b"));

        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(FormValidator.Validate(form, Values(("f", ["a", "b", "a"]))), "f").Single(), Does.Contain("höchstens 2 Antworten"));
            Assert.That(FormValidator.Validate(form, Values(("f", ["a", "a"]))).IsValid, Is.False);
        });
    }

    [Test]
    public void Rejects_an_unknown_alias_When_it_is_posted()
    {
        var result = FormValidator.Validate(Form(Field("name", FormFieldType.ShortAnswer)), Values(("name", ["x"]), ("ip", ["1.2.3.4"])));

        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(result, "ip").Single(), Is.EqualTo("Das Feld „ip“ gibt es in diesem Formular nicht."));
            Assert.That(result.Values.Select(v => v.Key), Does.Not.Contain("ip"));
        });
    }

    [Test]
    public void Rejects_a_value_When_it_is_posted_for_a_title_and_description()
    {
        var result = FormValidator.Validate(Form(Field("titel", FormFieldType.TitleAndDescription)), Values(("titel", ["x"])));

        Assert.That(result.Errors.Keys, Is.EqualTo(new[] { "titel" }));
    }

    [TestCase("2026-02-28", true)]
    [TestCase("2026-02-30", false)]
    [TestCase("28.02.2026", false)]
    [TestCase("2026-2-28", false)]
    public void Accepts_only_ISO_dates_When_a_date_is_posted(string value, bool valid)
    {
        var result = FormValidator.Validate(Form(Field("datum", FormFieldType.Date)), Values(("datum", [value])));

        Assert.That(result.IsValid, Is.EqualTo(valid), string.Join(" ", result.Errors.SelectMany(e => e.Value)));
    }

    [TestCase("42", true, "42")]
    [TestCase("-3.5", true, "-3.5")]
    [TestCase("3,5", true, "3.5")]
    [TestCase("1e5", false, null)]
    [TestCase("zwölf", false, null)]
    [TestCase("1.000,5", false, null)]
    public void Accepts_only_numbers_and_stores_them_with_a_point_When_a_number_is_posted(string value, bool valid, string? stored)
    {
        var result = FormValidator.Validate(Form(Field("zahl", FormFieldType.Number)), Values(("zahl", [value])));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.EqualTo(valid));
            if (valid)
            {
                Assert.That(result.Values.Single().Value.Values, Is.EqualTo(new[] { stored }));
            }
        });
    }

    [Test]
    public void Requires_the_data_consent_When_it_is_not_ticked_even_if_not_marked_mandatory()
    {
        var consent = Field("einwilligung", FormFieldType.DataConsent);
        var form = Form(consent);

        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(FormValidator.Validate(form, Values()), "einwilligung").Single(), Does.Contain("Frage einwilligung"));
            Assert.That(FormValidator.Validate(form, Values(("einwilligung", ["nein"]))).IsValid, Is.False);
            Assert.That(FormValidator.Validate(form, Values(("einwilligung", ["on"]))).Values.Single().Value.Values, Is.EqualTo(new[] { "true" }));
        });
    }

    [Test]
    public void Rejects_a_checkbox_value_other_than_ticked_When_a_checkbox_is_posted()
    {
        var form = Form(Field("box", FormFieldType.Checkbox));

        Assert.Multiple(() =>
        {
            Assert.That(FormValidator.Validate(form, Values(("box", ["true"]))).IsValid, Is.True);
            Assert.That(FormValidator.Validate(form, Values(("box", ["<script>"]))).IsValid, Is.False);
            Assert.That(FormValidator.Validate(form, Values()).IsValid, Is.True);
        });
    }

    [Test]
    public void Checks_only_the_given_page_but_still_rejects_unknown_fields_When_a_page_index_is_given()
    {
        var form = Form([[Field("a", FormFieldType.ShortAnswer, true)], [Field("b", FormFieldType.ShortAnswer, true)]]);

        var first = FormValidator.Validate(form, Values(("a", ["x"]), ("zzz", ["y"])), pageIndex: 0);

        Assert.That(first.Errors.Keys, Is.EqualTo(new[] { "zzz" }));
    }
}
