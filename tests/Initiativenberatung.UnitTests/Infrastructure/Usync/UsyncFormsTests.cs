using System.Text;
using System.Xml.Linq;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncFormsTests
{
    private const string SurveyFile = "Forms/kommunen-umfrage.config";
    private UsyncTestEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new UsyncTestEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    private static string SeedPath(string relative) => Path.Combine(UsyncTestEnvironment.SeedFolder, relative);

    [Test]
    public void Writes_the_same_bytes_When_the_seed_survey_is_parsed_and_written_again()
    {
        var bytes = File.ReadAllBytes(SeedPath(SurveyFile));

        var form = UsyncSerializer.ReadForm(UsyncXml.Parse(bytes));

        Assert.That(Encoding.UTF8.GetString(UsyncSerializer.WriteForm(form)), Is.EqualTo(Encoding.UTF8.GetString(bytes)));
    }

    [Test]
    public void Reads_the_seed_survey_as_an_anonymous_two_page_form_When_it_is_parsed()
    {
        var form = UsyncSerializer.ReadForm(UsyncXml.Parse(File.ReadAllBytes(SeedPath(SurveyFile))));
        var fields = form.AllFields().ToDictionary(f => f.Alias);

        Assert.Multiple(() =>
        {
            Assert.That(form.Alias, Is.EqualTo("kommunen-umfrage"));
            Assert.That(form.Pages, Has.Count.EqualTo(2));
            Assert.That(form.SubmitLabel, Is.EqualTo("Absenden"));
            Assert.That(form.NextLabel, Is.EqualTo("Weiter"));
            Assert.That(form.PreviousLabel, Is.EqualTo("Zurück"));
            Assert.That(form.MessageOnSubmit, Is.EqualTo("Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert."));
            Assert.That(form.RetentionDays, Is.EqualTo(730));
            Assert.That(form.SubmittedAtPrecision, Is.EqualTo(SubmittedAtPrecision.Day));
            Assert.That(fields["initiativen"].Options.Select(o => o.Value), Does.Contain("Sonstige"));
            Assert.That(fields["initiativenSonstige"].Condition!.Rules.Single().Field, Is.EqualTo(fields["initiativen"].Key.ToString()));
            Assert.That(fields["erfahrungen"].MaxLength, Is.EqualTo(4000));
            Assert.That(fields["erfahrungen"].HelpText, Is.EqualTo("Bitte geben Sie keine personenbezogenen Daten an."));
            Assert.That(fields["einwilligung"].Type, Is.EqualTo(FormFieldType.DataConsent));
        });
    }

    [Test]
    public void Keeps_every_field_property_When_a_form_with_every_type_is_written_and_read()
    {
        var form = new FormDefinition { Key = Guid.NewGuid(), Alias = "alle", Name = "Alle Typen", GoToPageOnSubmit = Guid.NewGuid(), RetentionDays = null };
        var column = new FormColumn { Width = 6 };
        form.Pages.Add(new FormPage { Caption = "Eins", Fieldsets = [new FormFieldset { Key = Guid.NewGuid(), Caption = "Gruppe", Columns = [column] }] });
        foreach (var type in Enum.GetValues<FormFieldType>())
        {
            column.Fields.Add(new FormField
            {
                Key = Guid.NewGuid(), Alias = "f" + type, Caption = type.ToString(), Type = type, HelpText = "Hilfe", Placeholder = "Platz",
                Mandatory = true, RequiredErrorMessage = "fehlt", Regex = "^x", RegexErrorMessage = "falsch", MaxLength = 77,
                Options = [new FormOption("A", "a")], Settings = new(StringComparer.Ordinal) { ["acceptCopy"] = "Ja" },
                Condition = new FormCondition { ActionType = FormConditionActionType.Hide, LogicType = FormConditionLogicType.Any, Rules = [new FormConditionRule { Field = "x", Operator = FormConditionOperator.LessThan, Value = "3" }] },
            });
        }

        var json = FormDefinitionJson.Write(form);
        var read = FormDefinitionJson.Read(json, "alle");

        Assert.Multiple(() =>
        {
            Assert.That(FormDefinitionJson.Write(read), Is.EqualTo(json));
            Assert.That(read.AllFields().Select(f => f.Type), Is.EqualTo(Enum.GetValues<FormFieldType>()));
            Assert.That(read.GoToPageOnSubmit, Is.EqualTo(form.GoToPageOnSubmit));
            Assert.That(read.AllFields().First().MaxLength, Is.EqualTo(77));
            Assert.That(json, Does.Contain("\"fieldType\": \"number\""));
        });
    }

    [TestCase(FormFieldType.ShortAnswer, "3f92e01b-29e2-4a30-bf33-9df5580ed52c", "Short answer")]
    [TestCase(FormFieldType.LongAnswer, "023f09ac-1445-4bcb-b8fa-ab49f33bd046", "Long answer")]
    [TestCase(FormFieldType.SingleChoice, "903df9b0-a78c-11de-9fc1-db7a56d89593", "Single choice")]
    [TestCase(FormFieldType.MultipleChoice, "fab43f20-a6bf-11de-a28f-9b5755d89593", "Multiple choice")]
    [TestCase(FormFieldType.Dropdown, "0dd29d42-a6a5-11de-a2f2-222256d89593", "Dropdown")]
    [TestCase(FormFieldType.Checkbox, "d5c0c390-ae9a-11de-a69e-666455d89593", "Checkbox")]
    [TestCase(FormFieldType.Date, "f8b4c3b8-af28-11de-9dd8-ef5956d89593", "Date")]
    [TestCase(FormFieldType.Number, "3f92e01b-29e2-4a30-bf33-9df5580ed52c", "Short answer")]
    [TestCase(FormFieldType.DataConsent, "a72c9df9-3847-47cf-afb8-b86773fd12cd", "Data Consent")]
    [TestCase(FormFieldType.TitleAndDescription, "e3fbf6c4-f46c-495e-aff8-4b3c227b4a98", "Title and description")]
    [TestCase(FormFieldType.Hidden, "da206cae-1c52-434e-b21a-4a7c198af877", "Hidden")]
    public void Uses_Umbraco_Forms_type_id_and_name_When_a_field_type_is_written(FormFieldType type, string id, string name) =>
        Assert.That(FormFieldTypes.Of(type), Is.EqualTo((Guid.Parse(id), name)));

    [Test]
    public void Fails_with_a_German_message_When_a_field_has_an_unsupported_type()
    {
        var key = Guid.NewGuid();
        var json = """{"id":"KEY","pages":[{"fieldsets":[{"columns":[{"fields":[{"id":"FIELD","alias":"datei","type":{"id":"84a17cf8-b711-46a6-9840-0e4a072ad000","name":"File upload"}}]}]}]}]}"""
            .Replace("KEY", key.ToString(), StringComparison.Ordinal).Replace("FIELD", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var root = new XElement("Form", new XAttribute("Key", key), new XAttribute("Alias", "x"), new XElement("Definition", new XCData(json)));

        var ex = Assert.Throws<FormatException>(() => UsyncSerializer.ReadForm(root));

        Assert.That(ex!.Message, Does.Contain("datei").And.Contain("nicht unterstützt"));
    }

    [Test]
    public async Task Stores_the_survey_and_reports_NoChange_When_the_seed_is_imported_twice()
    {
        var first = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var second = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        await using var db = _env.CreateDb();
        var stored = await db.FormDefinitions.SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Single(i => i.ItemType == "Form").Change, Is.EqualTo(UsyncChangeKind.Create));
            Assert.That(second.Items.Single(i => i.ItemType == "Form").Change, Is.EqualTo(UsyncChangeKind.NoChange));
            Assert.That(stored.Alias, Is.EqualTo("kommunen-umfrage"));
            Assert.That(stored.Key, Is.EqualTo(Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63")));
        });
    }

    [Test]
    public async Task Writes_the_seed_bytes_twice_When_the_imported_survey_is_exported_twice()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var target = Path.Combine(_env.Root, "export");

        await _env.Service.ExportAsync(target, UsyncParts.Forms);
        var once = await File.ReadAllBytesAsync(Path.Combine(target, SurveyFile));
        var again = await _env.Service.ExportAsync(target, UsyncParts.Forms);

        Assert.Multiple(() =>
        {
            Assert.That(once, Is.EqualTo(File.ReadAllBytes(SeedPath(SurveyFile))));
            Assert.That(again.Items.Where(i => i.File == SurveyFile).Select(i => i.Change), Is.EqualTo(new[] { UsyncChangeKind.NoChange }));
        });
    }

    [Test]
    public async Task Reports_an_Update_naming_the_field_When_a_caption_changed_in_the_file()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var folder = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "changed");
        var path = Path.Combine(folder, SurveyFile);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("In welchem Fachbereich arbeiten Sie?", "In welcher Abteilung arbeiten Sie?", StringComparison.Ordinal));

        var report = await _env.Service.ReportAsync(folder, UsyncParts.Forms);

        var item = report.Items.Single(i => i.ItemType == "Form");
        Assert.Multiple(() =>
        {
            Assert.That(item.Change, Is.EqualTo(UsyncChangeKind.Update));
            Assert.That(item.Details.Select(d => d.Name), Is.EqualTo(new[] { "Field:fachbereich" }));
            Assert.That(item.Details.Single().NewValue, Does.Contain("In welcher Abteilung arbeiten Sie?"));
        });
    }

    [Test]
    public async Task Deletes_the_form_When_the_file_is_replaced_by_a_delete_marker()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var folder = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "deleted");
        await File.WriteAllBytesAsync(Path.Combine(folder, SurveyFile),
            UsyncSerializer.WriteEmpty(new UsyncEmptyItem(Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63"), "kommunen-umfrage", "Delete")));

        var result = await _env.Service.ImportAsync(folder, UsyncParts.Forms);

        await using var db = _env.CreateDb();
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single(i => i.ItemType == "Form").Change, Is.EqualTo(UsyncChangeKind.Delete));
            Assert.That(await db.FormDefinitions.CountAsync(), Is.Zero);
        });
    }
}
