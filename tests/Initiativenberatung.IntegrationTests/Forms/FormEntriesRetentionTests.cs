using System.Globalization;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Forms;
using Initiativenberatung.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>CLI verbs <c>entries export</c>/<c>entries purge</c> and the daily retention job.</summary>
[TestFixture]
public sealed class FormEntriesRetentionTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Removes_only_entries_older_than_the_retention_When_the_job_runs()
    {
        var kept = await _factory.CreateFormAsync("job-frist", retentionDays: 30);
        var untouched = await _factory.CreateFormAsync("job-ohne-frist");
        var today = DateTime.UtcNow.Date;
        await _factory.BulkInsertAsync(kept.Key, 5, i => (i < 3 ? today.AddDays(-40 - i) : today.AddDays(-10), "{}"));
        await _factory.BulkInsertAsync(untouched.Key, 2, _ => (today.AddDays(-400), "{}"));

        var removed = await _factory.Services.GetRequiredService<FormEntriesRetentionJob>().RunOnceAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.GreaterThanOrEqualTo(3), "the three old entries (other tests' forms may add theirs)");
            Assert.That(await _factory.CountAsync(kept.Key), Is.EqualTo(2));
            Assert.That(await _factory.CountAsync(untouched.Key), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Prints_the_number_removed_When_entries_purge_runs_for_one_form()
    {
        var form = await _factory.CreateFormAsync("cli-frist", retentionDays: 7);
        var other = await _factory.CreateFormAsync("cli-andere", retentionDays: 7);
        var today = DateTime.UtcNow.Date;
        await _factory.BulkInsertAsync(form.Key, 4, i => (i < 2 ? today.AddDays(-8) : today, "{}"));
        await _factory.BulkInsertAsync(other.Key, 2, _ => (today.AddDays(-8), "{}"));

        var (exit, output) = await RunAsync(["entries", "purge"], "--form", "cli-frist");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Does.Contain("cli-frist: 2 Einträge gelöscht (älter als 7 Tage)."));
            Assert.That(await _factory.CountAsync(form.Key), Is.EqualTo(2));
            Assert.That(await _factory.CountAsync(other.Key), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Writes_the_entries_in_the_date_range_to_the_file_When_entries_export_runs()
    {
        var form = await _factory.CreateFormAsync("cli-export");
        await _factory.BulkInsertAsync(form.Key, 3, i => (new DateTime(2026, 1, 10 + i, 0, 0, 0, DateTimeKind.Utc), FormEntriesTestSite.Json(("fachbereich", "Fachbereich", [$"=Antwort {i}"]))));
        var file = Path.Combine(_factory.TempDirectory, "cli-export.csv");

        var (exit, output) = await RunAsync(["entries", "export"], "--form", "cli-export", "--out", file, "--from", "2026-01-11", "--to", "2026-01-12", "--delimiter", "tab");
        var rows = FormEntriesTests.ParseCsv(File.ReadAllText(file).TrimStart('\uFEFF'), '\t');

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Does.Contain("2 Einträge nach"));
            Assert.That(rows, Has.Count.EqualTo(3));
            Assert.That(rows.Skip(1).Select(r => r[Array.IndexOf(rows[0], "In welchem Fachbereich arbeiten Sie?")]), Is.EqualTo(new[] { "'=Antwort 1", "'=Antwort 2" }));
        }
    }

    [Test]
    public async Task Writes_an_xlsx_file_When_entries_export_runs_with_format_xlsx()
    {
        var form = await _factory.CreateFormAsync("cli-xlsx");
        await _factory.BulkInsertAsync(form.Key, 2, _ => (DateTime.UtcNow.Date, "{}"));
        var file = Path.Combine(_factory.TempDirectory, "cli-export.xlsx");

        var (exit, _) = await RunAsync(["entries", "export"], "--form", "cli-xlsx", "--format", "xlsx", "--out", file);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);

        Assert.That(exit, Is.Zero);
        Assert.That(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count(), Is.EqualTo(3));
    }

    [TestCase("--form", "gibt-es-nicht")]
    [TestCase("--form", "kommunen-umfrage", "--format", "pdf")]
    [TestCase("--form", "kommunen-umfrage", "--from", "gestern")]
    public void Throws_an_argument_error_with_a_German_message_When_entries_export_gets_bad_options(params string[] args)
    {
        var command = Command(["entries", "export"]);

        var error = Assert.ThrowsAsync<ArgumentException>(() => command.RunAsync(new CliArguments(args), _factory.Services, TextWriter.Null, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("Formular").Or.Contain("muss"));
    }

    [Test]
    public void Knows_the_entries_verb_When_the_process_starts_with_it()
    {
        Assert.That(CliHost.IsCliInvocation(["entries", "purge"], CliHost.KnownVerbs), Is.True);
    }

    private ICliCommand Command(string[] verb) =>
        _factory.Services.GetServices<ICliCommand>().Single(c => c.Verb.SequenceEqual(verb));

    private async Task<(int Exit, string Output)> RunAsync(string[] verb, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await Command(verb).RunAsync(new CliArguments(args), _factory.Services, output, CancellationToken.None);
        return (exit, output.ToString());
    }
}
