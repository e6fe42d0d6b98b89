using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.IntegrationTests.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Notifications;

/// <summary>Every media write raises its notification once (actor, key, name) and leaves exactly one audit line.</summary>
[TestFixture]
public sealed class MediaNotificationTests
{
    private static readonly Actor Editor = new("user-9", "medien@example.org");
    private readonly NotificationRecorder _recorder = new();
    private CmsWebApplicationFactory _factory = null!;
    private IServiceProvider _services = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _services = _recorder.Subscribe(_factory).Services;
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    private MediaService Media => _services.GetRequiredService<MediaService>();

    [Test]
    public async Task Raises_MediaSaved_as_created_When_a_folder_is_created()
    {
        MediaItem? folder = null;
        var saved = await ExpectOneWithNewKeyAsync<MediaSavedNotification>(async () => folder = await Succeeds(Media.CreateFolderAsync(Editor, null, "Pressefotos")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Key, Is.EqualTo(folder!.Key));
            Assert.That(saved.Name, Is.EqualTo("Pressefotos"));
            Assert.That(saved.Created, Is.True);
        }
    }

    [Test]
    public async Task Raises_MediaFileStored_as_upload_When_a_file_is_uploaded()
    {
        MediaItem? item = null;
        var stored = await ExpectOneWithNewKeyAsync<MediaFileStoredNotification>(
            async () => item = await Succeeds(Media.UploadAsync(Editor, MediaTestData.DownloadsFolderKey, "einladung.pdf", new MemoryStream(MediaTestData.Pdf("einladung")))));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Key, Is.EqualTo(item!.Key));
            Assert.That(stored.Name, Is.EqualTo("einladung"));
            Assert.That(stored.Replaced, Is.False);
            Assert.That(stored.AuditAction, Is.EqualTo(AuditActions.Upload));
        }
    }

    [Test]
    public async Task Raises_MediaFileStored_as_replacement_When_the_file_of_an_item_is_replaced()
    {
        var key = await UploadAsync("austausch");
        var stored = await _recorder.ExpectOneAsync<MediaFileStoredNotification>(_services, Editor, key,
            () => Succeeds(Media.ReplaceFileAsync(Editor, key, "austausch.pdf", new MemoryStream(MediaTestData.Pdf("neu", 3000)))));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Replaced, Is.True);
            Assert.That(stored.AuditAction, Is.EqualTo(AuditActions.ReplaceFile));
            Assert.That((await Media.GetAsync(key))!.Bytes, Is.EqualTo(3000));
        }
    }

    [Test]
    public async Task Raises_MediaSaved_When_an_item_is_renamed()
    {
        var key = await UploadAsync("alter-name");
        var saved = await _recorder.ExpectOneAsync<MediaSavedNotification>(_services, Editor, key, () => Succeeds(Media.RenameAsync(Editor, key, "Neuer Name")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Name, Is.EqualTo("Neuer Name"));
            Assert.That(saved.Created, Is.False);
        }
    }

    [Test]
    public async Task Raises_MediaMoved_When_an_item_is_moved_into_another_folder()
    {
        var key = await UploadAsync("umzug");
        var moved = await _recorder.ExpectOneAsync<MediaMovedNotification>(_services, Editor, key,
            () => Succeeds(Media.MoveAsync(Editor, key, MediaTestData.LogosFolderKey)));
        Assert.That((await Media.GetAsync(key))!.ParentKey, Is.EqualTo(MediaTestData.LogosFolderKey), moved.Details);
    }

    [Test]
    public async Task Raises_MediaTrashed_then_MediaRestored_When_an_item_goes_to_the_recycle_bin_and_back()
    {
        var key = await UploadAsync("papierkorb");
        await _recorder.ExpectOneAsync<MediaTrashedNotification>(_services, Editor, key, () => Succeeds(Media.TrashAsync(Editor, key)));
        await _recorder.ExpectOneAsync<MediaRestoredNotification>(_services, Editor, key, () => Succeeds(Media.RestoreAsync(Editor, key)));
    }

    [Test]
    public async Task Raises_MediaDeleted_and_removes_the_item_When_it_is_deleted_from_the_recycle_bin()
    {
        var key = await UploadAsync("endgueltig");
        await Succeeds(Media.TrashAsync(Editor, key));
        await _recorder.ExpectOneAsync<MediaDeletedNotification>(_services, Editor, key, () => Succeeds(Media.DeleteAsync(Editor, key)));
        Assert.That(await Media.GetAsync(key), Is.Null);
    }

    [Test]
    public async Task Raises_nothing_When_an_upload_is_refused()
    {
        _recorder.Clear();
        var result = await Media.UploadAsync(Editor, null, "setup.exe", new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Success, Is.False);
            Assert.That(_recorder.Received, Is.Empty);
        }
    }

    /// <summary>For operations that create the item: the key is only known afterwards, so it is taken from the notification.</summary>
    private async Task<T> ExpectOneWithNewKeyAsync<T>(Func<Task> operation)
        where T : ChangeNotification
    {
        _recorder.Clear();
        await operation();
        var raised = _recorder.Received.OfType<T>().LastOrDefault();
        Assert.That(raised, Is.Not.Null, $"no {typeof(T).Name}");
        var key = raised!.EntityKey!.Value;

        // The same checks as for an existing item: the audit trail of the new key has exactly its one line.
        var lines = await _services.GetRequiredService<AuditService>().ForEntityAsync(key);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_recorder.Received, Has.Count.EqualTo(1));
            Assert.That(_recorder.Calls, Is.EqualTo(1));
            Assert.That(raised.Actor, Is.EqualTo(Editor));
            Assert.That(lines.Select(l => (l.Action, l.EntityName, l.UserName, l.Details)),
                Is.EqualTo(new[] { (raised.AuditAction, raised.EntityName, Editor.UserName, raised.Details) }));
        }

        return raised;
    }

    private async Task<Guid> UploadAsync(string name)
    {
        var item = await Succeeds(Media.UploadAsync(Editor, MediaTestData.DownloadsFolderKey, name + ".pdf", new MemoryStream(MediaTestData.Pdf(name))));
        return item.Key;
    }

    private static async Task<MediaItem> Succeeds(Task<MediaResult> operation)
    {
        var result = await operation;
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Item!;
    }
}
