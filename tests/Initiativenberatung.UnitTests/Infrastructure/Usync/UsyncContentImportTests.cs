using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Infrastructure.Usync.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

/// <summary>The handlers save through ContentService and SchemaService, and the whole import is one unit of work.</summary>
public sealed class UsyncContentImportTests
{
    private static readonly Guid SurveyKey = Guid.Parse("8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51");
    private static readonly Guid HomeKey = Guid.Parse("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");

    private UsyncTestEnvironment _env = null!;
    private RecordingSubscriber _recorder = null!;

    [SetUp]
    public void SetUp()
    {
        _recorder = new RecordingSubscriber();
        _env = new UsyncTestEnvironment(services => services
            .AddSingleton(_recorder)
            .AddNotificationHandler<ContentSavedNotification, RecordingSubscriber>()
            .AddNotificationHandler<ContentPublishedNotification, RecordingSubscriber>()
            .AddNotificationHandler<ISettingsNotification, NotificationRecorder<ISettingsNotification>>());
    }

    [TearDown]
    public void TearDown() => _env.Dispose();

    private static string Describe(UsyncResult result) =>
        string.Join("\n", result.Items.Select(i => $"{i.Change} {i.ItemType} {i.Name} {i.File}: {i.Message}"));

    /// <summary>A copy of the seed with the survey page's file changed.</summary>
    private async Task<string> SeedWithSurveyAsync(string name, Func<string, string> change)
    {
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, name);
        var file = Path.Combine(copy, "Content", "umfrage.config");
        await File.WriteAllTextAsync(file, change(await File.ReadAllTextAsync(file)));
        return copy;
    }

    [Test]
    public async Task Fails_that_item_with_a_German_message_naming_the_property_and_imports_the_rest_When_a_mandatory_value_is_empty()
    {
        var copy = await SeedWithSurveyAsync("invalid", xml => xml.Replace(
            "<![CDATA[Umfrage: Zusammenarbeit mit Initiativen]]>", "<![CDATA[]]>", StringComparison.Ordinal));

        var result = await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        var failed = result.Items.Single(i => i.Change == UsyncChangeKind.Fail);
        Assert.Multiple(async () =>
        {
            Assert.That(failed.File, Is.EqualTo("Content/umfrage.config"), Describe(result));
            Assert.That(failed.Message, Does.Contain("headline").And.Contain("„Überschrift“ ist ein Pflichtfeld."));
            Assert.That(result.Items.Where(i => i != failed), Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.Create), Describe(result));
            Assert.That(await db.ContentNodes.AnyAsync(n => n.Key == SurveyKey), Is.False);
            Assert.That(await db.ContentVersions.AnyAsync(v => v.ContentKey == SurveyKey), Is.False);
            Assert.That(await db.ContentNodes.AnyAsync(n => n.Key == HomeKey && n.PublishedVersionId != null), Is.True);
        });
    }

    [Test]
    public async Task Keeps_the_value_as_read_When_a_property_is_not_on_the_document_type()
    {
        var copy = await SeedWithSurveyAsync("unknown", xml => xml.Replace(
            "  </Properties>", "    <legacyTeaser>\n      <Value><![CDATA[{\"alt\":\"Ä\"}]]></Value>\n    </legacyTeaser>\n  </Properties>", StringComparison.Ordinal));

        var result = await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        var node = await db.ContentNodes.SingleAsync(n => n.Key == SurveyKey);
        var version = await db.ContentVersions.SingleAsync(v => v.Id == node.CurrentVersionId);
        Assert.Multiple(() =>
        {
            Assert.That(result.HasFailures, Is.False, Describe(result));
            Assert.That(version.Values["legacyTeaser"], Is.EqualTo("{\"alt\":\"Ä\"}"));
        });
    }

    [Test]
    public async Task Plans_a_redirect_from_the_old_route_When_a_published_page_is_reimported_with_a_new_segment()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var oldRoute = _env.Snapshots.Current.GetByKey(SurveyKey)!.Route;
        var copy = await SeedWithSurveyAsync("renamed", xml => xml.Replace(
            "<NodeName Default=\"Umfrage\" />", "<NodeName Default=\"Umfrage 2027\" />", StringComparison.Ordinal));

        var result = await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        var node = await db.ContentNodes.SingleAsync(n => n.Key == SurveyKey);
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single(i => i.Key == SurveyKey).Change, Is.EqualTo(UsyncChangeKind.Update), Describe(result));
            Assert.That(node.UrlSegment, Is.EqualTo("umfrage-2027"));
            Assert.That(await db.RedirectUrls.SingleAsync(r => r.Route == oldRoute), Has.Property("ContentKey").EqualTo(SurveyKey));
            Assert.That(_env.Snapshots.Current.GetByKey(SurveyKey)!.Route, Does.EndWith("umfrage-2027/").Or.EndWith("umfrage-2027"));
        });
    }

    [Test]
    public async Task Unpublishes_the_page_with_its_own_audit_line_When_a_published_page_is_reimported_as_unpublished()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var copy = await SeedWithSurveyAsync("unpublished", xml => xml.Replace(
            "<Published Default=\"true\" />", "<Published Default=\"false\" />", StringComparison.Ordinal));

        await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        var node = await db.ContentNodes.SingleAsync(n => n.Key == SurveyKey);
        var actions = await db.AuditEntries.Where(a => a.EntityKey == SurveyKey && a.UserName == UsyncService.ImportUser).Select(a => a.Action).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(node.PublishedVersionId, Is.Null);
            Assert.That(actions, Has.Count.EqualTo(3));
            Assert.That(_env.Snapshots.Current.GetByKey(SurveyKey), Is.Null);
        });
    }

    [Test]
    public async Task Writes_an_audit_line_with_actor_uSync_When_a_document_is_imported()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);

        await using var db = _env.CreateDb();
        var lines = await db.AuditEntries.Where(a => a.EntityKey == SurveyKey).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(1));
            Assert.That(lines[0].UserName, Is.EqualTo(UsyncService.ImportUser));
            Assert.That(lines[0].EntityName, Is.EqualTo("Umfrage"));
        });
    }

    [Test]
    public async Task Writes_schema_audit_lines_as_uSync_When_data_types_and_content_types_are_imported()
    {
        var result = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, UsyncParts.DataTypes | UsyncParts.ContentTypes);

        await using var db = _env.CreateDb();
        var schemaLines = await db.AuditEntries.Where(a => a.EntityType == "DataType" || a.EntityType == "ContentType").ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(schemaLines, Has.Count.EqualTo(result.Created), string.Join("\n", schemaLines.Select(l => $"{l.EntityType} {l.EntityName}")));
            Assert.That(schemaLines, Has.All.Matches<Initiativenberatung.Core.Auditing.AuditEntry>(l => l.UserName == UsyncService.ImportUser));
        });
    }

    [Test]
    public async Task Raises_ContentPublished_and_ContentSaved_as_uSync_When_a_published_and_an_unpublished_page_are_imported()
    {
        var copy = await SeedWithSurveyAsync("draft", xml => xml.Replace(
            "<Published Default=\"true\" />", "<Published Default=\"false\" />", StringComparison.Ordinal));

        await _env.Service.ImportAsync(copy);

        Assert.Multiple(() =>
        {
            Assert.That(_recorder.Published.Select(n => n.Key), Is.EqualTo(new[] { HomeKey }));
            Assert.That(_recorder.Saved.Select(n => n.Key), Is.EqualTo(new[] { SurveyKey }));
            Assert.That(_recorder.Published.Concat<ChangeNotification>(_recorder.Saved).Select(n => n.Actor.UserName),
                Has.All.EqualTo(UsyncService.ImportUser));
        });
    }

    [Test]
    public async Task Deletes_the_page_and_its_versions_with_a_Delete_audit_line_as_uSync_When_a_content_file_is_a_delete_marker()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder);
        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "deleted");
        await File.WriteAllBytesAsync(Path.Combine(copy, "Content", "umfrage.config"),
            UsyncSerializer.WriteEmpty(new UsyncEmptyItem(SurveyKey, "Umfrage", "Delete")));

        var result = await _env.Service.ImportAsync(copy);

        await using var db = _env.CreateDb();
        var deleteLines = await db.AuditEntries.Where(a => a.EntityKey == SurveyKey && a.Action == "Delete").ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single(i => i.Key == SurveyKey).Change, Is.EqualTo(UsyncChangeKind.Delete), Describe(result));
            Assert.That(await db.ContentNodes.AnyAsync(n => n.Key == SurveyKey), Is.False);
            Assert.That(await db.ContentVersions.AnyAsync(v => v.ContentKey == SurveyKey), Is.False);
            Assert.That(deleteLines.Select(l => l.UserName), Is.EqualTo(new[] { UsyncService.ImportUser }));
            Assert.That(_env.Snapshots.Current.GetByKey(SurveyKey), Is.Null);
        });
    }

    [Test]
    public async Task Deletes_the_data_type_through_the_schema_service_with_a_Delete_audit_line_When_a_data_type_file_is_a_delete_marker()
    {
        var extra = new DataType { Key = Guid.NewGuid(), Name = "Kurztext ohne Verwendung", EditorAlias = "Umbraco.TextBox", ConfigJson = "{}" };
        var first = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "with-extra");
        await File.WriteAllBytesAsync(Path.Combine(first, "DataTypes", "KurztextOhneVerwendung.config"), UsyncSerializer.WriteDataType(extra));
        await _env.Service.ImportAsync(first);
        await File.WriteAllBytesAsync(Path.Combine(first, "DataTypes", "KurztextOhneVerwendung.config"),
            UsyncSerializer.WriteEmpty(new UsyncEmptyItem(extra.Key, "KurztextOhneVerwendung", "Delete")));
        var recorder = _env.Provider.GetRequiredService<NotificationRecorder<ISettingsNotification>>();

        var result = await _env.Service.ImportAsync(first);

        await using var db = _env.CreateDb();
        var lines = await db.AuditEntries.Where(a => a.EntityKey == extra.Key).OrderBy(a => a.Id).Select(a => a.Action + " " + a.UserName).ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single(i => i.Key == extra.Key).Change, Is.EqualTo(UsyncChangeKind.Delete), Describe(result));
            Assert.That(await db.DataTypes.AnyAsync(d => d.Key == extra.Key), Is.False);
            Assert.That(lines, Is.EqualTo(new[] { "SchemaSave uSync", "Delete uSync" }));
            Assert.That(recorder.Received.OfType<DataTypeDeletedNotification>().Select(n => n.EntityKey), Is.EqualTo(new Guid?[] { extra.Key }));
        });
    }

    [Test]
    public async Task Stores_nothing_and_raises_nothing_When_a_handler_fails_after_some_items_were_imported()
    {
        using var env = new UsyncTestEnvironment(services => services.AddSingleton<IUsyncHandler, FailingHandler>());

        Assert.ThrowsAsync<InvalidOperationException>(() => env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder));

        await using var db = env.CreateDb();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.DataTypes.CountAsync(), Is.Zero);
            Assert.That(await db.ContentTypes.CountAsync(), Is.Zero);
            Assert.That(await db.MediaItems.CountAsync(), Is.Zero);
            Assert.That(await db.ContentNodes.CountAsync(), Is.Zero);
            Assert.That(await db.ContentVersions.CountAsync(), Is.Zero);
            Assert.That(await db.AuditEntries.CountAsync(), Is.Zero);
            Assert.That(env.Snapshots.Current.Content, Is.Empty);
        });
    }

    /// <summary>Runs after the content handler and fails, once every other item was written into the unit of work.</summary>
    private sealed class FailingHandler : IUsyncHandler
    {
        public int Order => int.MaxValue;

        public UsyncParts Part => UsyncParts.Content;

        public Task ImportAsync(UsyncImportRun run, CancellationToken cancellationToken) =>
            run.Result.Items.Any(i => i.Change == UsyncChangeKind.Create)
                ? throw new InvalidOperationException("Eingeschleuster Fehler nach dem Import der Inhalte.")
                : Task.CompletedTask;
    }

    private sealed class RecordingSubscriber : INotificationHandler<ContentSavedNotification>, INotificationHandler<ContentPublishedNotification>
    {
        public List<ContentSavedNotification> Saved { get; } = [];

        public List<ContentPublishedNotification> Published { get; } = [];

        public Task HandleAsync(IReadOnlyList<ContentSavedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
        {
            Saved.AddRange(notifications);
            return Task.CompletedTask;
        }

        public Task HandleAsync(IReadOnlyList<ContentPublishedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
        {
            Published.AddRange(notifications);
            return Task.CompletedTask;
        }
    }
}
