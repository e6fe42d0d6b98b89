using Initiativenberatung.Core.Auditing;
using System.Globalization;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>Result of a purge for one form.</summary>
public sealed record FormPurgeResult(string Alias, int? RetentionDays, int Removed);

/// <summary>
/// Deletes entries older than each form's retention days (forms without retention keep everything). A retention changed in
/// the last seven days applies only as far as the old one did (<see cref="FormRetention"/>); every purge first logs what it
/// is about to delete.
/// </summary>
public sealed class FormEntriesRetention(FormDefinitionStore definitions, FormEntryBrowser browser, TimeProvider clock, ILogger<FormEntriesRetention> logger)
{
    /// <summary>Purges one form (by alias) or all; logs the number removed per form.</summary>
    public async Task<IReadOnlyList<FormPurgeResult>> PurgeAsync(Actor actor, string? alias = null, CancellationToken cancellationToken = default)
    {
        var records = await definitions.ListAsync(cancellationToken);
        var results = new List<FormPurgeResult>();
        foreach (var record in records.Where(r => alias is null || string.Equals(r.Alias, alias, StringComparison.OrdinalIgnoreCase)))
        {
            var form = FormDefinitionStore.ToDefinition(record);
            var now = clock.GetUtcNow().UtcDateTime;
            if (FormRetention.PendingUntil(form, now) is { } pending)
            {
                logger.LogInformation("Aufbewahrung: Die Änderung am Formular {Alias} auf {Days} Tage gilt erst ab {Pending:u}; bis dahin gilt {Effective}.",
                    form.Alias, form.RetentionDays?.ToString(CultureInfo.InvariantCulture) ?? "unbegrenzt", pending,
                    FormRetention.EffectiveDays(form, now)?.ToString(CultureInfo.InvariantCulture) ?? "unbegrenzt");
            }

            if (FormRetention.EffectiveDays(form, now) is not { } days || days <= 0)
            {
                results.Add(new FormPurgeResult(form.Alias, null, 0));
                continue;
            }

            var cutoff = browser.RetentionCutoff(days);
            var due = await browser.CountBeforeAsync(form.Key, cutoff, cancellationToken);
            if (due.Count > 0)
            {
                logger.LogWarning("Aufbewahrung: {Count} Einträge des Formulars {Alias} werden gelöscht: Nummern {FirstId} bis {LastId}, eingegangen {Oldest:yyyy-MM-dd} bis {Newest:yyyy-MM-dd} (vor {Cutoff:yyyy-MM-dd}, Aufbewahrung {Days} Tage).",
                    due.Count, form.Alias, due.FirstId, due.LastId, due.Oldest, due.Newest, cutoff, days);
            }

            var removed = due.Count == 0 ? 0 : await browser.PurgeAsync(actor, form, cutoff, cancellationToken);
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
