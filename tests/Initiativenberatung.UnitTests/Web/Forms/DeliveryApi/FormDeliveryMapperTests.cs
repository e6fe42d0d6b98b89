using System.Text.Json;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.UnitTests.Core.Forms;
using Initiativenberatung.Web.Forms.DeliveryApi;

namespace Initiativenberatung.UnitTests.Web.Forms.DeliveryApi;

[TestFixture]
public sealed class FormDeliveryMapperTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Test]
    public void Names_the_rule_field_by_its_id_When_the_rule_was_written_with_an_alias()
    {
        var choice = TestForms.Field("art", FormFieldType.SingleChoice, false, "a", "Sonstige");
        var other = TestForms.Field("sonstige", FormFieldType.ShortAnswer);
        other.Condition = new FormCondition
        {
            ActionType = FormConditionActionType.Show,
            LogicType = FormConditionLogicType.Any,
            Rules = [new FormConditionRule { Field = "art", Operator = FormConditionOperator.Is, Value = "Sonstige" }],
        };
        var form = TestForms.Form(choice, other);

        var condition = FormDeliveryMapper.ToField(form, other).Condition;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(condition.ActionType, Is.EqualTo("Show"));
            Assert.That(condition.LogicType, Is.EqualTo("Any"));
            Assert.That(condition.Rules, Has.Count.EqualTo(1));
            Assert.That(condition.Rules[0].Field, Is.EqualTo(choice.Key.ToString("D")));
            Assert.That(condition.Rules[0].Operator, Is.EqualTo("Is"));
            Assert.That(condition.Rules[0].Value, Is.EqualTo("Sonstige"));
        }
    }

    [Test]
    public void Writes_an_empty_show_all_condition_When_the_field_has_none()
    {
        var field = TestForms.Field("frei", FormFieldType.ShortAnswer);

        var condition = FormDeliveryMapper.ToField(TestForms.Form(field), field).Condition;

        Assert.That((condition.ActionType, condition.LogicType, condition.Rules.Count), Is.EqualTo(("Show", "All", 0)));
    }

    [Test]
    public void Fills_the_messages_from_the_form_templates_When_the_field_has_no_own_message()
    {
        var field = TestForms.Field("frage", FormFieldType.ShortAnswer, mandatory: true);
        var form = TestForms.Form(field);
        form.RequiredErrorMessage = "Bitte „{0}“ beantworten.";
        form.InvalidErrorMessage = "„{0}“ prüfen.";

        var dto = FormDeliveryMapper.ToField(form, field);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Required, Is.True);
            Assert.That(dto.RequiredErrorMessage, Is.EqualTo("Bitte „Frage frage“ beantworten."));
            Assert.That(dto.PatternInvalidErrorMessage, Is.EqualTo("„Frage frage“ prüfen."));
        }
    }

    [Test]
    public void Marks_data_consent_as_required_and_writes_type_options_and_settings_When_mapping_fields()
    {
        var consent = TestForms.Field("ok", FormFieldType.DataConsent);
        var choice = TestForms.Field("wahl", FormFieldType.MultipleChoice, false, "x", "y");
        var text = TestForms.Field("text", FormFieldType.LongAnswer);
        text.MaxLength = 500;
        text.Placeholder = "Ihr Text";
        var form = TestForms.Form(consent, choice, text);

        var dtos = new[] { consent, choice, text }.Select(f => FormDeliveryMapper.ToField(form, f)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dtos[0].Required, Is.True);
            Assert.That(dtos[0].Type, Is.EqualTo(new FormFieldTypeDto(FormFieldTypes.DataConsentId, "Data Consent")));
            Assert.That(dtos[1].PreValues.Select(p => p.Value), Is.EqualTo(new[] { "x", "y" }));
            Assert.That(dtos[1].PreValues[0].Caption, Is.EqualTo("x (Text)"));
            Assert.That(dtos[1].Type.Name, Is.EqualTo("Multiple choice"));
            Assert.That(dtos[2].Settings["maximumLength"], Is.EqualTo("500"));
            Assert.That(dtos[2].Settings["placeholder"], Is.EqualTo("Ihr Text"));
            Assert.That(dtos[2].Placeholder, Is.EqualTo("Ihr Text"));
        }
    }

    [Test]
    public void Writes_Umbraco_Forms_keys_and_keeps_internal_settings_inside_When_serialized()
    {
        var form = TestForms.Form(TestForms.Field("frage", FormFieldType.ShortAnswer));
        form.MessageOnSubmit = "Danke";
        form.RetentionDays = 30;
        form.StoreRecordsLocally = false;

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(FormDeliveryMapper.ToDefinition(form, PublishedSnapshot.Empty), Web));
        var root = json.RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        var field = root.GetProperty("pages")[0].GetProperty("fieldsets")[0].GetProperty("columns")[0].GetProperty("fields")[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.SupersetOf(new[]
            {
                "id", "name", "indicator", "fieldIndicationType", "hideFieldValidation", "showValidationSummary", "submitLabel",
                "nextLabel", "previousLabel", "messageOnSubmit", "pages",
            }));
            Assert.That(names, Has.None.AnyOf("storeRecordsLocally", "daysToRetainSubmittedRecordsFor", "requiredErrorMessage", "invalidErrorMessage", "gotoPageOnSubmit"));
            Assert.That(root.GetProperty("messageOnSubmit").GetString(), Is.EqualTo("Danke"));
            Assert.That(field.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "id", "alias", "caption", "helpText", "placeholder", "required", "requiredErrorMessage", "pattern",
                "patternInvalidErrorMessage", "condition", "preValues", "settings", "type",
            }));
            Assert.That(field.GetProperty("type").GetProperty("id").GetString(), Is.EqualTo(FormFieldTypes.ShortAnswerId.ToString("D")));
        }
    }

    [Test]
    public void Gives_the_page_instead_of_the_message_When_the_form_redirects_to_an_unpublished_page()
    {
        var form = TestForms.Form(TestForms.Field("frage", FormFieldType.ShortAnswer));
        form.MessageOnSubmit = "Danke";
        form.GoToPageOnSubmit = Guid.NewGuid();

        var definition = FormDeliveryMapper.ToDefinition(form, PublishedSnapshot.Empty);
        var accepted = FormDeliveryMapper.ToAccepted(form, PublishedSnapshot.Empty);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.MessageOnSubmit, Is.Null);
            Assert.That(definition.GotoPageOnSubmit, Is.EqualTo(form.GoToPageOnSubmit));
            Assert.That(definition.GotoPageOnSubmitRoute, Is.Null);
            Assert.That(accepted.MessageOnSubmit, Is.Null);
            Assert.That(accepted.GotoPageOnSubmit, Is.EqualTo(form.GoToPageOnSubmit));
        }
    }
}
