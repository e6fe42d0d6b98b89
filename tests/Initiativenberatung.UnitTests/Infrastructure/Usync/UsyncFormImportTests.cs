using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

/// <summary>The form handler stores through FormBuilderService and deletes through FormDeletion.</summary>
public sealed class UsyncFormImportTests
{
    private const string SurveyFile = "Forms/kommunen-umfrage.config";
    private static readonly Guid SurveyFormKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    private UsyncTestEnvironment _env = null!;
    private NotificationRecorder<FormSavedNotification> _saved = null!;
    private NotificationRecorder<FormDeletedNotification> _deleted = null!;

    [SetUp]
    public void SetUp()
    {
        _saved = new NotificationRecorder<FormSavedNotification>();
        _deleted = new NotificationRecorder<FormDeletedNotification>();
        _env = new UsyncTestEnvironment(services => services
            .AddSingleton(_saved)
            .AddSingleton(_deleted)
            .AddNotificationHandler<FormSavedNotification, NotificationRecorder<FormSavedNotification>>()
            .AddNotificationHandler<FormDeletedNotification, NotificationRecorder<FormDeletedNotification>>());
    }

    [TearDown]
    public void TearDown() => _env.Dispose();

    private async Task<List<Initiativenberatung.Core.Auditing.AuditEntry>> FormAuditLinesAsync()
    {
        await using var db = _env.CreateDb();
        return await db.AuditEntries.Where(a => a.EntityType == FormNotification.Entity).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<string> SeedWithDeletedSurveyAsync()
    {
        var folder = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "deleted");
        await File.WriteAllBytesAsync(Path.Combine(folder, SurveyFile),
            UsyncSerializer.WriteEmpty(new UsyncEmptyItem(SurveyFormKey, "kommunen-umfrage", "Delete")));
        return folder;
    }

    [Test]
    public async Task Raises_FormSaved_and_writes_a_Create_audit_line_as_uSync_When_the_seed_form_is_imported()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);

        var lines = await FormAuditLinesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(_saved.Received.Select(n => (n.Key, n.Created, n.Actor.UserName)),
                Is.EqualTo(new[] { (SurveyFormKey, true, UsyncService.ImportUser) }));
            Assert.That(lines.Select(l => (l.EntityKey, l.Action, l.UserName)),
                Is.EqualTo(new[] { ((Guid?)SurveyFormKey, "Create", UsyncService.ImportUser) }));
        });
    }

    [Test]
    public async Task Raises_nothing_and_writes_no_audit_line_When_the_same_form_is_imported_again()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);
        _saved.Received.Clear();

        var second = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);

        Assert.Multiple(async () =>
        {
            Assert.That(second.Items.Single().Change, Is.EqualTo(UsyncChangeKind.NoChange));
            Assert.That(_saved.Received, Is.Empty);
            Assert.That(await FormAuditLinesAsync(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Writes_a_Save_audit_line_and_keeps_the_files_retention_When_a_changed_form_is_imported()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);
        var folder = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "changed");
        var path = Path.Combine(folder, SurveyFile);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path))
            .Replace("In welchem Fachbereich arbeiten Sie?", "In welcher Abteilung arbeiten Sie?", StringComparison.Ordinal)
            .Replace("730", "365", StringComparison.Ordinal));

        var result = await _env.Service.ImportAsync(folder, UsyncParts.Forms);

        await using var db = _env.CreateDb();
        var stored = FormDefinitionStore.ToDefinition(await db.FormDefinitions.SingleAsync());
        var lines = await FormAuditLinesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Single().Change, Is.EqualTo(UsyncChangeKind.Update));
            Assert.That(stored.RetentionDays, Is.EqualTo(365));
            Assert.That(stored.AllFields().Single(f => f.Alias == "fachbereich").Caption, Is.EqualTo("In welcher Abteilung arbeiten Sie?"));
            Assert.That(lines.Select(l => l.Action), Does.Contain("Save").And.Contain("ChangeProtectedSettings"));
            Assert.That(lines.Select(l => l.UserName), Has.All.EqualTo(UsyncService.ImportUser));
            Assert.That(_saved.Received.Select(n => n.Created), Is.EqualTo(new[] { true, false }));
        });
    }

    [Test]
    public async Task Deletes_the_form_with_a_Delete_audit_line_and_the_field_catalogue_forgets_it_When_the_file_is_a_delete_marker()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);
        var catalog = _env.Provider.GetRequiredService<FormEntryFieldCatalog>();
        KeyValuePair<string, string>[] columns = [new("fachbereich", "Fachbereich")];
        await catalog.EnsureAsync(SurveyFormKey, columns);

        var result = await _env.Service.ImportAsync(await SeedWithDeletedSurveyAsync(), UsyncParts.Forms);
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.Forms);
        await catalog.EnsureAsync(SurveyFormKey, columns);

        var lines = await FormAuditLinesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single().Change, Is.EqualTo(UsyncChangeKind.Delete));
            Assert.That(_deleted.Received.Select(n => (n.Key, n.Actor.UserName)), Is.EqualTo(new[] { (SurveyFormKey, UsyncService.ImportUser) }));
            Assert.That(lines.Select(l => l.Action), Is.EqualTo(new[] { "Create", "Delete", "Create" }));
            Assert.That(await catalog.ListAsync(SurveyFormKey), Is.EqualTo(columns), "a catalogue that still knew the form would not record the column again");
        });
    }
}
