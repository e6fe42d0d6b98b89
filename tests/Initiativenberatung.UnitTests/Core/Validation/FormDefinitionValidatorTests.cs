using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Validation;

namespace Initiativenberatung.UnitTests.Core.Validation;

[TestFixture]
public sealed class FormDefinitionValidatorTests
{
    private static FormField Field(string alias, FormFieldType type = FormFieldType.ShortAnswer, string? caption = null) => new()
    {
        Key = Guid.NewGuid(),
        Alias = alias,
        Caption = caption ?? alias,
        Type = type,
    };

    private static FormDefinition Form(params FormField[][] pages) => new()
    {
        Key = Guid.NewGuid(),
        Name = "Umfrage",
        Alias = "umfrage",
        Pages = [.. pages.Select(fields => new FormPage
        {
            Fieldsets = [new FormFieldset { Key = Guid.NewGuid(), Columns = [new FormColumn { Fields = [.. fields] }] }],
        })],
    };

    private static IReadOnlyList<FormDefinitionError> Validate(FormDefinition form, params string[] otherAliases) =>
        FormDefinitionValidator.Validate(form, otherAliases, new HashSet<Guid>());

    [Test]
    public void Accepts_the_form_When_every_rule_holds()
    {
        var name = Field("name");
        var reason = Field("reason");
        reason.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "name", Value = "x" }] };

        Assert.That(Validate(Form([name], [reason]), "andere-umfrage"), Is.Empty);
    }

    [TestCase("Umfrage")]
    [TestCase("umfrage-")]
    [TestCase("um--frage")]
    [TestCase("")]
    public void Rejects_the_form_alias_When_it_is_not_lower_case_words_joined_by_hyphens(string alias)
    {
        var form = Form([Field("name")]);
        form.Alias = alias;

        var errors = Validate(form);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "Alias" }));
        Assert.That(errors[0].Message, Does.StartWith($"Der Alias „{alias}“ des Formulars ist ungültig"));
    }

    [Test]
    public void Rejects_the_form_alias_When_another_form_has_it_in_other_case()
    {
        var errors = Validate(Form([Field("name")]), "UMFRAGE");

        Assert.That(errors, Is.EqualTo(new[] { new FormDefinitionError("Alias", "Es gibt bereits ein Formular mit dem Alias „umfrage“.") }));
    }

    [Test]
    public void Names_the_setting_When_a_button_label_is_empty_or_a_template_is_broken()
    {
        var form = Form([Field("name")]);
        form.NextLabel = "";
        form.InvalidErrorMessage = "Ungültig: {1}";

        var errors = Validate(form);

        Assert.That(errors, Is.EqualTo(new[]
        {
            new FormDefinitionError("NextLabel", "Bitte geben Sie eine Beschriftung für „Beschriftung „Weiter““ ein."),
            new FormDefinitionError("InvalidErrorMessage",
                "„Meldung bei ungültiger Angabe“ ist keine gültige Vorlage: Text erforderlich, „{0}“ steht für die Feldbeschriftung, andere geschweifte Klammern sind nicht erlaubt."),
        }));
    }

    [Test]
    public void Rejects_the_redirect_When_the_page_does_not_exist()
    {
        var form = Form([Field("name")]);
        var page = Guid.NewGuid();
        form.GoToPageOnSubmit = page;

        Assert.That(FormDefinitionValidator.Validate(form, [], new HashSet<Guid>()).Select(e => e.Field), Is.EqualTo(new[] { "GoToPageOnSubmit" }));
        Assert.That(FormDefinitionValidator.Validate(form, [], new HashSet<Guid> { page }), Is.Empty);
    }

    [Test]
    public void Rejects_the_second_field_When_two_fields_share_an_alias_ignoring_case()
    {
        var errors = Validate(Form([Field("name", caption: "Name")], [Field("NAME", caption: "Nachname")]));

        Assert.That(errors, Is.EqualTo(new[]
        {
            new FormDefinitionError("Pages[1].Fieldsets[0].Columns[0].Fields[0].Alias", "Der Alias „NAME“ des Feldes „Nachname“ wird bereits vom Feld „Name“ verwendet."),
        }));
    }

    [TestCase("1name")]
    [TestCase("mein-feld")]
    [TestCase("")]
    public void Rejects_the_field_alias_When_it_does_not_start_with_a_letter_or_has_other_signs(string alias)
    {
        var errors = Validate(Form([Field(alias, caption: "Feld")]));

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "Pages[0].Fieldsets[0].Columns[0].Fields[0].Alias" }));
    }

    [Test]
    public void Reports_each_broken_field_rule_When_a_field_breaks_several()
    {
        var field = Field("wahl", FormFieldType.SingleChoice, caption: "Wahl");
        field.MaxLength = 0;
        field.Regex = "([";
        field.Options = [new FormOption("", "a"), new FormOption("B", "a")];

        var errors = Validate(Form([field]));

        Assert.That(errors.Select(e => e.Field[(e.Field.LastIndexOf(']') + 2)..]), Is.EqualTo(new[] { "MaxLength", "Regex", "Caption", "Value" }));
        Assert.That(errors[0].Message, Is.EqualTo("Die maximale Länge des Feldes „Wahl“ muss zwischen 1 und 4000 liegen."));
        Assert.That(errors[3].Message, Is.EqualTo("Der Wert „a“ kommt im Feld „Wahl“ mehrfach vor; jeder Optionswert muss eindeutig sein."));
    }

    [Test]
    public void Rejects_a_condition_When_it_refers_to_a_later_page_or_to_its_own_field()
    {
        var first = Field("first", caption: "Erstes");
        first.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "later" }, new FormConditionRule { Field = "first" }] };

        var errors = Validate(Form([first], [Field("later")]));

        Assert.That(errors, Is.EqualTo(new[]
        {
            new FormDefinitionError("Pages[0].Fieldsets[0].Columns[0].Fields[0].Condition.Rules[0].Field",
                "Die Bedingung des Feldes „Erstes“ verweist auf „later“; das ist kein Feld auf dieser oder einer früheren Seite."),
            new FormDefinitionError("Pages[0].Fieldsets[0].Columns[0].Fields[0].Condition.Rules[1].Field",
                "Die Bedingung des Feldes „Erstes“ darf nicht auf das Feld selbst verweisen."),
        }));
    }

    [Test]
    public void Accepts_a_condition_When_it_refers_to_a_field_by_key()
    {
        var first = Field("first");
        var second = Field("second");
        second.Condition = new FormCondition { Rules = [new FormConditionRule { Field = first.Key.ToString("D") }] };

        Assert.That(Validate(Form([first, second])), Is.Empty);
    }

    [Test]
    public void Names_the_page_When_it_has_no_column_or_no_page_exists()
    {
        var form = Form([Field("name")]);
        form.Pages.Add(new FormPage { Caption = "Dank" });

        Assert.That(Validate(form), Is.EqualTo(new[] { new FormDefinitionError("Pages[1].Caption", "Die Seite „Dank“ braucht mindestens eine Feldgruppe mit einer Spalte.") }));

        form.Pages.Clear();
        Assert.That(Validate(form), Is.EqualTo(new[] { new FormDefinitionError("Pages", "Das Formular braucht mindestens eine Seite.") }));
    }

    [Test]
    public void Trims_texts_and_drops_empty_parts_When_normalizing()
    {
        var field = new FormField
        {
            Alias = " name ",
            Caption = " Name ",
            HelpText = "  ",
            Options = [new FormOption(" Ja ", ""), new FormOption(" ", " ")],
            Condition = new FormCondition(),
        };
        var form = Form([field]);
        form.Name = " Umfrage ";

        FormDefinitionValidator.Normalize(form);

        Assert.Multiple(() =>
        {
            Assert.That(form.Name, Is.EqualTo("Umfrage"));
            Assert.That(field.Key, Is.Not.EqualTo(Guid.Empty));
            Assert.That((field.Alias, field.Caption, field.HelpText), Is.EqualTo(("name", "Name", (string?)null)));
            Assert.That(field.Options, Is.EqualTo(new[] { new FormOption("Ja", "Ja") }));
            Assert.That(field.Condition, Is.Null);
        });
    }
}
