using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Schema;

/// <summary>
/// Lists and reads data types and content types (document, element and media types) and is their only writer. A save
/// is validated against the whole schema (<see cref="SchemaValidator"/>) and stored in one unit of work with a
/// <see cref="DataTypeSavedNotification"/> or <see cref="ContentTypeSavedNotification"/>; its subscribers write the audit
/// line, rebuild the published snapshot (value converters depend on the types) and export uSync on save (their notes
/// come back in the result).
/// </summary>
public sealed class SchemaService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units) : IDisposable
{
    public const string DataTypeEntity = DataTypeSavedNotification.Entity;
    public const string ContentTypeEntity = ContentTypeSavedNotification.Entity;

    private readonly SemaphoreSlim _saveLock = new(1, 1);

    public void Dispose() => _saveLock.Dispose();

    public async Task<IReadOnlyList<DataType>> GetDataTypesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
        return [.. all.OrderBy(d => d.Folder ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<DataType?> GetDataTypeAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataTypes.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
    }

    /// <summary>All content types, or those of one kind, sorted by folder and name.</summary>
    public async Task<IReadOnlyList<ContentType>> GetContentTypesAsync(ContentTypeKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
        return [.. all.Where(t => kind is null || t.Kind == kind)
            .OrderBy(t => t.Folder ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<ContentType?> GetContentTypeAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
    }

    /// <summary>How many properties use each data type.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> DataTypeUsageAsync(CancellationToken cancellationToken = default)
    {
        var types = await GetContentTypesAsync(null, cancellationToken);
        return types.SelectMany(t => t.Properties).GroupBy(p => p.DataTypeKey).ToDictionary(g => g.Key, g => g.Count());
    }

    public async Task<SchemaSaveResult<DataType>> SaveDataTypeAsync(DataTypeInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var unit = units.Begin();
            var db = unit.Db;
            var all = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
            var existing = input.Key is { } key ? all.FirstOrDefault(d => d.Key == key) : null;
            if (input.Key is not null && existing is null)
            {
                return Failed<DataType>([new("Key", Messages.Get("Schema.DataTypeNotFound"))]);
            }

            var errors = SchemaValidator.ValidateDataType(input, existing, all, out var saved);
            if (errors.Count > 0 || saved is null)
            {
                return Failed<DataType>(errors);
            }

            Store(unit, saved, created: existing is null, actor);
            var notes = await unit.CompleteAsync(cancellationToken);
            return new SchemaSaveResult<DataType>(saved, [], notes);
        }
        finally
        {
            _saveLock.Release();
        }
    }

    public async Task<SchemaSaveResult<ContentType>> SaveContentTypeAsync(ContentTypeInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var unit = units.Begin();
            var db = unit.Db;
            var types = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
            var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
            var existing = input.Key is { } key ? types.FirstOrDefault(t => t.Key == key) : null;
            if (input.Key is not null && existing is null)
            {
                return Failed<ContentType>([new("Key", Messages.Get("Schema.TypeNotFound"))]);
            }

            var errors = SchemaValidator.ValidateContentType(input, existing, types, dataTypes, out var saved);
            if (errors.Count > 0 || saved is null)
            {
                return Failed<ContentType>(errors);
            }

            await StoreAsync(unit, saved, created: existing is null, actor, cancellationToken);
            var notes = await unit.CompleteAsync(cancellationToken);
            return new SchemaSaveResult<ContentType>(saved, [], notes);
        }
        finally
        {
            _saveLock.Release();
        }
    }

    /// <summary>
    /// Stores a data type as the uSync importer read it (its key and configuration kept; the importer checked editor and
    /// name) in the import's unit of work, with the same notification as an editor's save. A database error dooms the
    /// import's unit (nothing is stored, no audit line for an item that was not written).
    /// </summary>
    public async Task ImportDataTypeAsync(DataType item, bool created, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        Store(unit, item, created, actor);
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
    }

    /// <summary>Stores a content type as the uSync importer read it (keys kept; compositions and data types resolved by the importer).</summary>
    public async Task ImportContentTypeAsync(ContentType item, bool created, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        await StoreAsync(unit, item, created, actor, cancellationToken);
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
    }

    /// <summary>Deletes a data type for a uSync delete marker, in the import's unit, with a <see cref="DataTypeDeletedNotification"/>.</summary>
    public Task ImportDeleteDataTypeAsync(Guid key, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(db => db.DataTypes, key, item => new DataTypeDeletedNotification(actor, item.Key, item.Name, Messages.Get("Schema.Audit.DeletedByImport")), cancellationToken);

    /// <summary>Deletes a content type for a uSync delete marker, in the import's unit, with a <see cref="ContentTypeDeletedNotification"/>.</summary>
    public Task ImportDeleteContentTypeAsync(Guid key, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(db => db.ContentTypes, key, item => new ContentTypeDeletedNotification(actor, item.Key, item.Name, Messages.Get("Schema.Audit.DeletedByImport")), cancellationToken);

    private async Task DeleteAsync<T>(Func<CmsDbContext, DbSet<T>> set, Guid key, Func<T, INotification> notification, CancellationToken cancellationToken)
        where T : class
    {
        await using var unit = units.Begin();
        var item = await set(unit.Db).SingleAsync(e => EF.Property<Guid>(e, "Key") == key, cancellationToken);
        set(unit.Db).Remove(item);
        unit.Notify(notification(item));
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
    }

    private static void Store(CmsUnitOfWork unit, DataType saved, bool created, Actor actor)
    {
        if (created)
        {
            unit.Db.DataTypes.Add(saved);
        }
        else
        {
            unit.Db.DataTypes.Update(saved);
        }

        unit.Notify(new DataTypeSavedNotification(actor, saved.Key, saved.Name,
            created ? Messages.Get("Schema.Audit.DataTypeCreated", saved.EditorAlias) : Messages.Get("Schema.Audit.DataTypeChanged"), created));
    }

    private static async Task StoreAsync(CmsUnitOfWork unit, ContentType saved, bool created, Actor actor, CancellationToken cancellationToken)
    {
        var db = unit.Db;
        if (created)
        {
            db.ContentTypes.Add(saved);
        }
        else
        {
            var tracked = await db.ContentTypes.SingleAsync(t => t.Key == saved.Key, cancellationToken);
            db.Entry(tracked).CurrentValues.SetValues(saved);
            tracked.Groups = saved.Groups;
            tracked.Properties = saved.Properties;
            tracked.AllowedChildren = saved.AllowedChildren;
            tracked.Compositions = saved.Compositions;
        }

        unit.Notify(new ContentTypeSavedNotification(actor, saved.Key, saved.Name,
            (created ? Messages.Get("Schema.Audit.Created") : Messages.Get("Schema.Audit.Changed")) + $": {saved.Alias}, {saved.Groups.Count} Gruppe(n), {saved.Properties.Count} Eigenschaft(en)", created));
    }

    private static SchemaSaveResult<T> Failed<T>(IReadOnlyList<SchemaError> errors)
        where T : class => new(null, errors, []);
}
