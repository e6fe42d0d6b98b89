using System.Collections.Concurrent;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>
/// The answer columns ever stored per form (table <c>FormEntryFields</c>: alias and last caption), so the export knows the
/// columns of fields removed from the form without scanning the entries. <see cref="EnsureAsync"/> runs before an entry is
/// appended; an in-memory copy per form means an append whose aliases and captions are known costs no SQL. Plain EF queries,
/// no provider-specific SQL.
/// </summary>
public sealed class FormEntryFieldCatalog(IDbContextFactory<CmsDbContext> dbFactory) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, string>> _known = new();
    private readonly SemaphoreSlim _write = new(1, 1);

    /// <summary>Records the aliases/captions that are new for the form (one read and one write only when something is new).</summary>
    public async Task EnsureAsync(Guid formKey, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default)
    {
        var wanted = fields.Where(f => !string.IsNullOrEmpty(f.Key)).DistinctBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (IsKnown(formKey, wanted))
        {
            return;
        }

        // One writer at a time in this process: concurrent first appends with different new aliases would otherwise
        // collide on the unique (FormKey, Alias) more often than one retry can absorb (seen as a 500 under load, D2).
        await _write.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; !IsKnown(formKey, wanted); attempt++)
            {
                try
                {
                    await WriteAsync(formKey, wanted, cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt == 0)
                {
                    // Another process recorded the same alias at the same moment: read again and retry once.
                    _known.TryRemove(formKey, out _);
                }
            }
        }
        finally
        {
            _write.Release();
        }
    }

    private bool IsKnown(Guid formKey, List<KeyValuePair<string, string>> wanted) =>
        _known.TryGetValue(formKey, out var known) && wanted.All(f => known.TryGetValue(f.Key, out var caption) && caption == f.Value);

    /// <summary>The recorded columns of a form in the order they were first stored.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(Guid formKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FormEntryFields.AsNoTracking().Where(f => f.FormKey == formKey).OrderBy(f => f.Id)
            .Select(f => new KeyValuePair<string, string>(f.Alias, f.Caption)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records the columns of entries written past <see cref="EnsureAsync"/> (bulk loads): reads every entry of the form
    /// once, in keyset batches. An operations tool, not for a request.
    /// </summary>
    public async Task RescanAsync(Guid formKey, CancellationToken cancellationToken = default)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        long after = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            while (true)
            {
                var batch = await db.FormEntries.AsNoTracking().Where(e => e.FormKey == formKey && e.Id > after).OrderBy(e => e.Id)
                    .Select(e => new { e.Id, e.ValuesJson }).Take(5000).ToListAsync(cancellationToken);
                foreach (var entry in batch)
                {
                    foreach (var (alias, value) in FormEntryValues.Deserialize(entry.ValuesJson))
                    {
                        if (!fields.ContainsKey(alias))
                        {
                            order.Add(alias);
                        }

                        fields[alias] = value.Caption;
                    }
                }

                if (batch.Count < 5000)
                {
                    break;
                }

                after = batch[^1].Id;
            }
        }

        _known.TryRemove(formKey, out _);
        await EnsureAsync(formKey, order.Select(a => KeyValuePair.Create(a, fields[a])), cancellationToken);
    }

    public void Dispose() => _write.Dispose();

    /// <summary>Forgets a form (its rows are deleted with the form).</summary>
    public void Forget(Guid formKey) => _known.TryRemove(formKey, out _);

    private async Task WriteAsync(Guid formKey, IReadOnlyList<KeyValuePair<string, string>> wanted, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.FormEntryFields.Where(f => f.FormKey == formKey).ToDictionaryAsync(f => f.Alias, StringComparer.Ordinal, cancellationToken);
        foreach (var (alias, caption) in wanted)
        {
            if (!rows.TryGetValue(alias, out var row))
            {
                row = new FormEntryField { FormKey = formKey, Alias = alias, Caption = caption };
                db.FormEntryFields.Add(row);
                rows[alias] = row;
            }
            else if (row.Caption != caption)
            {
                row.Caption = caption;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        _known[formKey] = new ConcurrentDictionary<string, string>(rows.Select(r => KeyValuePair.Create(r.Key, r.Value.Caption)), StringComparer.Ordinal);
    }
}

/// <summary>Lets the <see cref="FormEntryFieldCatalog"/> forget a deleted form (its rows went with the form).</summary>
public sealed class FormEntryFieldCatalogEviction(FormEntryFieldCatalog catalog) : INotificationHandler<FormDeletedNotification>
{
    public Task HandleAsync(IReadOnlyList<FormDeletedNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (var deleted in notifications)
        {
            catalog.Forget(deleted.FormKey);
        }

        return Task.CompletedTask;
    }
}
