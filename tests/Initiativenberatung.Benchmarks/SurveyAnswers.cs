using System.Globalization;
using Initiativenberatung.Core.Forms;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// Realistic random answers to a form: one per field by type (choices from the options, German free text of varying length,
/// consent ticked). <see cref="Next"/> gives answers that pass <see cref="FormValidator"/>, so the stored JSON is exactly what
/// the survey post would store.
/// </summary>
public sealed class SurveyAnswers(FormDefinition form, int seed)
{
    private static readonly string[] ShortTexts =
    [
        "Umwelt", "Stadtplanung", "Bürgerbeteiligung", "Klimaschutz", "Wirtschaftsförderung", "Soziales", "Ehrenamt",
        "Quartiersmanagement", "Jugend und Familie", "Kultur", "Grünflächen", "Abfallwirtschaft",
    ];

    private static readonly string[] Sentences =
    [
        "Eine feste Ansprechperson in der Verwaltung hat vieles vereinfacht.",
        "Die Initiativen waren sehr engagiert und gut vernetzt.",
        "Kurze Wege zwischen Verwaltung und Ehrenamt haben geholfen.",
        "Die Suche nach geeigneten Räumen hat lange gedauert.",
        "Versicherungsfragen waren für alle Beteiligten unklar.",
        "Fördermittel kamen spät, die Antragstellung war aufwendig.",
        "Ein gemeinsamer Runder Tisch trifft sich seit zwei Jahren regelmäßig.",
        "Wir wünschen uns mehr Austausch mit anderen Kommunen.",
        "Die Öffentlichkeitsarbeit über das Amtsblatt hat neue Mitglieder gebracht.",
        "Personalwechsel in der Verwaltung haben die Zusammenarbeit erschwert.",
        "Der Reparatur-Treff im Bürgerhaus ist sehr gut besucht.",
        "Beim Lastenrad fehlte anfangs ein sicherer Stellplatz.",
    ];

    private readonly Random _random = new(seed);
    private readonly List<FormField> _fields = form.AllFields().Where(f => FormFieldTypes.TakesInput(f.Type)).ToList();

    /// <summary>The seeded survey's definition as the site stored it (table FormDefinitions).</summary>
    public static FormDefinition LoadForm(SqliteConnection connection, Guid formKey)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Alias, DefinitionJson FROM FormDefinitions WHERE upper(Key) = $key";
        command.Parameters.AddWithValue("$key", formKey.ToString().ToUpperInvariant());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new ArgumentException($"form {formKey} is not in the database (start the site once to seed it)");
        }

        var form = FormDefinitionJson.Read(reader.GetString(1), reader.GetString(0));
        form.Key = formKey;
        return form;
    }

    /// <summary>Posted answers (alias → values) that the validator accepts.</summary>
    public Dictionary<string, string[]> Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var field in _fields)
            {
                if (Answer(field) is { Length: > 0 } values)
                {
                    answers[field.Alias] = values;
                }
            }

            var result = FormValidator.Validate(form, answers);
            if (result.IsValid)
            {
                return answers.Where(a => result.Values.Any(v => v.Key == a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            }
        }

        throw new InvalidOperationException($"could not generate valid answers for form {form.Alias}");
    }

    /// <summary>The stored values JSON of valid answers (as <c>FormEntryStore.AppendAsync</c> writes it).</summary>
    public string NextValuesJson() => FormEntryValues.Serialize(FormValidator.Validate(form, Next()).Values);

    private string[] Answer(FormField field)
    {
        var skip = !field.Mandatory && field.Type != FormFieldType.DataConsent && _random.NextDouble() < 0.25;
        if (skip)
        {
            return [];
        }

        return field.Type switch
        {
            FormFieldType.SingleChoice or FormFieldType.Dropdown when field.Options.Count > 0 && !field.AllowsMultiple =>
                [field.Options[_random.Next(field.Options.Count)].Value],
            FormFieldType.MultipleChoice or FormFieldType.Dropdown when field.Options.Count > 0 =>
                field.Options.Where(_ => _random.NextDouble() < 0.4).Select(o => o.Value).DefaultIfEmpty(field.Options[0].Value).ToArray(),
            FormFieldType.Checkbox or FormFieldType.DataConsent => ["true"],
            FormFieldType.Number => [_random.Next(1, 500).ToString(CultureInfo.InvariantCulture)],
            FormFieldType.Date => [new DateOnly(2026, 1, 1).AddDays(_random.Next(300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            FormFieldType.LongAnswer => [string.Join(_random.NextDouble() < 0.2 ? "\r\n" : " ",
                Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Sentences[_random.Next(Sentences.Length)]))],
            FormFieldType.ShortAnswer => [ShortTexts[_random.Next(ShortTexts.Length)]],
            _ => [],
        };
    }
}
