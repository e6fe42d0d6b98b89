using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Usync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncExportOnSaveTests
{
    private UsyncTestEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new UsyncTestEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    private string Folder => Path.Combine(_env.Root, "site", "uSync", "v17");

    private async Task<NotificationContext> HandleAsync(string userName)
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.ContentRootPath).Returns(Path.Combine(_env.Root, "site"));
        var settings = new Mock<IOptionsMonitor<UsyncSettings>>();
        settings.SetupGet(s => s.CurrentValue).Returns(new UsyncSettings { RootFolder = "uSync/v17", ExportOnSave = "Settings" });
        var handler = new UsyncExportOnSave(_env.Service, settings.Object, environment.Object, NullLogger<UsyncExportOnSave>.Instance);
        var context = new NotificationContext();
        await handler.HandleAsync(
            [new DataTypeSavedNotification(new Actor(null, userName), Guid.NewGuid(), "Textfeld", null, Created: true)], context, CancellationToken.None);
        return context;
    }

    [Test]
    public async Task Exports_the_settings_When_an_editor_saved_a_data_type()
    {
        var context = await HandleAsync("redaktion@example.org");

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Folder), Is.True);
            Assert.That(context.Messages, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Exports_nothing_When_the_notification_comes_from_the_uSync_import()
    {
        var context = await HandleAsync(UsyncService.ImportUser);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Folder), Is.False);
            Assert.That(context.Messages, Is.Empty);
        });
    }
}
