using System.Text.Json.Nodes;
using Initiativenberatung.Core.Forms;
using static Initiativenberatung.UnitTests.Core.Forms.TestForms;

namespace Initiativenberatung.UnitTests.Core.Forms;

public sealed class FormDefinitionJsonTests
{
    [TestCase(FormConditionOperator.GreaterThan, "GreaterThen")]
    [TestCase(FormConditionOperator.LessThan, "LessThen")]
    [TestCase(FormConditionOperator.IsNot, "IsNot")]
    public void Writes_operators_in_Umbraco_Forms_spelling_and_reads_them_back_When_a_rule_uses_them(FormConditionOperator op, string written)
    {
        var count = Field("anzahl", FormFieldType.Number);
        var target = Field("details", FormFieldType.ShortAnswer);
        target.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "anzahl", Operator = op, Value = "3" }] };
        var form = Form(count, target);

        var json = FormDefinitionJson.Write(form);
        var rule = JsonNode.Parse(json)!["pages"]![0]!["fieldsets"]![0]!["columns"]![0]!["fields"]![1]!["condition"]!["rules"]![0]!;
        var read = FormDefinitionJson.Read(json, "test");

        Assert.Multiple(() =>
        {
            Assert.That(rule["operator"]!.GetValue<string>(), Is.EqualTo(written));
            Assert.That(read.FindField("details")!.Condition!.Rules[0].Operator, Is.EqualTo(op));
        });
    }

    [TestCase("GreaterThan")]
    [TestCase("GreaterThen")]
    public void Reads_both_spellings_When_a_definition_comes_from_elsewhere(string spelling)
    {
        var count = Field("anzahl", FormFieldType.Number);
        var target = Field("details", FormFieldType.ShortAnswer);
        target.Condition = new FormCondition { Rules = [new FormConditionRule { Field = "anzahl", Operator = FormConditionOperator.GreaterThan, Value = "3" }] };
        var form = Form(count, target);
        var json = FormDefinitionJson.Write(form).Replace("\"GreaterThen\"", $"\"{spelling}\"", StringComparison.Ordinal);

        var read = FormDefinitionJson.Read(json, "test");

        Assert.That(read.FindField("details")!.Condition!.Rules[0].Operator, Is.EqualTo(FormConditionOperator.GreaterThan));
    }
}
