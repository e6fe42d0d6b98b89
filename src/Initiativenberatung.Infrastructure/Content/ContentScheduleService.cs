using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Time;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>
/// Planned publish and unpublish dates of documents (<c>ContentSchedules</c>), applied by <see cref="ContentScheduleWorker"/>
/// through <see cref="ContentService"/>. Adding or cancelling one raises <see cref="ContentScheduleChangedNotification"/>.
/// </summary>
public sealed class ContentScheduleService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    ContentService content,
    TimeProvider clock,
    ILogger<ContentScheduleService> logger)
{
    public async Task<ContentOperationResult> ScheduleAsync(Guid key, ContentScheduleAction action, DateTime dateUtc, Actor actor, CancellationToken cancellationToken = default)
    {
        var field = action == ContentScheduleAction.Release ? "releaseDate" : "expireDate";
        if (dateUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The date must be UTC.", nameof(dateUtc));
        }

        if (dateUtc <= clock.GetUtcNow().UtcDateTime)
        {
            return ContentOperationResult.Fail(field, Messages.Get("Schedule.DateInPast"));
        }

        await using var unit = units.Begin();
        var db = unit.Db;
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return ContentOperationResult.NotFound();
        }

        if (node.Trashed)
        {
            return ContentOperationResult.Fail(field, Messages.Get("Schedule.Trashed"));
        }

        db.ContentSchedules.Add(new ContentSchedule { ContentKey = key, Action = action, Date = dateUtc, CreatedBy = actor.UserName });
        unit.Notify(new ContentScheduleChangedNotification(actor, key, node.Name,
            Messages.Get(action == ContentScheduleAction.Release ? "Schedule.Audit.ReleasePlanned" : "Schedule.Audit.ExpirePlanned", GermanTime.Format(dateUtc)),
            Release: action == ContentScheduleAction.Release));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    public async Task<ContentOperationResult> CancelAsync(Guid key, long scheduleId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var schedule = await db.ContentSchedules.SingleOrDefaultAsync(s => s.Id == scheduleId && s.ContentKey == key, cancellationToken);
        if (schedule is null)
        {
            return ContentOperationResult.Fail("schedule", Messages.Get("Schedule.NotFound"));
        }

        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        db.ContentSchedules.Remove(schedule);
        unit.Notify(new ContentScheduleChangedNotification(actor, key, node?.Name ?? "",
            Messages.Get("Schedule.Audit.Cancelled", GermanTime.Format(schedule.Date)), Release: schedule.Action == ContentScheduleAction.Release));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    public async Task<IReadOnlyList<ContentSchedule>> ForContentAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentSchedules.AsNoTracking().Where(s => s.ContentKey == key).OrderBy(s => s.Date).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Applies every schedule that is due (as the system, through <see cref="ContentService"/>) and removes it, each in one unit
    /// of work with the publish or unpublish it caused; returns how many were applied.
    /// </summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<ContentSchedule> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.ContentSchedules.AsNoTracking().Where(s => s.Date <= now).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        }

        var applied = 0;
        foreach (var schedule in due)
        {
            await using var unit = units.Begin();
            await unit.BeginTransactionAsync(cancellationToken);
            var result = schedule.Action == ContentScheduleAction.Release
                ? await content.PublishAsync(schedule.ContentKey, Actor.System, cancellationToken)
                : await content.UnpublishAsync(schedule.ContentKey, Actor.System, cancellationToken);
            if (result.Success)
            {
                applied++;
            }
            else
            {
                logger.LogWarning("Geplante Aktion {Action} für {Key} nicht ausgeführt: {Error}", schedule.Action, schedule.ContentKey, result.Errors[0].Message);
            }

            await unit.Db.ContentSchedules.Where(s => s.Id == schedule.Id).ExecuteDeleteAsync(cancellationToken);
            await unit.CompleteAsync(cancellationToken);
        }

        return applied;
    }
}

/// <summary>Checks every 30 seconds (on the injected <see cref="TimeProvider"/>) for due publish/unpublish schedules.</summary>
public sealed class ContentScheduleWorker(ContentScheduleService schedules, TimeProvider clock, ILogger<ContentScheduleWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await schedules.ProcessDueAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The worker must survive a failed round (e.g. a locked database) and try again next time.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.LogError(ex, "Geplante Veröffentlichungen konnten nicht verarbeitet werden.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
