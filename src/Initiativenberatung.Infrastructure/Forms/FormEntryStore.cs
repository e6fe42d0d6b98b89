using System.Runtime.CompilerServices;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>Where a keyset read continues: after this entry in (submission date, id) order (or (state, date, id) when sorted by state).</summary>
public sealed record FormEntryCursor(DateTime SubmittedOn, long Id, FormEntryState State = FormEntryState.Submitted);

/// <summary>A range of entries: <see cref="From"/> inclusive, <see cref="To"/> exclusive (UTC), after <see cref="After"/>.</summary>
public sealed record FormEntryQuery(DateTime? From = null, DateTime? To = null, FormEntryCursor? After = null, int BatchSize = 1000);

/// <summary>
/// Stores anonymous form entries durably and reads them by keyset. An append commits in its own transaction with SQLite's
/// <c>synchronous=FULL</c> on that connection, so an entry whose append returned survives a crash or power loss.
/// </summary>
public sealed class FormEntryStore(IDbContextFactory<CmsDbContext> dbFactory, IOptions<FormsOptions> options, TimeProvider clock, FormEntryFieldCatalog fields)
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// Appends one entry (state Submitted, time at the form's precision) and returns it once it is committed. New answer
    /// columns are recorded in the <see cref="FormEntryFieldCatalog"/> first, so the catalogue is never behind the entries.
    /// </summary>
    public async Task<FormEntry> AppendAsync(FormDefinition form, IEnumerable<KeyValuePair<string, FormEntryValue>> values, CancellationToken cancellationToken = default)
    {
        var answers = values.ToList();
        await fields.EnsureAsync(form.Key, answers.Select(a => KeyValuePair.Create(a.Key, a.Value.Caption)), cancellationToken);
        var precision = form.SubmittedAtPrecision ?? options.Value.DefaultPrecision();
        var entry = new FormEntry
        {
            FormKey = form.Key,
            SubmittedOn = SubmittedAtPrecisions.Truncate(clock.GetUtcNow().UtcDateTime, precision),
            State = FormEntryState.Submitted,
            ValuesJson = FormEntryValues.Serialize(answers),
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.ProviderName == SqliteProvider)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.FormEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return entry;
    }

    /// <summary>
    /// The entries of a form in (submission date, id) order, read in batches by keyset over the index
    /// (FormKey, SubmittedOn, Id): memory stays constant whatever the count.
    /// </summary>
    public async IAsyncEnumerable<FormEntry> ReadAsync(Guid formKey, FormEntryQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new FormEntryQuery();
        var batchSize = Math.Clamp(query.BatchSize, 1, 10_000);
        var after = query.After;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var batch = db.FormEntries.AsNoTracking().Where(e => e.FormKey == formKey);
            if (query.From is { } from)
            {
                batch = batch.Where(e => e.SubmittedOn >= from);
            }

            if (query.To is { } to)
            {
                batch = batch.Where(e => e.SubmittedOn < to);
            }

            if (after is not null)
            {
                var (afterDate, afterId) = (after.SubmittedOn, after.Id);
                batch = batch.Where(e => e.SubmittedOn > afterDate || (e.SubmittedOn == afterDate && e.Id > afterId));
            }

            var entries = await batch.OrderBy(e => e.SubmittedOn).ThenBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                yield return entry;
            }

            if (entries.Count < batchSize)
            {
                yield break;
            }

            after = new FormEntryCursor(entries[^1].SubmittedOn, entries[^1].Id);
        }
    }
}
