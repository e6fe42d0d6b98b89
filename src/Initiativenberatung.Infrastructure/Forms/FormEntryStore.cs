using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
/// Stores anonymous form entries durably and reads them by keyset. Appends go through one writer that commits whatever
/// arrived meanwhile in one transaction (group commit) with SQLite's <c>synchronous=FULL</c> on that connection: an append
/// returns only after its entry is committed, so an entry whose append returned survives a crash or power loss, and 32
/// concurrent posts cost a handful of disk syncs instead of 32 – without competing for SQLite's write lock.
/// </summary>
public sealed class FormEntryStore(IDbContextFactory<CmsDbContext> dbFactory, IOptions<FormsOptions> options, TimeProvider clock, FormEntryFieldCatalog fields)
    : IAsyncDisposable
{
    /// <summary>Most entries committed in one transaction.</summary>
    public const int MaxBatchSize = 256;

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private readonly Channel<PendingEntry> _queue = Channel.CreateUnbounded<PendingEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    /// <summary>
    /// Appends one entry (state Submitted, time at the form's precision) and returns it once it is committed. New answer
    /// columns are recorded in the <see cref="FormEntryFieldCatalog"/> first, so the catalogue is never behind the entries.
    /// A cancelled caller stops waiting; its entry may still be committed (it never got a success answer).
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
            SearchText = FormEntrySearch.TextOf(answers),
        };

        var pending = new PendingEntry(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriterStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("Der Speicher für Formulareinträge wird gerade beendet.");
        }

        await pending.Committed.Task.WaitAsync(cancellationToken);
        return entry;
    }

    /// <summary>Stops taking entries and waits until every queued entry is committed (or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer;
        }
    }

    private void EnsureWriterStarted()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            // Microsoft.Data.Sqlite does its I/O synchronously: the writer gets a pool thread of its own.
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingEntry>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad entry must not fail the others: commit them one by one.
                foreach (var pending in batch)
                {
                    await CommitOneAsync(pending);
                }
            }
            catch (Exception exception)
            {
                batch[0].Committed.TrySetException(exception);
            }
        }
    }

    private async Task CommitOneAsync(PendingEntry pending)
    {
        try
        {
            await CommitAsync([pending]);
            pending.Committed.TrySetResult();
        }
        catch (Exception exception)
        {
            pending.Committed.TrySetException(exception);
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingEntry> batch)
    {
        foreach (var pending in batch)
        {
            pending.Entry.Id = 0; // a rolled-back attempt may have assigned ids
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.ProviderName == SqliteProvider)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            db.FormEntries.AddRange(batch.Select(p => p.Entry));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record PendingEntry(FormEntry Entry, TaskCompletionSource Committed);

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
