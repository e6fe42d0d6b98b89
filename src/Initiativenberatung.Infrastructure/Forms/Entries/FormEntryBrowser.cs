using Initiativenberatung.Core.Auditing;
using System.Globalization;
using System.Runtime.CompilerServices;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Forms.Entries;

/// <summary>
/// Which entries of a form: submission date range (<see cref="From"/> inclusive, <see cref="To"/> exclusive, UTC), state,
/// free text (a LIKE over the stored values — a scan of the rows in the date range, so the date range keeps it cheap)
/// and selected ids.
/// </summary>
public sealed record FormEntryFilter(
    DateTime? From = null,
    DateTime? To = null,
    FormEntryState? State = null,
    string? Text = null,
    IReadOnlyCollection<long>? Ids = null);

/// <summary>Sort order of the entries list: submission date (then id), newest first by default; or by id; or by state (then date, id).</summary>
public enum FormEntrySort
{
    NewestFirst,
    OldestFirst,
    IdAscending,
    IdDescending,
    StateAscending,
    StateDescending,
}

public static class FormEntrySortExtensions
{
    public static bool IsDescending(this FormEntrySort sort) =>
        sort is FormEntrySort.NewestFirst or FormEntrySort.IdDescending or FormEntrySort.StateDescending;
}

/// <summary>
/// Query tags a provider may turn into a planner hint. SQLite (3.53) plans "State = ? AND a date range ORDER BY date" on the
/// (FormKey, SubmittedOn, Id) index and tests the state row by row — seconds with 1,000,000 entries and few of that state —
/// so its persistence package adds <c>INDEXED BY</c> for <see cref="StateIndexTag"/>; the query itself stays plain LINQ.
/// </summary>
public static class FormEntryQueryHints
{
    public const string StateIndexTag = "ib:FormEntries:state-index";

    public const string StateIndexName = "IX_FormEntries_FormKey_State_SubmittedOn_Id";
}

/// <summary>One page of entries and the cursors of its neighbours (null when there is none).</summary>
public sealed record FormEntryPage(IReadOnlyList<FormEntry> Entries, FormEntryCursor? Next, FormEntryCursor? Previous);

/// <summary>A form with the number of its entries and the date of the newest.</summary>
public sealed record FormEntrySummary(Guid Key, string Alias, string Name, int Count, DateTime? Newest);

/// <summary>
/// Reads, pages, counts and deletes the entries of a form. Every query starts with <c>FormKey = @key</c> and a range on
/// <c>SubmittedOn</c>, ordered by (SubmittedOn, Id), so SQLite walks the index (FormKey, SubmittedOn, Id); paging is by
/// keyset (never OFFSET), so page 1 and page 20,000 cost the same.
/// </summary>
public sealed class FormEntryBrowser(IDbContextFactory<CmsDbContext> dbFactory, CmsUnitOfWorkFactory units, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>All forms with their entry count and newest entry (one grouped query over the index).</summary>
    public async Task<IReadOnlyList<FormEntrySummary>> SummariesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var forms = await db.FormDefinitions.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Key, f.Alias, f.Name }).ToListAsync(cancellationToken);
        var stats = await db.FormEntries.AsNoTracking()
            .GroupBy(e => e.FormKey)
            .Select(g => new { FormKey = g.Key, Count = g.Count(), Newest = g.Max(e => e.SubmittedOn) })
            .ToDictionaryAsync(s => s.FormKey, cancellationToken);
        return forms.Select(f => stats.TryGetValue(f.Key, out var s)
                ? new FormEntrySummary(f.Key, f.Alias, f.Name, s.Count, s.Newest)
                : new FormEntrySummary(f.Key, f.Alias, f.Name, 0, null))
            .ToList();
    }

    /// <summary>
    /// One page in <paramref name="sort"/> order, after (or, with <paramref name="backwards"/>, before) <paramref name="cursor"/>.
    /// Every order is a keyset over an index: date = (FormKey, SubmittedOn, Id); id = (FormKey, Id), which walks the ids
    /// and skips those outside the date range; state = (FormKey, State, SubmittedOn, Id), read as one date-range seek per state.
    /// </summary>
    public async Task<FormEntryPage> PageAsync(
        Guid formKey, FormEntryFilter filter, FormEntrySort sort, FormEntryCursor? cursor, bool backwards, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Reading backwards = the opposite order, then reversed.
        var descending = sort.IsDescending() != backwards;
        var rows = sort switch
        {
            FormEntrySort.IdAscending or FormEntrySort.IdDescending => await ByIdAsync(db, formKey, filter, cursor, descending, pageSize + 1, cancellationToken),
            FormEntrySort.StateAscending or FormEntrySort.StateDescending => await ByStateAsync(db, formKey, filter, cursor, descending, pageSize + 1, cancellationToken),
            _ => await ByDateAsync(db, formKey, filter, cursor, descending, pageSize + 1, cancellationToken),
        };
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        if (rows.Count == 0)
        {
            return new FormEntryPage(rows, null, null);
        }

        var first = new FormEntryCursor(rows[0].SubmittedOn, rows[0].Id, rows[0].State);
        var last = new FormEntryCursor(rows[^1].SubmittedOn, rows[^1].Id, rows[^1].State);
        return backwards
            ? new FormEntryPage(rows, cursor is null ? null : last, more ? first : null)
            : new FormEntryPage(rows, more ? last : null, cursor is null ? null : first);
    }

    private static async Task<List<FormEntry>> ByDateAsync(
        CmsDbContext db, Guid formKey, FormEntryFilter filter, FormEntryCursor? cursor, bool descending, int take, CancellationToken cancellationToken)
    {
        // The cursor's date is the index bound on the reading side (it lies inside the range, so the range's own bound on
        // that side is implied); SQLite then seeks to the cursor instead of walking from the end of the range.
        var query = Filtered(db, formKey, cursor is null ? filter : descending ? filter with { To = null } : filter with { From = null });
        query = AfterDate(query, cursor, descending);
        query = descending
            ? query.OrderByDescending(e => e.SubmittedOn).ThenByDescending(e => e.Id)
            : query.OrderBy(e => e.SubmittedOn).ThenBy(e => e.Id);
        return await query.Take(take).ToListAsync(cancellationToken);
    }

    private static async Task<List<FormEntry>> ByIdAsync(
        CmsDbContext db, Guid formKey, FormEntryFilter filter, FormEntryCursor? cursor, bool descending, int take, CancellationToken cancellationToken)
    {
        var query = Filtered(db, formKey, filter, stateIndex: false);
        if (cursor is not null)
        {
            var id = cursor.Id;
            query = descending ? query.Where(e => e.Id < id) : query.Where(e => e.Id > id);
        }

        query = descending ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        return await query.Take(take).ToListAsync(cancellationToken);
    }

    private static async Task<List<FormEntry>> ByStateAsync(
        CmsDbContext db, Guid formKey, FormEntryFilter filter, FormEntryCursor? cursor, bool descending, int take, CancellationToken cancellationToken)
    {
        // One query per state (there are few): each is a seek on (FormKey, State, SubmittedOn, Id) within the date range.
        var states = filter.State is { } only ? [only] : Enum.GetValues<FormEntryState>().Order().ToArray();
        if (descending)
        {
            Array.Reverse(states);
        }

        var rows = new List<FormEntry>(take);
        foreach (var state in states)
        {
            if (cursor is not null && (descending ? state > cursor.State : state < cursor.State))
            {
                continue;
            }

            var query = Filtered(db, formKey, filter with { State = state });
            if (cursor is not null && state == cursor.State)
            {
                query = AfterDate(query, cursor, descending);
            }

            query = descending
                ? query.OrderByDescending(e => e.SubmittedOn).ThenByDescending(e => e.Id)
                : query.OrderBy(e => e.SubmittedOn).ThenBy(e => e.Id);
            rows.AddRange(await query.Take(take - rows.Count).ToListAsync(cancellationToken));
            if (rows.Count >= take)
            {
                break;
            }
        }

        return rows;
    }

    private static IQueryable<FormEntry> AfterDate(IQueryable<FormEntry> query, FormEntryCursor? cursor, bool descending)
    {
        if (cursor is null)
        {
            return query;
        }

        var (date, id) = (cursor.SubmittedOn, cursor.Id);
        return descending
            ? query.Where(e => e.SubmittedOn <= date && (e.SubmittedOn < date || e.Id < id))
            : query.Where(e => e.SubmittedOn >= date && (e.SubmittedOn > date || e.Id > id));
    }

    /// <summary>Number of entries matching the filter.</summary>
    public async Task<int> CountAsync(Guid formKey, FormEntryFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, formKey, filter).CountAsync(cancellationToken);
    }

    public async Task<FormEntry?> GetAsync(Guid formKey, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FormEntries.AsNoTracking().SingleOrDefaultAsync(e => e.FormKey == formKey && e.Id == id, cancellationToken);
    }

    /// <summary>Entries of this form with the given ids (others are ignored), oldest first.</summary>
    public async Task<IReadOnlyList<FormEntry>> GetManyAsync(Guid formKey, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var list = ids.Distinct().Take(MaxPageSize * 5).ToList();
        return await db.FormEntries.AsNoTracking().Where(e => e.FormKey == formKey && list.Contains(e.Id))
            .OrderBy(e => e.SubmittedOn).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The matching entries oldest first, streamed by one ordered query over the index (FormKey, SubmittedOn, Id): the rows
    /// are read one by one from the database reader, so memory stays constant whatever the count, and there is no re-seek per
    /// batch. The read sees one consistent snapshot (SQLite WAL / PostgreSQL MVCC); new entries keep being committed meanwhile.
    /// </summary>
    public async IAsyncEnumerable<FormEntry> StreamAsync(
        Guid formKey, FormEntryFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, formKey, filter)
            .OrderBy(e => e.SubmittedOn).ThenBy(e => e.Id)
            .Select(e => new FormEntry { Id = e.Id, FormKey = e.FormKey, SubmittedOn = e.SubmittedOn, State = e.State, ValuesJson = e.ValuesJson });
        await foreach (var entry in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// Sets the state of the given entries of this form (ids of other forms are ignored) with one audit entry; returns the
    /// number changed (entries already in that state are not counted).
    /// </summary>
    public async Task<int> SetStateAsync(Actor actor, FormDefinition form, IReadOnlyCollection<long> ids, FormEntryState state, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        await using var unit = units.Begin();
        await unit.BeginTransactionAsync(cancellationToken);
        var db = unit.Db;
        var changed = 0;
        foreach (var chunk in list.Chunk(500))
        {
            changed += await db.FormEntries.Where(e => e.FormKey == form.Key && chunk.Contains(e.Id) && e.State != state)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.State, state), cancellationToken);
        }

        unit.Notify(new FormEntriesStateChangedNotification(actor, form.Key, form.Name,
            string.Create(CultureInfo.InvariantCulture, $"{EntryCount.Text(changed)} auf {state}: {IdList(list)}"), list));
        await unit.CompleteAsync(cancellationToken);
        return changed;
    }

    /// <summary>Deletes the given entries of this form (ids of other forms are ignored) with one audit entry; returns the number deleted.</summary>
    public async Task<int> DeleteAsync(Actor actor, FormDefinition form, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        await using var unit = units.Begin();
        await unit.BeginTransactionAsync(cancellationToken);
        var db = unit.Db;
        var deleted = 0;
        foreach (var chunk in list.Chunk(500))
        {
            deleted += await db.FormEntries.Where(e => e.FormKey == form.Key && chunk.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        unit.Notify(new FormEntriesDeletedNotification(actor, form.Key, form.Name,
            string.Create(CultureInfo.InvariantCulture, $"{EntryCount.Text(deleted)} gelöscht: {IdList(list)}"), list));
        await unit.CompleteAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Deletes the entries submitted before <paramref name="before"/> (retention) with one audit entry; returns the number deleted.</summary>
    public async Task<int> PurgeAsync(Actor actor, FormDefinition form, DateTime before, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        await unit.BeginTransactionAsync(cancellationToken);
        var db = unit.Db;
        var deleted = await db.FormEntries.Where(e => e.FormKey == form.Key && e.SubmittedOn < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            unit.Notify(new FormEntriesPurgedNotification(actor, form.Key, form.Name,
                string.Create(CultureInfo.InvariantCulture, $"{EntryCount.Text(deleted)} vor {before:yyyy-MM-dd} gelöscht (Aufbewahrung {form.RetentionDays} Tage)"), deleted));
        }

        await unit.CompleteAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The ids named in an audit line: the first 50, then an ellipsis.</summary>
    private static string IdList(List<long> ids) =>
        string.Join(", ", ids.Take(50).Select(id => id.ToString(CultureInfo.InvariantCulture))) + (ids.Count > 50 ? " …" : "");

    /// <summary>What a purge with <paramref name="before"/> would delete: count, first and last entry number, oldest and newest day.</summary>
    public async Task<FormPurgePreview> CountBeforeAsync(Guid formKey, DateTime before, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.FormEntries.AsNoTracking().Where(e => e.FormKey == formKey && e.SubmittedOn < before)
            .GroupBy(e => e.FormKey)
            .Select(g => new FormPurgePreview(g.Count(), g.Min(e => e.Id), g.Max(e => e.Id), g.Min(e => e.SubmittedOn), g.Max(e => e.SubmittedOn)))
            .SingleOrDefaultAsync(cancellationToken);
        return due ?? new FormPurgePreview(0, 0, 0, default, default);
    }

    /// <summary>The cut-off for a retention of <paramref name="days"/> days at the current time.</summary>
    public DateTime RetentionCutoff(int days) => clock.GetUtcNow().UtcDateTime.Date.AddDays(-days);

    /// <param name="stateIndex">
    /// With a state filter, tag the query for the (FormKey, State, SubmittedOn, Id) index (see <see cref="FormEntryQueryHints"/>);
    /// off for the id order, which walks (FormKey, Id) instead.
    /// </param>
    private static IQueryable<FormEntry> Filtered(CmsDbContext db, Guid formKey, FormEntryFilter filter, bool stateIndex = true)
    {
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormKey == formKey);
        if (filter.From is { } from)
        {
            query = query.Where(e => e.SubmittedOn >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.SubmittedOn < to);
        }

        if (filter.State is { } state)
        {
            query = query.Where(e => e.State == state);
            if (stateIndex)
            {
                query = query.TagWith(FormEntryQueryHints.StateIndexTag);
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            // Both sides folded in .NET (FormEntrySearch): a substring test (instr / strpos), no LIKE and no database case rules.
            var folded = FormEntrySearch.Fold(filter.Text.Trim());
            query = query.Where(e => e.SearchText.Contains(folded));
        }

        if (filter.Ids is { Count: > 0 } ids)
        {
            var list = ids.Distinct().ToList();
            query = query.Where(e => list.Contains(e.Id));
        }

        return query;
    }
}

/// <summary>The entries a retention purge is about to delete.</summary>
public sealed record FormPurgePreview(int Count, long FirstId, long LastId, DateTime Oldest, DateTime Newest);
