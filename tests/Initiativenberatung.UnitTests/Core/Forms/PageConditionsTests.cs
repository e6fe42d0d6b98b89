using Initiativenberatung.Core.Forms;
using static Initiativenberatung.UnitTests.Core.Forms.TestForms;

namespace Initiativenberatung.UnitTests.Core.Forms;

public sealed class PageConditionsTests
{
    private static FormConditionRule Rule(FormField field, FormConditionOperator op, string value, bool byAlias = false) =>
        new() { Field = byAlias ? field.Alias : field.Key.ToString(), Operator = op, Value = value };

    private static FormCondition Condition(FormConditionActionType action, FormConditionLogicType logic, params FormConditionRule[] rules) =>
        new() { ActionType = action, LogicType = logic, Rules = [.. rules] };

    /// <summary>Page 1: size (single choice); page 2: kinds (multiple choice) and the dependent field.</summary>
    private static (FormDefinition Form, FormField Size, FormField Kinds, FormField Other) TwoPages()
    {
        var size = Field("groesse", FormFieldType.SingleChoice, false, "klein", "gross");
        var kinds = Field("arten", FormFieldType.MultipleChoice, false, "Gärten", "Sonstige");
        var other = Field("sonstige", FormFieldType.ShortAnswer);
        return (Form([[size], [kinds, other]]), size, kinds, other);
    }

    [Test]
    public void Renders_the_field_without_condition_When_it_has_none()
    {
        var (form, _, kinds, _) = TwoPages();

        Assert.That(PageConditions.Resolve(form, 1, Values(), kinds), Is.SameAs(PageFieldCondition.Always));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Leaves_the_rule_open_and_renders_the_field_When_the_rule_names_a_field_of_the_same_page(bool byAlias)
    {
        var (form, _, kinds, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Show, FormConditionLogicType.All, Rule(kinds, FormConditionOperator.Is, "Sonstige", byAlias));

        var result = PageConditions.Resolve(form, 1, Values(), other);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Rendered, Is.True);
            Assert.That(result.Open!.Rules, Is.EqualTo(other.Condition.Rules));
            Assert.That(result.Open.ActionType, Is.EqualTo(FormConditionActionType.Show));
            Assert.That(result.Open.LogicType, Is.EqualTo(FormConditionLogicType.All));
        }
    }

    [TestCase(FormConditionActionType.Show, "gross", true)]
    [TestCase(FormConditionActionType.Show, "klein", false)]
    [TestCase(FormConditionActionType.Hide, "gross", false)]
    [TestCase(FormConditionActionType.Hide, "klein", true)]
    public void Decides_on_the_server_When_every_rule_names_a_field_of_another_page(FormConditionActionType action, string answer, bool rendered)
    {
        var (form, size, _, other) = TwoPages();
        other.Condition = Condition(action, FormConditionLogicType.All, Rule(size, FormConditionOperator.Is, "gross"));

        var result = PageConditions.Resolve(form, 1, Values(("groesse", [answer])), other);

        Assert.That(result, Is.EqualTo(new PageFieldCondition(rendered, null)));
    }

    [Test]
    public void Keeps_only_the_same_page_rules_open_When_the_other_page_rules_of_all_hold()
    {
        var (form, size, kinds, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Show, FormConditionLogicType.All,
            Rule(size, FormConditionOperator.Is, "gross"), Rule(kinds, FormConditionOperator.Is, "Sonstige"));

        var result = PageConditions.Resolve(form, 1, Values(("groesse", ["gross"])), other);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Rendered, Is.True);
            Assert.That(result.Open!.Rules.Select(r => r.Field), Is.EqualTo(new[] { kinds.Key.ToString() }));
        }
    }

    [TestCase(FormConditionLogicType.All, "klein", false)]
    [TestCase(FormConditionLogicType.Any, "gross", true)]
    public void Decides_on_the_server_When_an_other_page_rule_settles_the_logic(FormConditionLogicType logic, string answer, bool rendered)
    {
        var (form, size, kinds, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Show, logic,
            Rule(kinds, FormConditionOperator.Is, "Sonstige"), Rule(size, FormConditionOperator.Is, "gross"));

        var result = PageConditions.Resolve(form, 1, Values(("groesse", [answer])), other);

        Assert.That(result, Is.EqualTo(new PageFieldCondition(rendered, null)));
    }

    [Test]
    public void Keeps_the_same_page_rules_open_When_the_other_page_rules_of_any_do_not_hold()
    {
        var (form, size, kinds, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Hide, FormConditionLogicType.Any,
            Rule(size, FormConditionOperator.Is, "gross"), Rule(kinds, FormConditionOperator.Contains, "Sonst"));

        var result = PageConditions.Resolve(form, 1, Values(("groesse", ["klein"])), other);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Rendered, Is.True);
            Assert.That(result.Open!.ActionType, Is.EqualTo(FormConditionActionType.Hide));
            Assert.That(result.Open.LogicType, Is.EqualTo(FormConditionLogicType.Any));
            Assert.That(result.Open.Rules.Single().Operator, Is.EqualTo(FormConditionOperator.Contains));
        }
    }

    [TestCase(FormConditionOperator.Is, false)]
    [TestCase(FormConditionOperator.IsNot, true)]
    public void Sees_an_empty_answer_When_the_rule_names_a_field_the_form_does_not_have(FormConditionOperator op, bool rendered)
    {
        var (form, _, _, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Show, FormConditionLogicType.All,
            new FormConditionRule { Field = "gibtEsNicht", Operator = op, Value = "x" });

        Assert.That(PageConditions.Resolve(form, 1, Values(("gibtEsNicht", ["x"])), other), Is.EqualTo(new PageFieldCondition(rendered, null)));
    }

    [Test]
    public void Agrees_with_form_conditions_When_the_same_page_answers_are_known()
    {
        var (form, size, kinds, other) = TwoPages();
        other.Condition = Condition(FormConditionActionType.Show, FormConditionLogicType.All,
            Rule(size, FormConditionOperator.Is, "gross"), Rule(kinds, FormConditionOperator.Is, "Sonstige"));
        var answers = Values(("groesse", ["gross"]), ("arten", ["Gärten", "Sonstige"]));

        var open = PageConditions.Resolve(form, 1, answers, other).Open!;
        var openOnly = new FormConditions(form, answers).Holds(open.Rules.Single());

        Assert.That(openOnly, Is.EqualTo(new FormConditions(form, answers).IsVisible(other)));
    }
}
