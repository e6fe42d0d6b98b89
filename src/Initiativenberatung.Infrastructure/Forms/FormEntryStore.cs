using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
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
/// A single-use submission token (a survey's id, a Forms API <c>formToken</c>) as stored: the SHA-256 of its purpose and
/// value, and when the token stops being accepted anyway.
/// </summary>
public sealed record SubmissionToken(string Hash, DateTime ExpiresOn)
{
    /// <summary>The token of <paramref name="value"/> for <paramref name="purpose"/> (e.g. <c>survey</c>, <c>api</c>).</summary>
    public static SubmissionToken For(string purpose, string value, DateTimeOffset expiresOn) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + value))), expiresOn.UtcDateTime);
}

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
    public async Task<FormEntry> AppendAsync(FormDefinition form, IEnumerable<KeyValuePair<string, FormEntryValue>> values, CancellationToken cancellationToken = default) =>
        await AppendOnceAsync(form, values, null, cancellationToken)
        ?? throw new InvalidOperationException("Ein Eintrag ohne Einmal-Token kann nicht doppelt sein.");

    /// <summary>
    /// Like <see cref="AppendAsync"/>, but spends <paramref name="token"/> in the same transaction as the entry:
    /// <c>null</c> (nothing stored) when the token was spent before, by an earlier post or by another post of the same
    /// burst. Without a token it always stores.
    /// </summary>
    public async Task<FormEntry?> AppendOnceAsync(
        FormDefinition form, IEnumerable<KeyValuePair<string, FormEntryValue>> values, SubmissionToken? token, CancellationToken cancellationToken = default)
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

        var pending = new PendingEntry(entry, token, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriterStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("Der Speicher für Formulareinträge wird gerade beendet.");
        }

        return await pending.Committed.Task.WaitAsync(cancellationToken) ? entry : null;
    }

    /// <summary>True when <paramref name="token"/> has been spent (a replayed post is answered without any work).</summary>
    public async Task<bool> IsSpentAsync(SubmissionToken token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsedFormTokens.AsNoTracking().AnyAsync(t => t.Hash == token.Hash, cancellationToken);
    }

    /// <summary>Removes spent tokens whose token is no longer accepted anyway; returns the number removed.</summary>
    public async Task<int> PurgeSpentTokensAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsedFormTokens.Where(t => t.ExpiresOn < now).ExecuteDeleteAsync(cancellationToken);
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
                var stored = await CommitAsync(batch);
                batch.ForEach(p => p.Committed.TrySetResult(stored.Contains(p)));
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
                await FailAsync(batch[0], exception);
            }
        }
    }

    private async Task CommitOneAsync(PendingEntry pending)
    {
        try
        {
            pending.Committed.TrySetResult((await CommitAsync([pending])).Count == 1);
        }
        catch (Exception exception)
        {
            await FailAsync(pending, exception);
        }
    }

    /// <summary>
    /// A failed single commit: "already submitted" when another node spent the token between the check and the insert
    /// (the key refused the second row), otherwise the error.
    /// </summary>
    private async Task FailAsync(PendingEntry pending, Exception exception)
    {
        var spent = false;
        if (pending.Token is { } token)
        {
            try
            {
                spent = await IsSpentAsync(token);
            }
            catch (Exception)
            {
                spent = false;
            }
        }

        if (spent)
        {
            pending.Committed.TrySetResult(false);
        }
        else
        {
            pending.Committed.TrySetException(exception);
        }
    }

    /// <summary>Commits the batch in one transaction; returns the entries stored (the others carried a spent token).</summary>
    private async Task<HashSet<PendingEntry>> CommitAsync(IReadOnlyList<PendingEntry> batch)
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
            var stored = await WithoutSpentTokensAsync(db, batch);
            db.FormEntries.AddRange(stored.Select(p => p.Entry));
            db.UsedFormTokens.AddRange(stored.Where(p => p.Token is not null).Select(p => new UsedFormToken { Hash = p.Token!.Hash, ExpiresOn = p.Token.ExpiresOn }));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The entries of the batch to store: without a token, or with one neither spent before (one read inside the
    /// transaction, only when the batch carries tokens) nor used by an earlier entry of the same batch.
    /// </summary>
    private static async Task<HashSet<PendingEntry>> WithoutSpentTokensAsync(CmsDbContext db, IReadOnlyList<PendingEntry> batch)
    {
        var hashes = batch.Where(p => p.Token is not null).Select(p => p.Token!.Hash).Distinct(StringComparer.Ordinal).ToList();
        var spent = hashes.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await db.UsedFormTokens.AsNoTracking().Where(t => hashes.Contains(t.Hash)).Select(t => t.Hash).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var stored = new HashSet<PendingEntry>();
        foreach (var pending in batch)
        {
            if (pending.Token is null || spent.Add(pending.Token.Hash))
            {
                stored.Add(pending);
            }
        }

        return stored;
    }

    private sealed record PendingEntry(FormEntry Entry, SubmissionToken? Token, TaskCompletionSource<bool> Committed);

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
