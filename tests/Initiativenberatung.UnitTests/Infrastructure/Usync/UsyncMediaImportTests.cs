using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

/// <summary>The media handler stores items and files through MediaService.</summary>
public sealed class UsyncMediaImportTests
{
    private const string ImageFile = "b71d4c22/runder-tisch.png";

    private UsyncTestEnvironment _env = null!;
    private NotificationRecorder<MediaSavedNotification> _saved = null!;
    private NotificationRecorder<MediaFileStoredNotification> _stored = null!;

    [SetUp]
    public void SetUp()
    {
        _saved = new NotificationRecorder<MediaSavedNotification>();
        _stored = new NotificationRecorder<MediaFileStoredNotification>();
        _env = new UsyncTestEnvironment(services => services
            .AddSingleton(_saved)
            .AddSingleton(_stored)
            .AddNotificationHandler<MediaSavedNotification, NotificationRecorder<MediaSavedNotification>>()
            .AddNotificationHandler<MediaFileStoredNotification, NotificationRecorder<MediaFileStoredNotification>>());
    }

    [TearDown]
    public void TearDown() => _env.Dispose();

    private const UsyncParts MediaParts = UsyncParts.DataTypes | UsyncParts.MediaTypes | UsyncParts.Media;

    private async Task<List<AuditEntry>> MediaAuditLinesAsync()
    {
        await using var db = _env.CreateDb();
        return await db.AuditEntries.Where(a => a.EntityType == MediaNotification.Entity).OrderBy(a => a.Id).ToListAsync();
    }

    [Test]
    public async Task Raises_FileStored_for_files_and_Saved_for_folders_with_an_audit_line_each_as_uSync_When_the_seed_media_are_imported()
    {
        var result = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);

        await using var db = _env.CreateDb();
        var items = await db.MediaItems.ToListAsync();
        var lines = await MediaAuditLinesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.HasFailures, Is.False);
            Assert.That(_stored.Received.Select(n => n.Key), Is.EquivalentTo(items.Where(m => m.FilePath != null).Select(m => m.Key)));
            Assert.That(_stored.Received.Select(n => n.Replaced), Has.All.False);
            Assert.That(_saved.Received.Select(n => n.Key), Is.EquivalentTo(items.Where(m => m.FilePath == null).Select(m => m.Key)));
            Assert.That(_saved.Received.Select(n => n.Created), Has.All.True);
            Assert.That(lines.Select(l => l.EntityKey), Is.EquivalentTo(items.Select(m => (Guid?)m.Key)));
            Assert.That(lines.Select(l => l.UserName), Has.All.EqualTo(UsyncService.ImportUser));
            Assert.That(_env.MediaStore.Exists(ImageFile), Is.True);
        });
    }

    [Test]
    public async Task Raises_nothing_and_writes_no_audit_line_When_the_same_media_are_imported_again()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);
        var linesBefore = (await MediaAuditLinesAsync()).Count;
        _saved.Received.Clear();
        _stored.Received.Clear();

        var second = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);

        Assert.Multiple(async () =>
        {
            Assert.That(second.Items, Has.All.Matches<UsyncItemResult>(i => i.Change == UsyncChangeKind.NoChange));
            Assert.That(_saved.Received.Concat<MediaNotification>(_stored.Received), Is.Empty);
            Assert.That(await MediaAuditLinesAsync(), Has.Count.EqualTo(linesBefore));
        });
    }

    [Test]
    public async Task Writes_the_file_again_and_a_ReplaceFile_audit_line_When_the_stored_file_differs_from_the_folders()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);
        var expected = await File.ReadAllBytesAsync(Path.Combine(UsyncTestEnvironment.SeedFolder, UsyncService.FilesFolder, ImageFile));
        await using (var broken = new MemoryStream([1, 2, 3]))
        {
            await _env.MediaStore.SaveAsync(ImageFile, broken, CancellationToken.None);
        }

        var result = await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);

        await using var stream = _env.MediaStore.OpenRead(ImageFile)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var lines = await MediaAuditLinesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Single(i => i.File == "Media/runder-tisch.config").Change, Is.EqualTo(UsyncChangeKind.Update));
            Assert.That(copy.ToArray(), Is.EqualTo(expected));
            Assert.That(lines[^1].Action, Is.EqualTo(AuditActions.ReplaceFile));
            Assert.That(lines[^1].UserName, Is.EqualTo(UsyncService.ImportUser));
            Assert.That(_stored.Received[^1].Replaced, Is.True);
        });
    }

    [Test]
    public async Task Deletes_the_item_with_a_Delete_audit_line_as_uSync_When_its_file_is_a_delete_marker()
    {
        await _env.Service.ImportAsync(UsyncTestEnvironment.SeedFolder, MediaParts);
        Guid key;
        await using (var before = _env.CreateDb())
        {
            key = (await before.MediaItems.SingleAsync(m => m.Name == "Runder Tisch")).Key;
        }

        var copy = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "deleted");
        await File.WriteAllBytesAsync(Path.Combine(copy, "Media", "runder-tisch.config"),
            UsyncSerializer.WriteEmpty(new UsyncEmptyItem(key, "Runder Tisch", "Delete")));

        var result = await _env.Service.ImportAsync(copy, MediaParts);

        await using var db = _env.CreateDb();
        var lines = await MediaAuditLinesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result.Items.Single(i => i.Key == key).Change, Is.EqualTo(UsyncChangeKind.Delete));
            Assert.That(await db.MediaItems.AnyAsync(m => m.Key == key), Is.False);
            Assert.That(lines[^1].Action, Is.EqualTo(AuditActions.Delete));
            Assert.That(lines[^1].EntityKey, Is.EqualTo(key));
            Assert.That(lines[^1].UserName, Is.EqualTo(UsyncService.ImportUser));
        });
    }
}
