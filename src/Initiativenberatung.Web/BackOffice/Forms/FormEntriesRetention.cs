using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>Result of a purge for one form.</summary>
public sealed record FormPurgeResult(string Alias, int? RetentionDays, int Removed);

/// <summary>Deletes entries older than each form's retention days (forms without retention keep everything).</summary>
public sealed class FormEntriesRetention(FormDefinitionStore definitions, FormEntryBrowser browser, ILogger<FormEntriesRetention> logger)
{
    /// <summary>Purges one form (by alias) or all; logs the number removed per form.</summary>
    public async Task<IReadOnlyList<FormPurgeResult>> PurgeAsync(Actor actor, string? alias = null, CancellationToken cancellationToken = default)
    {
        var records = await definitions.ListAsync(cancellationToken);
        var results = new List<FormPurgeResult>();
        foreach (var record in records.Where(r => alias is null || string.Equals(r.Alias, alias, StringComparison.OrdinalIgnoreCase)))
        {
            var form = FormDefinitionStore.ToDefinition(record);
            if (form.RetentionDays is not { } days || days <= 0)
            {
                results.Add(new FormPurgeResult(form.Alias, null, 0));
                continue;
            }

            var removed = await browser.PurgeAsync(actor, form, browser.RetentionCutoff(days), cancellationToken);
            logger.LogInformation("Aufbewahrung: {Removed} Einträge des Formulars {Alias} gelöscht (älter als {Days} Tage).", removed, form.Alias, days);
            results.Add(new FormPurgeResult(form.Alias, days, removed));
        }

        return results;
    }
}

/// <summary>Runs the retention purge once a day (first run shortly after start), and removes spent single-use form tokens that expired.</summary>
public sealed class FormEntriesRetentionJob(FormEntriesRetention retention, FormEntryStore entries, TimeProvider clock, ILogger<FormEntriesRetentionJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>One run: purges all forms and returns the total removed (never throws except on cancellation).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var results = await retention.PurgeAsync(Actor.System, cancellationToken: cancellationToken);
            var total = results.Sum(r => r.Removed);
            var tokens = await entries.PurgeSpentTokensAsync(cancellationToken);
            logger.LogInformation("Aufbewahrungslauf beendet: {Removed} Einträge und {Tokens} abgelaufene Einmal-Token gelöscht.", total, tokens);
            return total;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Aufbewahrungslauf fehlgeschlagen.");
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
