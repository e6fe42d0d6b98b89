using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// The one pipeline every handler shares: read the kind folder (unreadable files and parse errors fail, delete markers
/// delete) → plan each item → compare → <c>NoChange</c>, or apply and report <c>Create</c>/<c>Update</c>; a refused item
/// fails alone and never stops the others.
/// </summary>
public abstract class UsyncHandler<T>(UsyncItemKind kind, ILogger logger) : IUsyncHandler
{
    public int Order => Kind.Order;

    public UsyncParts Part => Kind.Part;

    protected UsyncItemKind Kind { get; } = kind;

    /// <summary>Parses one file; a <see cref="FormatException"/> fails that file.</summary>
    protected abstract T Read(XElement root);

    protected abstract Guid KeyOf(T item);

    protected abstract string NameOf(T item);

    /// <summary>Checks one item against the run's state and says what importing it would change.</summary>
    protected abstract Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, T incoming, CancellationToken cancellationToken);

    /// <summary>The run's view of the stored items of this kind, by key.</summary>
    protected abstract System.Collections.IDictionary StoredItems(UsyncState state);

    /// <summary>Whether the database (as the run sees it) has an item with this key.</summary>
    protected bool Exists(UsyncState state, Guid key) => StoredItems(state).Contains(key);

    protected virtual bool HasChildren(UsyncState state, Guid key) => false;

    /// <summary>Removes the item for a delete marker (in the unit of work); returns a German error when a service refused it.</summary>
    /// <summary>Deletes the stored item of a delete marker through the service that owns it; returns a German error or <c>null</c>.</summary>
    protected abstract Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken);

    public virtual async Task ImportAsync(UsyncImportRun run, CancellationToken cancellationToken)
    {
        foreach (var (file, item) in await ReadItemsAsync(run, cancellationToken))
        {
            await ImportItemAsync(run, file, item, cancellationToken);
        }
    }

    /// <summary>Adds a report line for an item of this handler.</summary>
    protected void Report(UsyncImportRun run, T item, string file, UsyncChangeKind change, string? message = null,
        IReadOnlyList<UsyncPropertyChange>? details = null) =>
        run.Add(Kind.Handler, Kind.ItemType, NameOf(item), KeyOf(item), file, change, message, details);

    protected async Task ImportItemAsync(UsyncImportRun run, UsyncFile file, T incoming, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(run, file, incoming, cancellationToken);
        if (plan.Error is { } planError)
        {
            Report(run, incoming, file.RelativePath, UsyncChangeKind.Fail, planError);
            return;
        }

        var details = UsyncDiff.Compare(plan.Old, plan.New);
        details.AddRange(plan.ExtraDetails);
        if (plan.Old is not null && details.Count == 0)
        {
            Report(run, incoming, file.RelativePath, UsyncChangeKind.NoChange);
            return;
        }

        if (run.Apply && await ApplyAsync(run, plan.Apply, cancellationToken) is { } error)
        {
            Report(run, incoming, file.RelativePath, UsyncChangeKind.Fail, error);
            return;
        }

        plan.Remember();
        Report(run, incoming, file.RelativePath, plan.Old is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
    }

    /// <summary>
    /// Reads the kind folder: unreadable files and parse errors become <c>Fail</c> results, delete markers are applied,
    /// and the parsed items are returned for import in file-name order.
    /// </summary>
    protected async Task<List<(UsyncFile File, T Item)>> ReadItemsAsync(UsyncImportRun run, CancellationToken cancellationToken)
    {
        var items = new List<(UsyncFile, T)>();
        foreach (var file in ReadFolder(run.Folder, Kind.Folder))
        {
            if (file.Root is null)
            {
                run.Add(Kind.Handler, Kind.ItemType, Path.GetFileNameWithoutExtension(file.RelativePath), null, file.RelativePath, UsyncChangeKind.Fail, file.Error);
                continue;
            }

            if (file.Root.Name.LocalName == "Empty")
            {
                await DeleteAsync(run, file, cancellationToken);
                continue;
            }

            try
            {
                items.Add((file, Read(file.Root)));
            }
            catch (FormatException ex)
            {
                run.Add(Kind.Handler, Kind.ItemType, (string?)file.Root.Attribute("Alias") ?? file.RelativePath, null, file.RelativePath, UsyncChangeKind.Fail, ex.Message);
            }
        }

        return items;
    }

    /// <summary>Reads every <c>.config</c> of a kind folder, sorted by name; malformed XML is reported, not thrown.</summary>
    private static List<UsyncFile> ReadFolder(string folder, string kindFolder)
    {
        var directory = Path.Combine(folder, kindFolder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = new List<UsyncFile>();
        foreach (var path in Directory.GetFiles(directory, "*.config").Order(StringComparer.Ordinal))
        {
            var relative = kindFolder + "/" + Path.GetFileName(path);
            try
            {
                files.Add(new UsyncFile(relative, UsyncXml.Parse(File.ReadAllBytes(path)), null));
            }
            catch (XmlException ex)
            {
                files.Add(new UsyncFile(relative, null, Messages.Get("Usync.InvalidXml", ex.Message)));
            }
            catch (IOException ex)
            {
                files.Add(new UsyncFile(relative, null, Messages.Get("Usync.Unreadable", ex.Message)));
            }
        }

        return files;
    }

    private async Task DeleteAsync(UsyncImportRun run, UsyncFile file, CancellationToken cancellationToken)
    {
        var empty = UsyncSerializer.ReadEmpty(file.Root!);
        void Add(UsyncChangeKind change, string? message = null) =>
            run.Add(Kind.Handler, Kind.ItemType, empty.Alias, empty.Key, file.RelativePath, change, message);

        if (!string.Equals(empty.Change, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            Add(UsyncChangeKind.NoChange, Messages.Get("Usync.EmptyMarker", empty.Change));
        }
        else if (!Exists(run.State, empty.Key))
        {
            Add(UsyncChangeKind.NoChange, Messages.Get("Usync.AlreadyDeleted"));
        }
        else if (HasChildren(run.State, empty.Key))
        {
            Add(UsyncChangeKind.Fail, Messages.Get("Usync.HasChildren"));
        }
        else if (run.Apply && await ApplyAsync(run, ct => RemoveAsync(run, empty.Key, ct), cancellationToken) is { } error)
        {
            Add(UsyncChangeKind.Fail, error);
        }
        else
        {
            StoredItems(run.State).Remove(empty.Key);
            Add(UsyncChangeKind.Delete);
        }
    }

    /// <summary>Writes one item's changes in the unit of work; a database error fails only that item.</summary>
    private async Task<string?> ApplyAsync(UsyncImportRun run, Func<CancellationToken, Task<string?>> apply, CancellationToken cancellationToken)
    {
        try
        {
            var refused = await apply(cancellationToken);
            if (refused is null)
            {
                await run.Db.SaveChangesAsync(cancellationToken);
            }

            return refused;
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "uSync: Speichern fehlgeschlagen.");
            return $"Speichern fehlgeschlagen: {ex.InnerException?.Message ?? ex.Message}";
        }
        finally
        {
            run.Db.ChangeTracker.Clear();
        }
    }
}

/// <summary>
/// A handler of tree items (media, content): parents come before children — first those whose parent is the root or
/// already known, repeatedly; what is left has a parent neither in the database nor in the folder.
/// </summary>
public abstract class UsyncTreeHandler<T>(UsyncItemKind kind, ILogger logger) : UsyncHandler<T>(kind, logger)
{
    protected abstract Guid ParentKeyOf(T item);

    public override async Task ImportAsync(UsyncImportRun run, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(run, cancellationToken);
        var remaining = items.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(i => IsReady(run, ParentKeyOf(i.Item))).ToList();
            if (ready.Count == 0)
            {
                break;
            }

            foreach (var item in ready)
            {
                remaining.Remove(item);
                await ImportItemAsync(run, item.File, item.Item, cancellationToken);
            }
        }

        var inFolder = items.Select(i => KeyOf(i.Item)).ToHashSet();
        foreach (var (file, item) in remaining)
        {
            var parent = ParentKeyOf(item);
            var message = inFolder.Contains(parent) || run.Failed.Contains(parent)
                ? Messages.Get("Usync.ParentFailed", UsyncXml.Guid(parent))
                : Messages.Get("Usync.ParentMissing", UsyncXml.Guid(parent));
            Report(run, item, file.RelativePath, UsyncChangeKind.ParentMissing, message);
        }
    }

    private bool IsReady(UsyncImportRun run, Guid parent) =>
        parent == Guid.Empty || (Exists(run.State, parent) && !run.Failed.Contains(parent));
}
