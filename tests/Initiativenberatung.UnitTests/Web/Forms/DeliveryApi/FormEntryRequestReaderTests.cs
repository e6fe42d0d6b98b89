using System.Text;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.Forms.DeliveryApi;

[TestFixture]
public sealed class FormEntryRequestReaderTests
{
    private static readonly IStringLocalizer Text = new StringLocalizer<FormsDeliveryApiText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static FormEntryRequest Read(string json) => FormEntryRequestReader.Read(Encoding.UTF8.GetBytes(json), Text);

    [Test]
    public void Reads_strings_arrays_numbers_and_booleans_and_skips_null_When_the_body_is_Umbraco_Forms_shape()
    {
        var request = Read("""{ "values": { "a": "x", "b": ["1", "2"], "c": 12.5, "d": true, "e": null }, "contentId": "ca4249ed-2b23-4337-b522-63cabe5587d1", "culture": "de-DE", "additionalData": { "k": "v" } }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.IsValid, Is.True, string.Join("; ", request.Errors.SelectMany(e => e.Value)));
            Assert.That(request.Answers["a"], Is.EqualTo(new[] { "x" }));
            Assert.That(request.Answers["b"], Is.EqualTo(new[] { "1", "2" }));
            Assert.That(request.Answers["c"], Is.EqualTo(new[] { "12.5" }));
            Assert.That(request.Answers["d"], Is.EqualTo(new[] { "true" }));
            Assert.That(request.Answers.ContainsKey("e"), Is.False);
        }
    }

    [TestCase("{ \"values\": { \"a\": \"x\" ", "$", "kein gültiges JSON")]
    [TestCase("[1, 2]", "$", "JSON-Objekt")]
    [TestCase("{ \"values\": { \"a\": { \"b\": 1 } } }", "values.a", "Zeichenkette oder eine Liste")]
    [TestCase("{ \"values\": { \"a\": [\"x\", [\"y\"]] } }", "values.a", "Zeichenkette oder eine Liste")]
    [TestCase("{ \"values\": { \"a\": \"x\" }, \"ip\": \"1.2.3.4\" }", "ip", "nicht vorgesehen")]
    [TestCase("{ \"values\": [\"x\"] }", "values", "JSON-Objekt")]
    [TestCase("{ \"contentId\": \"x\" }", "values", "„values“ fehlt")]
    [TestCase("{ \"values\": { \"a\": \"x\", \"a\": \"y\" } }", "values.a", "mehrfach")]
    [TestCase("{ \"values\": {}, \"culture\": 7 }", "culture", "Sprachcode")]
    [TestCase("{ \"values\": {}, \"contentId\": [] }", "contentId", "GUID")]
    public void Names_the_place_in_German_When_the_body_is_not_usable(string json, string path, string message)
    {
        var request = Read(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.IsValid, Is.False);
            Assert.That(request.Errors.Keys, Does.Contain(path));
            Assert.That(request.Errors.GetValueOrDefault(path), Has.Some.Contains(message));
        }
    }

    [Test]
    public void Rejects_the_body_When_it_has_more_answers_than_allowed()
    {
        var values = string.Join(", ", Enumerable.Range(0, FormEntryRequestReader.MaxAnswers + 1).Select(i => $"\"f{i}\": \"x\""));

        var request = Read("{ \"values\": { " + values + " } }");

        Assert.That(request.Errors.GetValueOrDefault("values"), Has.Some.Contains("mehr als 512"));
    }

    [Test]
    public void Rejects_the_body_When_it_is_nested_deeper_than_allowed()
    {
        var request = Read("{ \"values\": { \"a\": [[[[[[[[[[\"x\"]]]]]]]]]] } }");

        Assert.That(request.Errors.Keys, Does.Contain("$"));
    }
}
