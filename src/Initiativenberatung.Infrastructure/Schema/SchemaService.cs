using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Schema;

/// <summary>
/// Lists, reads and stores data types and content types (document, element and media types) for the settings
/// section. A save is validated against the whole schema (<see cref="SchemaValidator"/>), stored with an audit entry
/// in one unit of work, then the published snapshot is rebuilt (value converters depend on the types) and the
/// <see cref="ISchemaSaveListener"/>s run (uSync export on save).
/// </summary>
public sealed class SchemaService(
    IDbContextFactory<CmsDbContext> dbFactory,
    AuditService audit,
    PublishedSnapshotService snapshots,
    IEnumerable<ISchemaSaveListener> listeners,
    ILogger<SchemaService> logger) : IDisposable
{
    public const string DataTypeEntity = "DataType";
    public const string ContentTypeEntity = "ContentType";

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
        DataType? saved;
        bool created;
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var all = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
            var existing = input.Key is { } key ? all.FirstOrDefault(d => d.Key == key) : null;
            if (input.Key is not null && existing is null)
            {
                return Failed<DataType>([new("Key", Messages.Get("Schema.DataTypeNotFound"))]);
            }

            var errors = SchemaValidator.ValidateDataType(input, existing, all, out saved);
            if (errors.Count > 0 || saved is null)
            {
                return Failed<DataType>(errors);
            }

            created = existing is null;
            if (created)
            {
                db.DataTypes.Add(saved);
            }
            else
            {
                db.DataTypes.Update(saved);
            }

            audit.Add(db, actor, AuditActions.SchemaSave, DataTypeEntity, saved.Key, saved.Name,
                created ? Messages.Get("Schema.Audit.DataTypeCreated", saved.EditorAlias) : Messages.Get("Schema.Audit.DataTypeChanged"));
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _saveLock.Release();
        }

        var notes = await AfterSaveAsync(new SchemaChange(DataTypeEntity, saved.Key, saved.Name, created), cancellationToken);
        return new SchemaSaveResult<DataType>(saved, [], notes);
    }

    public async Task<SchemaSaveResult<ContentType>> SaveContentTypeAsync(ContentTypeInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        ContentType? saved;
        bool created;
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var types = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
            var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
            var existing = input.Key is { } key ? types.FirstOrDefault(t => t.Key == key) : null;
            if (input.Key is not null && existing is null)
            {
                return Failed<ContentType>([new("Key", Messages.Get("Schema.TypeNotFound"))]);
            }

            var errors = SchemaValidator.ValidateContentType(input, existing, types, dataTypes, out saved);
            if (errors.Count > 0 || saved is null)
            {
                return Failed<ContentType>(errors);
            }

            created = existing is null;
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

            audit.Add(db, actor, AuditActions.SchemaSave, ContentTypeEntity, saved.Key, saved.Name,
                (created ? Messages.Get("Schema.Audit.Created") : Messages.Get("Schema.Audit.Changed")) + $": {saved.Alias}, {saved.Groups.Count} Gruppe(n), {saved.Properties.Count} Eigenschaft(en)");
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _saveLock.Release();
        }

        var notes = await AfterSaveAsync(new SchemaChange(ContentTypeEntity, saved.Key, saved.Name, created), cancellationToken);
        return new SchemaSaveResult<ContentType>(saved, [], notes);
    }

    private static SchemaSaveResult<T> Failed<T>(IReadOnlyList<SchemaError> errors)
        where T : class => new(null, errors, []);

    /// <summary>The snapshot first (visitors see the new schema), then the listeners; a failing listener never undoes the save.</summary>
    private async Task<IReadOnlyList<string>> AfterSaveAsync(SchemaChange change, CancellationToken cancellationToken)
    {
        await snapshots.RebuildAsync(cancellationToken);
        var notes = new List<string>();
        foreach (var listener in listeners)
        {
            try
            {
                if (await listener.OnSavedAsync(change, cancellationToken) is { Length: > 0 } note)
                {
                    notes.Add(note);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "Nach dem Speichern von {Type} {Key} ist ein Folgeschritt fehlgeschlagen.", change.EntityType, change.Key);
                notes.Add(Messages.Get("Schema.FollowUpFailed", ex.Message));
            }
        }

        return notes;
    }
}
