using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>What an editor (or the importer) wants to store for a document.</summary>
public sealed record SaveContentCommand(
    Guid Key,
    Guid? ParentKey,
    string ContentTypeAlias,
    string Name,
    IReadOnlyDictionary<string, string?> Values,
    string? UrlSegment = null,
    int? SortOrder = null,
    string? User = null);

/// <summary>Outcome of a content operation; on failure the errors name each property.</summary>
public sealed record ContentOperationResult(ContentNode? Node, IReadOnlyList<ValidationError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static ContentOperationResult Fail(string alias, string message) => new(null, [new ValidationError(alias, message)]);
}

/// <summary>
/// Creates and changes documents: validates against the document type, sanitizes rich text,
/// stores every save as a new version, and publishes by swapping the published snapshot.
/// </summary>
public sealed class ContentService(
    IDbContextFactory<CmsDbContext> dbFactory,
    PropertyValueSanitizer valueSanitizer,
    PublishedSnapshotService snapshots,
    TimeProvider clock)
{
    /// <summary>Saves a new draft version (creates the document when the key is new).</summary>
    public Task<ContentOperationResult> SaveAsync(SaveContentCommand command, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(command, publish: false, cancellationToken);

    /// <summary>Saves a new version and makes it the published one.</summary>
    public Task<ContentOperationResult> SaveAndPublishAsync(SaveContentCommand command, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(command, publish: true, cancellationToken);

    public async Task<ContentOperationResult> UnpublishAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return ContentOperationResult.Fail("key", "Das Dokument wurde nicht gefunden.");
        }

        node.PublishedVersionId = null;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await snapshots.RebuildAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    private async Task<ContentOperationResult> SaveCoreAsync(SaveContentCommand command, bool publish, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schema = new ContentTypeIndex(await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken));
        var dataTypes = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
        var type = schema.ByAlias(command.ContentTypeAlias);
        if (type is null || type.Kind != ContentTypeKind.Document)
        {
            return ContentOperationResult.Fail("contentType", $"Den Dokumenttyp „{command.ContentTypeAlias}“ gibt es nicht.");
        }

        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == command.Key, cancellationToken);
        ContentNode? parent = null;
        var parentKey = node?.ParentKey ?? command.ParentKey;
        if (parentKey is { } pk)
        {
            parent = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == pk, cancellationToken);
            if (parent is null)
            {
                return ContentOperationResult.Fail("parent", "Das übergeordnete Dokument wurde nicht gefunden.");
            }
        }

        var errors = new List<ValidationError>();
        if (node is null && ContentValidator.ValidatePlacement(type, parent is null ? null : schema.ByAlias(parent.ContentTypeAlias)) is { } placement)
        {
            errors.Add(placement);
        }

        var values = valueSanitizer.Sanitize(schema, type, command.Values);
        errors.AddRange(new ContentValidator(schema, dataTypes).Validate(type, command.Name, values));

        var segment = UrlSegments.Create(string.IsNullOrWhiteSpace(command.UrlSegment) ? command.Name : command.UrlSegment);
        if (parent is not null || node?.ParentKey is not null || segment.Length > 0)
        {
            var siblingClash = await db.ContentNodes.AnyAsync(
                n => n.ParentKey == parentKey && n.Key != command.Key && !n.Trashed && n.UrlSegment == segment, cancellationToken);
            if (siblingClash)
            {
                errors.Add(new ValidationError("urlSegment", $"Auf dieser Ebene gibt es bereits eine Seite mit der Adresse „{segment}“."));
            }
        }

        if (errors.Count > 0)
        {
            return new ContentOperationResult(null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (node is null)
        {
            var siblings = await db.ContentNodes.Where(n => n.ParentKey == parentKey).Select(n => (int?)n.SortOrder).MaxAsync(cancellationToken);
            node = new ContentNode
            {
                Key = command.Key,
                ParentKey = parentKey,
                Level = parent is null ? 1 : parent.Level + 1,
                ContentTypeAlias = type.Alias,
                SortOrder = command.SortOrder ?? ((siblings ?? -1) + 1),
                CreateDate = now,
            };
            db.ContentNodes.Add(node);
        }
        else if (command.SortOrder is { } sortOrder)
        {
            node.SortOrder = sortOrder;
        }

        node.UrlSegment = segment;
        node.Name = command.Name.Trim();
        node.UpdateDate = now;

        var version = new ContentVersion
        {
            ContentKey = command.Key,
            Name = node.Name,
            CreatedAt = now,
            CreatedBy = command.User,
            Values = values,
        };
        db.ContentVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);

        node.CurrentVersionId = version.Id;
        if (publish)
        {
            node.PublishedVersionId = version.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (publish)
        {
            await snapshots.RebuildAsync(cancellationToken);
        }

        return new ContentOperationResult(node, []);
    }
}
