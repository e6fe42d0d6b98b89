using System.Text.Json;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.Forms.Survey;

public sealed class SurveyConditionMarkupTests
{
    private static readonly IStringLocalizer<SurveyText> Text = new StringLocalizer<SurveyText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly FormField Kinds = new()
    {
        Key = Guid.NewGuid(),
        Alias = "arten",
        Caption = "Welche Arten?",
        Type = FormFieldType.MultipleChoice,
        Options = [new FormOption("Gärten", "gaerten"), new FormOption("Andere Initiativen", "sonstige")],
    };

    private static readonly FormField Consent = new() { Key = Guid.NewGuid(), Alias = "ok", Caption = "Einverstanden", Type = FormFieldType.Checkbox };

    private static readonly FormField Count = new() { Key = Guid.NewGuid(), Alias = "anzahl", Caption = "Wie viele?", Type = FormFieldType.Number };

    private static readonly FormDefinition Form = new()
    {
        Pages = [new FormPage { Fieldsets = [new FormFieldset { Columns = [new FormColumn { Fields = [Kinds, Consent, Count] }] }] }],
    };

    private static FormCondition Open(FormConditionActionType action, FormConditionLogicType logic, params FormConditionRule[] rules) =>
        new() { ActionType = action, LogicType = logic, Rules = [.. rules] };

    private static FormConditionRule Rule(string field, FormConditionOperator op, string value) => new() { Field = field, Operator = op, Value = value };

    [Test]
    public void Names_the_field_by_its_input_name_and_the_operator_by_its_canonical_name_When_the_rule_uses_the_key()
    {
        var json = SurveyConditionMarkup.RulesJson(Form, Open(FormConditionActionType.Show, FormConditionLogicType.All,
            Rule(Count.Key.ToString(), FormConditionOperator.GreaterThan, "3"), Rule("unbekannt", FormConditionOperator.Is, "x")));

        Assert.That(json, Is.EqualTo("""[{"field":"anzahl","operator":"GreaterThan","value":"3"},{"field":"unbekannt","operator":"Is","value":"x"}]"""));
    }

    [Test]
    public void Writes_the_canonical_operator_and_the_alias_When_the_definition_spells_GreaterThen_and_names_the_field_by_key()
    {
        var count = new FormField { Key = Guid.NewGuid(), Alias = "anzahl", Caption = "Wie viele?", Type = FormFieldType.Number };
        var details = new FormField
        {
            Key = Guid.NewGuid(),
            Alias = "details",
            Caption = "Welche?",
            Type = FormFieldType.ShortAnswer,
            Condition = new FormCondition { Rules = [Rule(count.Key.ToString(), FormConditionOperator.GreaterThan, "3")] },
        };
        var written = FormDefinitionJson.Write(new FormDefinition
        {
            Key = Guid.NewGuid(),
            Alias = "test",
            Name = "Test",
            Pages = [new FormPage { Fieldsets = [new FormFieldset { Key = Guid.NewGuid(), Columns = [new FormColumn { Fields = [count, details] }] }] }],
        });
        Assert.That(written, Does.Contain("\"GreaterThen\""), "Umbraco's spelling in the definition");
        var form = FormDefinitionJson.Read(written, "test");

        var open = PageConditions.Resolve(form, 0, new Dictionary<string, string[]>(), form.FindField("details")!).Open!;

        Assert.That(SurveyConditionMarkup.RulesJson(form, open), Is.EqualTo("""[{"field":"anzahl","operator":"GreaterThan","value":"3"}]"""));
    }

    [Test]
    public void Writes_the_attributes_encoded_When_the_condition_is_open_and_nothing_When_it_is_decided()
    {
        var attributes = SurveyConditionMarkup.Attributes(Form, Open(FormConditionActionType.Hide, FormConditionLogicType.Any,
            Rule("arten", FormConditionOperator.Is, "\"<b>&")));
        var html = ((HtmlString)attributes).Value!;
        var encodedRules = html[(html.IndexOf("data-condition-rules=\"", StringComparison.Ordinal) + 22)..^1];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.StartWith(" data-condition-action=\"Hide\" data-condition-logic=\"Any\" data-condition-rules=\""));
            Assert.That(encodedRules, Does.Not.Contain("\"").And.Not.Contain("<"));
            Assert.That(JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(encodedRules)).RootElement[0].GetProperty("value").GetString(), Is.EqualTo("\"<b>&"));
            Assert.That(SurveyConditionMarkup.Attributes(Form, null), Is.SameAs(HtmlString.Empty));
        }
    }

    [Test]
    public void Names_the_question_and_the_option_caption_When_the_rule_is_on_a_choice()
    {
        var hint = SurveyConditionMarkup.Hint(Form, Open(FormConditionActionType.Show, FormConditionLogicType.All,
            Rule(Kinds.Key.ToString(), FormConditionOperator.Is, "Sonstige")), Text);

        Assert.That(hint, Is.EqualTo("Nur beantworten, wenn Sie bei „Welche Arten?“ „Andere Initiativen“ ausgewählt haben."));
    }

    [Test]
    public void Joins_the_rules_with_oder_and_says_nicht_beantworten_When_a_hide_condition_has_any_logic()
    {
        var hint = SurveyConditionMarkup.Hint(Form, Open(FormConditionActionType.Hide, FormConditionLogicType.Any,
            Rule("ok", FormConditionOperator.Is, "true"), Rule("anzahl", FormConditionOperator.LessThan, "2")), Text);

        Assert.That(hint, Is.EqualTo("Nicht beantworten, wenn Sie „Einverstanden“ angekreuzt haben oder Ihre Antwort bei „Wie viele?“ kleiner als 2 ist."));
    }

    [TestCase(FormConditionOperator.IsNot, "Sie bei „Wie viele?“ nicht „5“ angegeben haben")]
    [TestCase(FormConditionOperator.Contains, "Ihre Antwort bei „Wie viele?“ „5“ enthält")]
    [TestCase(FormConditionOperator.NotContains, "Ihre Antwort bei „Wie viele?“ „5“ nicht enthält")]
    [TestCase(FormConditionOperator.StartsWith, "Ihre Antwort bei „Wie viele?“ mit „5“ beginnt")]
    [TestCase(FormConditionOperator.EndsWith, "Ihre Antwort bei „Wie viele?“ mit „5“ endet")]
    [TestCase(FormConditionOperator.GreaterThan, "Ihre Antwort bei „Wie viele?“ größer als 5 ist")]
    public void Describes_every_operator_in_German_When_the_rules_are_joined_with_und(FormConditionOperator op, string expected)
    {
        var hint = SurveyConditionMarkup.Hint(Form, Open(FormConditionActionType.Show, FormConditionLogicType.All,
            Rule("anzahl", op, "5"), Rule("ok", FormConditionOperator.IsNot, "on")), Text);

        Assert.That(hint, Is.EqualTo($"Nur beantworten, wenn {expected} und Sie „Einverstanden“ nicht angekreuzt haben."));
    }
}
