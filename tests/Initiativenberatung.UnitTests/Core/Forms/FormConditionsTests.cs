using Initiativenberatung.Core.Forms;
using static Initiativenberatung.UnitTests.Core.Forms.TestForms;

namespace Initiativenberatung.UnitTests.Core.Forms;

public sealed class FormConditionsTests
{
    private static (FormDefinition Form, FormField Other) SonstigeForm(FormConditionActionType action = FormConditionActionType.Show)
    {
        var choice = Field("initiativen", FormFieldType.MultipleChoice, false, "Gärten", "Sonstige");
        var other = Field("sonstige", FormFieldType.ShortAnswer, true);
        other.Condition = new FormCondition
        {
            ActionType = action,
            LogicType = FormConditionLogicType.All,
            Rules = [new FormConditionRule { Field = choice.Key.ToString(), Operator = FormConditionOperator.Is, Value = "Sonstige" }],
        };
        return (Form(choice, other), other);
    }

    [Test]
    public void Neither_requires_nor_stores_a_field_When_its_show_condition_does_not_hold()
    {
        var (form, _) = SonstigeForm();

        var result = FormValidator.Validate(form, Values(("initiativen", ["Gärten"]), ("sonstige", ["sollte verworfen werden"])));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Values.Select(v => v.Key), Is.EqualTo(new[] { "initiativen" }));
        });
    }

    [Test]
    public void Requires_the_field_When_its_show_condition_holds()
    {
        var (form, _) = SonstigeForm();

        var result = FormValidator.Validate(form, Values(("initiativen", ["Gärten", "Sonstige"])));

        Assert.That(result.Errors.Keys, Is.EqualTo(new[] { "sonstige" }));
    }

    [Test]
    public void Hides_the_field_When_a_hide_condition_holds()
    {
        var (form, other) = SonstigeForm(FormConditionActionType.Hide);
        var conditions = new FormConditions(form, Values(("initiativen", ["Sonstige"])));

        Assert.That(conditions.IsVisible(other), Is.False);
    }

    [Test]
    public void Finds_the_rule_field_by_alias_When_the_rule_names_an_alias()
    {
        var (form, other) = SonstigeForm();
        other.Condition!.Rules[0].Field = "initiativen";

        Assert.That(new FormConditions(form, Values(("initiativen", ["Sonstige"]))).IsVisible(other), Is.True);
    }

    [TestCase(FormConditionLogicType.All, "ja", "5", true)]
    [TestCase(FormConditionLogicType.All, "ja", "2", false)]
    [TestCase(FormConditionLogicType.Any, "nein", "5", true)]
    [TestCase(FormConditionLogicType.Any, "nein", "2", false)]
    public void Combines_rules_by_logic_type_When_there_are_several(FormConditionLogicType logic, string answer, string number, bool visible)
    {
        var a = Field("a", FormFieldType.ShortAnswer);
        var n = Field("n", FormFieldType.Number);
        var target = Field("t", FormFieldType.ShortAnswer);
        target.Condition = new FormCondition
        {
            LogicType = logic,
            Rules =
            [
                new FormConditionRule { Field = "a", Operator = FormConditionOperator.Is, Value = "ja" },
                new FormConditionRule { Field = "n", Operator = FormConditionOperator.GreaterThan, Value = "3" },
            ],
        };

        var conditions = new FormConditions(Form(a, n, target), Values(("a", [answer]), ("n", [number])));

        Assert.That(conditions.IsVisible(target), Is.EqualTo(visible));
    }

    [TestCase(FormConditionOperator.Is, "Gärten", true)]
    [TestCase(FormConditionOperator.IsNot, "Gärten", false)]
    [TestCase(FormConditionOperator.Contains, "ärt", true)]
    [TestCase(FormConditionOperator.NotContains, "xyz", true)]
    [TestCase(FormConditionOperator.StartsWith, "gär", true)]
    [TestCase(FormConditionOperator.EndsWith, "ten", true)]
    [TestCase(FormConditionOperator.GreaterThan, "Gärten", false)]
    [TestCase(FormConditionOperator.LessThan, "Gärten", false)]
    public void Evaluates_each_operator_When_a_rule_is_checked(FormConditionOperator op, string expected, bool holds) =>
        Assert.That(FormConditions.Holds(op, ["Gärten"], expected), Is.EqualTo(holds));

    [TestCase("2026-03-01", "2026-02-01", true)]
    [TestCase("10", "9", true)]
    [TestCase("9", "10", false)]
    public void Compares_numbers_and_dates_by_value_When_greater_than_is_used(string value, string expected, bool holds) =>
        Assert.That(FormConditions.Holds(FormConditionOperator.GreaterThan, [value], expected), Is.EqualTo(holds));

    [Test]
    public void Treats_a_ticked_checkbox_as_on_and_true_When_the_rule_value_is_either()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FormConditions.Holds(FormConditionOperator.Is, ["true"], "on"), Is.True);
            Assert.That(FormConditions.Holds(FormConditionOperator.Is, ["on"], "True"), Is.True);
        });
    }

    [Test]
    public void Sees_a_hidden_field_as_empty_When_a_condition_depends_on_it()
    {
        var a = Field("a", FormFieldType.ShortAnswer);
        var b = Field("b", FormFieldType.ShortAnswer);
        b.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "a", Operator = FormConditionOperator.Is, Value = "zeigen" }] };
        var c = Field("c", FormFieldType.ShortAnswer);
        c.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "b", Operator = FormConditionOperator.Is, Value = "x" }] };

        var conditions = new FormConditions(Form(a, b, c), Values(("a", ["nein"]), ("b", ["x"])));

        Assert.That(conditions.IsVisible(c), Is.False);
    }

    [Test]
    public void Terminates_When_conditions_form_a_cycle()
    {
        var a = Field("a", FormFieldType.ShortAnswer);
        var b = Field("b", FormFieldType.ShortAnswer);
        a.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "b", Operator = FormConditionOperator.IsNot, Value = "x" }] };
        b.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "a", Operator = FormConditionOperator.IsNot, Value = "x" }] };

        var conditions = new FormConditions(Form(a, b), Values());

        Assert.DoesNotThrow(() => conditions.IsVisible(a));
    }
}
