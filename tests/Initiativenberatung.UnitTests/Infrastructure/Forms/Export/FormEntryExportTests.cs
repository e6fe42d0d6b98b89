using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms.Export;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms.Export;

public sealed class FormEntryExportTests
{
    private static readonly string LongAlias = new('a', 300);

    private static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new(FormEntryExport.IdColumn, "Eintrag", ExportValueKind.Number, "id"),
        new(FormEntryExport.SubmittedColumn, "Eingereicht am", ExportValueKind.Date, "submittedOn"),
        new("größe", "Größe", ExportValueKind.Text, "größe"),
        new("anzahl", "Anzahl", ExportValueKind.Number, "anzahl"),
        new("seit", "Seit", ExportValueKind.Date, "seit"),
        new("initiativen", "Initiativen", ExportValueKind.MultipleChoice, "initiativen"),
        new("gruende", "Gründe", ExportValueKind.Text, "gruende"),
        new(LongAlias, "Lang", ExportValueKind.Text, LongAlias),
    ];

    private static FormEntry Entry(string json) => new() { Id = 42, SubmittedOn = new DateTime(2026, 11, 26), ValuesJson = json };

    private static string Json(params (string Alias, string[] Values)[] answers) =>
        FormEntryValues.Serialize(answers.Select(a => KeyValuePair.Create(a.Alias, new FormEntryValue("Frage " + a.Alias, a.Values))));

    [Test]
    public void Types_each_answer_by_its_column_When_an_entry_becomes_a_row()
    {
        var row = FormEntryExport.ToRow(Columns, Entry(Json(
            ("größe", ["unter 20.000"]), ("anzahl", ["12.5"]), ("seit", ["2024-03-01"]), ("initiativen", ["Repair-Café", "Foodsharing"]),
            ("gruende", ["a", "b"]), (LongAlias, ["lang"]), ("entfernt", ["ohne Spalte"]))));

        Assert.Multiple(() =>
        {
            Assert.That(row[FormEntryExport.IdColumn], Is.EqualTo(42L));
            Assert.That(row[FormEntryExport.SubmittedColumn], Is.EqualTo(new DateTime(2026, 11, 26)).And.Property(nameof(DateTime.Kind)).EqualTo(DateTimeKind.Utc));
            Assert.That(row["größe"], Is.EqualTo("unter 20.000"));
            Assert.That(row["anzahl"], Is.EqualTo(12.5m));
            Assert.That(row["seit"], Is.EqualTo(new DateOnly(2024, 3, 1)));
            Assert.That(row["initiativen"], Is.EqualTo(new[] { "Repair-Café", "Foodsharing" }));
            Assert.That(row["gruende"], Is.EqualTo(new[] { "a", "b" }), "several values in a text column stay a list");
            Assert.That(row[LongAlias], Is.EqualTo("lang"));
            Assert.That(row["entfernt"], Is.Null, "no column, no value");
        });
    }

    [Test]
    public void Writes_the_state_and_Ja_or_Nein_When_an_approved_entry_has_a_ticked_consent_and_no_checkbox_answer()
    {
        IReadOnlyList<ExportColumn> columns =
        [
            new(FormEntryExport.StateColumn, "Status", ExportValueKind.Text, "state"),
            new("einwilligung", "Einwilligung", ExportValueKind.YesNo, "einwilligung"),
            new("newsletter", "Newsletter", ExportValueKind.YesNo, "newsletter"),
        ];
        var approved = Entry(Json(("einwilligung", ["true"])));
        approved.State = FormEntryState.Approved;

        var row = FormEntryExport.ToRow(columns, approved);
        var submitted = FormEntryExport.ToRow(columns, Entry(Json(("newsletter", ["on"]))));

        Assert.Multiple(() =>
        {
            Assert.That(row[FormEntryExport.StateColumn], Is.EqualTo("Freigegeben"));
            Assert.That(row["einwilligung"], Is.EqualTo("Ja"));
            Assert.That(row["newsletter"], Is.EqualTo("Nein"), "an unticked checkbox sends nothing");
            Assert.That(submitted[FormEntryExport.StateColumn], Is.EqualTo("Eingegangen"));
            Assert.That(submitted["newsletter"], Is.EqualTo("Ja"));
        });
    }

    [Test]
    public void Keeps_the_text_When_a_number_or_date_answer_does_not_parse()
    {
        var row = FormEntryExport.ToRow(Columns, Entry(Json(("anzahl", ["zwölf"]), ("seit", ["01.03.2024"]))));

        Assert.Multiple(() =>
        {
            Assert.That(row["anzahl"], Is.EqualTo("zwölf"));
            Assert.That(row["seit"], Is.EqualTo("01.03.2024"));
        });
    }

    [Test]
    public void Reads_escaped_aliases_and_values_and_skips_unexpected_shapes_When_the_json_was_written_elsewhere()
    {
        const string json = """
            { "gr\u00f6\u00dfe": { "values": ["\u201eKlein\u201c \"Dorf\""], "caption": "x" },
              "anzahl": { "caption": "Anzahl", "values": [3, "7"] },
              "seit": [ "2024-01-01" ],
              "initiativen": { "values": "Foodsharing", "extra": { "a": [1, 2] } },
              "gruende": { "values": [] } }
            """;

        var row = FormEntryExport.ToRow(Columns, Entry(json));

        Assert.Multiple(() =>
        {
            Assert.That(row["größe"], Is.EqualTo("„Klein“ \"Dorf\""));
            Assert.That(row["anzahl"], Is.EqualTo(7m), "non-string values are skipped");
            Assert.That(row["seit"], Is.Null, "an answer that is not an object has no values");
            Assert.That(row["initiativen"], Is.Null, "values that are not an array are ignored");
            Assert.That(row["gruende"], Is.Null, "no values, empty cell");
        });
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("[1,2]")]
    [TestCase("{\"größe\": {\"values\": [\"halb\"")]
    [TestCase("nicht json")]
    public void Gives_id_and_date_only_When_the_stored_json_is_malformed(string json)
    {
        var row = FormEntryExport.ToRow(Columns, Entry(json));

        Assert.Multiple(() =>
        {
            Assert.That(row[FormEntryExport.IdColumn], Is.EqualTo(42L));
            Assert.That(row[FormEntryExport.SubmittedColumn], Is.Not.Null);
            Assert.That(Columns.Skip(2).Select(c => row[c.Key]), Is.All.Null);
        });
    }
}
