using System.Diagnostics;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;

namespace Initiativenberatung.Web.Hosting;

/// <summary>A step run once at start after the database is migrated (e.g. the uSync import).</summary>
public interface IStartupStep
{
    int Order { get; }

    Task RunAsync(StartupContext context, CancellationToken cancellationToken);
}

/// <summary>What the start steps know: whether this is the first boot on an empty database.</summary>
public sealed record StartupContext(bool IsFirstBoot);

public static class CmsStartup
{
    /// <summary>Migrates the database, runs start steps (uSync import), then builds the published snapshot.</summary>
    public static async Task InitializeCmsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Initiativenberatung.Startup");
        var database = services.GetRequiredService<CmsDatabase>();
        var phases = new List<string>();
        var phase = Stopwatch.StartNew();
        await database.MigrateAsync(cancellationToken);
        var firstBoot = await database.IsEmptyAsync(cancellationToken);
        phases.Add($"Migrationen {phase.ElapsedMilliseconds} ms");

        if (firstBoot)
        {
            logger.LogInformation("Leere Datenbank: erster Start, alle Inhalte werden aus uSync importiert.");
        }

        foreach (var step in services.GetServices<IStartupStep>().OrderBy(s => s.Order))
        {
            phase.Restart();
            await step.RunAsync(new StartupContext(firstBoot), cancellationToken);
            phases.Add($"{step.GetType().Name} {phase.ElapsedMilliseconds} ms");
        }

        // The first snapshot and the caches (the snapshot's subscriber skips it when an import at start already built one).
        var snapshots = services.GetRequiredService<PublishedSnapshotService>();
        phase.Restart();
        await services.GetRequiredService<NotificationDispatcher>().PublishAsync(new CmsStartedNotification(firstBoot), cancellationToken);
        if (snapshots.Current.Version == 0)
        {
            throw new InvalidOperationException("Der veröffentlichte Stand konnte beim Start nicht aufgebaut werden (siehe Protokoll).");
        }

        phases.Add($"Snapshot und Caches {phase.ElapsedMilliseconds} ms");

        logger.LogInformation("Start vorbereitet in {Milliseconds} ms ({Phases}).", total.ElapsedMilliseconds, string.Join(", ", phases));
    }
}
