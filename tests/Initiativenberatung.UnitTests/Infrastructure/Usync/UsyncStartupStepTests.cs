using Initiativenberatung.Web.Hosting;
using Initiativenberatung.Web.Usync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Initiativenberatung.UnitTests.Infrastructure.Usync;

public sealed class UsyncStartupStepTests
{
    private UsyncTestEnvironment _env = null!;
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _env = new UsyncTestEnvironment();
        _folder = _env.CopyFolder(UsyncTestEnvironment.SeedFolder, "site/uSync/v17");
    }

    [TearDown]
    public void TearDown() => _env.Dispose();

    private UsyncStartupStep CreateStep(string importAtStartup = "Settings")
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.ContentRootPath).Returns(Path.Combine(_env.Root, "site"));
        var settings = Options.Create(new UsyncSettings { RootFolder = "uSync/v17", ImportAtStartup = importAtStartup });
        return new UsyncStartupStep(_env.Service, settings, environment.Object, NullLogger<UsyncStartupStep>.Instance);
    }

    private async Task<(int Types, int Nodes)> CountAsync()
    {
        await using var db = _env.CreateDb();
        return (await db.ContentTypes.CountAsync(), await db.ContentNodes.CountAsync());
    }

    [Test]
    public async Task Imports_everything_When_first_boot()
    {
        await CreateStep().RunAsync(new StartupContext(IsFirstBoot: true), CancellationToken.None);

        Assert.That(await CountAsync(), Is.EqualTo((14, 2)));
    }

    [Test]
    public async Task Imports_everything_When_first_boot_even_if_usync_stop_exists()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "usync.stop"), "");

        await CreateStep().RunAsync(new StartupContext(IsFirstBoot: true), CancellationToken.None);

        Assert.That(await CountAsync(), Is.EqualTo((14, 2)));
    }

    [Test]
    public async Task Imports_only_settings_When_not_first_boot_and_ImportAtStartup_is_Settings()
    {
        await CreateStep().RunAsync(new StartupContext(IsFirstBoot: false), CancellationToken.None);

        Assert.That(await CountAsync(), Is.EqualTo((14, 0)));
    }

    [Test]
    public async Task Imports_everything_and_renames_once_to_stop_When_usync_once_exists()
    {
        var once = Path.Combine(_folder, "usync.once");
        await File.WriteAllTextAsync(once, "");

        await CreateStep("None").RunAsync(new StartupContext(IsFirstBoot: false), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(), Is.EqualTo((14, 2)));
            Assert.That(File.Exists(once), Is.False);
            Assert.That(File.Exists(Path.Combine(_folder, "usync.stop")), Is.True);
        });
    }

    [Test]
    public async Task Skips_import_When_usync_stop_exists()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "usync.stop"), "");

        await CreateStep("All").RunAsync(new StartupContext(IsFirstBoot: false), CancellationToken.None);

        Assert.That(await CountAsync(), Is.EqualTo((0, 0)));
    }
}
