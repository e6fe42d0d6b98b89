using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Initiativenberatung.Infrastructure.Notifications;

/// <summary>
/// One unit of work of a service: a <see cref="CmsDbContext"/>, its transaction and the notifications of the change.
/// <see cref="CompleteAsync"/> saves, lets the in-transaction subscribers (audit) add their rows, commits, and then
/// publishes the notifications to the other subscribers. Disposed without completing, nothing is stored.
/// </summary>
/// <remarks>
/// Started while another unit of work is active on the same async flow (the uSync import calling the services), it joins
/// that one like a nested Umbraco scope: same context, same transaction; its notifications are published when the
/// outermost one commits. A nested unit that wrote and did not complete dooms the outer one (nothing half-written).
/// </remarks>
public sealed class CmsUnitOfWork : IAsyncDisposable
{
    private readonly CmsUnitOfWork? _outer;
    private readonly NotificationDispatcher _dispatcher;
    private readonly List<INotification> _notifications = [];
    private readonly int _writesAtStart;
    private IDbContextTransaction? _transaction;
    private int _writes;
    private bool _doomed;
    private bool _completed;
    private bool _disposed;

    internal CmsUnitOfWork(CmsDbContext db, NotificationDispatcher dispatcher, CmsUnitOfWork? outer)
    {
        Db = db;
        _dispatcher = dispatcher;
        _outer = outer;
        _writesAtStart = outer?.Root._writes ?? 0;
        if (outer is null)
        {
            // Every save on the unit's context counts, also those of code that saves the context itself (Identity's store).
            db.SavedChanges += (_, _) => _writes++;
        }
    }

    public CmsDbContext Db { get; }

    /// <summary>Whether this unit joined an outer one (its changes commit with the outer unit).</summary>
    public bool IsNested => _outer is not null;

    /// <summary>Still open for work: neither completed nor disposed (a finished unit stays in the async flow, inactive).</summary>
    internal bool IsActive => !_completed && !_disposed;

    private CmsUnitOfWork Root => _outer?.Root ?? this;

    /// <summary>Queues a notification; subscribers see it after the commit (or, nested, after the outer commit).</summary>
    public void Notify(INotification notification) => Root._notifications.Add(notification);

    /// <summary>Starts the transaction now (an import that reads and writes throughout); otherwise the first save starts it.</summary>
    public Task BeginTransactionAsync(CancellationToken cancellationToken = default) => Root.EnsureTransactionAsync(cancellationToken);

    /// <summary>Saves pending changes inside the unit's transaction (e.g. to learn a generated id before the next step).</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        await Root.EnsureTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Commits and publishes. Returns the subscribers' German notes (empty for a nested unit: the outer one returns them).
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("Die Arbeitseinheit ist bereits abgeschlossen.");
        }

        if (_outer is not null)
        {
            _completed = true;
            return [];
        }

        if (_doomed)
        {
            throw new InvalidOperationException("Ein Teilschritt dieser Arbeitseinheit ist fehlgeschlagen; nichts wurde gespeichert.");
        }

        await EnsureTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        var notifications = _notifications.ToList();
        if (notifications.Count > 0)
        {
            await _dispatcher.DispatchInTransactionAsync(notifications, Db, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
        }

        await _transaction!.CommitAsync(cancellationToken);
        _completed = true;
        return notifications.Count == 0 ? [] : await _dispatcher.DispatchAsync(notifications, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_outer is not null)
        {
            if (!_completed && (Root._writes != _writesAtStart || Db.ChangeTracker.HasChanges()))
            {
                Root._doomed = true;
            }

            return;
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await Db.DisposeAsync();
    }

    private async Task EnsureTransactionAsync(CancellationToken cancellationToken) =>
        _transaction ??= await Db.Database.BeginTransactionAsync(cancellationToken);
}

/// <summary>Starts units of work; the only way services change the database.</summary>
public sealed class CmsUnitOfWorkFactory(IDbContextFactory<CmsDbContext> dbFactory, NotificationDispatcher dispatcher)
{
    private static readonly AsyncLocal<CmsUnitOfWork?> Ambient = new();

    /// <summary>
    /// A new unit of work, or one joined to the active unit of this async flow. Synchronous on purpose: the ambient unit
    /// set here flows into the awaits of the caller (an async method could not hand it back).
    /// </summary>
    public CmsUnitOfWork Begin()
    {
        if (Ambient.Value is { IsActive: true } outer)
        {
            return new CmsUnitOfWork(outer.Db, dispatcher, outer);
        }

        var unit = new CmsUnitOfWork(dbFactory.CreateDbContext(), dispatcher, null);
        Ambient.Value = unit;
        return unit;
    }

    /// <summary>Publishes a notification that comes with no other change (a sign-in, a sign-out) in a unit of its own.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(INotification notification, CancellationToken cancellationToken = default)
    {
        await using var unit = Begin();
        unit.Notify(notification);
        return await unit.CompleteAsync(cancellationToken);
    }
}
