using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Sanitizing;
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
    ContentImportState? Import = null);

/// <summary>
/// What only an importer (uSync) sets: the file's state is taken over as it is — parent, template, create date, trashed
/// and unpublished state — and values of properties the document type does not know are kept as read, not rejected.
/// </summary>
public sealed record ContentImportState(DateTime CreateDate, string? TemplateAlias, bool Trashed);

/// <summary>Outcome of a content operation; on failure the errors name each property.</summary>
public sealed record ContentOperationResult(ContentNode? Node, IReadOnlyList<ValidationError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static ContentOperationResult Fail(string alias, string message) => new(null, [new ValidationError(alias, message)]);

    public static ContentOperationResult NotFound() => Fail("key", Messages.Get("Content.NotFound"));
}

/// <summary>
/// The only writer of documents' values and publish state: validates against the document type, sanitizes rich text,
/// stores every save as a new version, plans redirects for a changed live address, and raises a notification in the same
/// unit of work (<see cref="ContentSavedNotification"/>, <see cref="ContentPublishedNotification"/>, …). The audit trail
/// and the published snapshot follow from the notification.
/// </summary>
public sealed class ContentService(
    CmsUnitOfWorkFactory units,
    PropertyValueSanitizer valueSanitizer,
    IPublishedSnapshotAccessor snapshots,
    TimeProvider clock)
{
    public const string EntityType = ContentNotification.Entity;

    /// <summary>Saves a new draft version (creates the document when the key is new).</summary>
    public Task<ContentOperationResult> SaveAsync(SaveContentCommand command, Actor actor, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(command, actor, publish: false, cancellationToken);

    /// <summary>Saves a new version and makes it the published one.</summary>
    public Task<ContentOperationResult> SaveAndPublishAsync(SaveContentCommand command, Actor actor, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(command, actor, publish: true, cancellationToken);

    /// <summary>Publishes the latest saved version as it is (used by schedules).</summary>
    public async Task<ContentOperationResult> PublishAsync(Guid key, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null || node.CurrentVersionId is null)
        {
            return ContentOperationResult.NotFound();
        }

        if (node.Trashed)
        {
            return ContentOperationResult.Fail("key", Messages.Get("Content.TrashedCannotPublish"));
        }

        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == node.CurrentVersionId, cancellationToken);
        var segment = string.IsNullOrEmpty(version?.UrlSegment) ? node.UrlSegment : version.UrlSegment;
        if (segment.Length > 0 && await SegmentTakenAsync(db, node.ParentKey, node.Key, segment, cancellationToken))
        {
            return ContentOperationResult.Fail("urlSegment", SegmentClashMessage(segment));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var redirects = RedirectPlanner.Plan(snapshots.Current, node.Key, node.ParentKey, segment);
        var oldSegment = node.UrlSegment;
        node.PublishedVersionId = node.CurrentVersionId;
        node.UrlSegment = segment;
        node.UpdateDate = now;
        unit.Notify(new ContentPublishedNotification(actor, node.Key, node.Name,
            Messages.Get("Content.Audit.Published", node.CurrentVersionId) + SegmentChange(oldSegment, segment), Created: false, node.CurrentVersionId.Value));
        await RedirectPlanner.ApplyAsync(db, redirects, now, cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    public async Task<ContentOperationResult> UnpublishAsync(Guid key, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return ContentOperationResult.NotFound();
        }

        node.PublishedVersionId = null;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        unit.Notify(new ContentUnpublishedNotification(actor, node.Key, node.Name, Messages.Get("Content.Audit.Unpublished")));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    /// <summary>Restores the name and values of an older version as a new draft (the published version stays as it is).</summary>
    public async Task<ContentOperationResult> RollbackAsync(Guid key, int versionId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        var old = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.ContentKey == key, cancellationToken);
        if (node is null)
        {
            return ContentOperationResult.NotFound();
        }

        if (old is null)
        {
            return ContentOperationResult.Fail("version", Messages.Get("Content.VersionNotFound"));
        }

        var segment = string.IsNullOrEmpty(old.UrlSegment) ? node.UrlSegment : old.UrlSegment;
        if (segment.Length > 0 && await SegmentTakenAsync(db, node.ParentKey, key, segment, cancellationToken))
        {
            return ContentOperationResult.Fail("urlSegment", SegmentClashMessage(segment));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = new ContentVersion
        {
            ContentKey = key,
            Name = old.Name,
            UrlSegment = segment,
            CreatedAt = now,
            CreatedBy = actor.UserName,
            Values = new Dictionary<string, string?>(old.Values, StringComparer.Ordinal),
        };
        db.ContentVersions.Add(version);
        await unit.SaveChangesAsync(cancellationToken);
        node.CurrentVersionId = version.Id;
        node.Name = old.Name;
        if (!node.IsPublished)
        {
            // Nothing is live: the document's segment follows its latest version. A published one keeps its address until publish.
            node.UrlSegment = segment;
        }

        node.UpdateDate = now;
        unit.Notify(new ContentRolledBackNotification(actor, key, old.Name,
            Messages.Get("Content.Audit.RolledBack", old.Id, old.CreatedAt, version.Id), version.Id));
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    private async Task<ContentOperationResult> SaveCoreAsync(SaveContentCommand command, Actor actor, bool publish, CancellationToken cancellationToken)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        var schema = new ContentTypeIndex(await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken));
        var dataTypes = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
        var type = schema.ByAlias(command.ContentTypeAlias);
        if (type is null || type.Kind != ContentTypeKind.Document)
        {
            return ContentOperationResult.Fail("contentType", Messages.Get("Content.UnknownDocumentType", command.ContentTypeAlias));
        }

        var node = await db.ContentNodes.SingleOrDefaultAsync(n => n.Key == command.Key, cancellationToken);
        if (node is not null && !string.Equals(node.ContentTypeAlias, type.Alias, StringComparison.OrdinalIgnoreCase))
        {
            return ContentOperationResult.Fail("contentType", Messages.Get("Content.DocumentTypeChange"));
        }

        var import = command.Import;
        if (node is { Trashed: true } && publish && import is null)
        {
            return ContentOperationResult.Fail("key", Messages.Get("Content.TrashedCannotPublish"));
        }

        ContentNode? parent = null;
        var parentKey = node is null || import is not null ? command.ParentKey : node.ParentKey;
        if (parentKey is { } pk)
        {
            parent = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == pk, cancellationToken);
            if (parent is null || (node is null && parent.Trashed && import is not { Trashed: true }))
            {
                return ContentOperationResult.Fail("parent", Messages.Get("Content.ParentNotFound"));
            }
        }

        var errors = new List<ValidationError>();
        if (node is null && ContentValidator.ValidatePlacement(type, parent is null ? null : schema.ByAlias(parent.ContentTypeAlias)) is { } placement)
        {
            errors.Add(placement);
        }

        var values = valueSanitizer.Sanitize(schema, type, command.Values, RichTextSanitizer.ExternalImageDataTypes(dataTypes));
        if (import is not null)
        {
            KeepSpelling(command.Values, values);
        }

        errors.AddRange(new ContentValidator(schema, dataTypes).Validate(type, command.Name, import is null ? values : KnownValues(schema, type, values)));

        var segment = UrlSegments.Create(string.IsNullOrWhiteSpace(command.UrlSegment) ? command.Name : command.UrlSegment);
        if (segment.Length == 0 && (parentKey is not null || !string.IsNullOrWhiteSpace(command.Name)) && !errors.Any(e => e.PropertyAlias == "name"))
        {
            errors.Add(new ValidationError("urlSegment", Messages.Get("Content.NoSegment")));
        }

        if (segment.Length > 0 && ReservedUrlSegments.Clashes(parent, segment))
        {
            errors.Add(string.IsNullOrWhiteSpace(command.UrlSegment)
                ? new ValidationError("name", Messages.Get("Content.ReservedSegmentFromName", command.Name.Trim(), segment))
                : new ValidationError("urlSegment", Messages.Get("Content.ReservedSegment", segment)));
        }
        else if (segment.Length > 0)
        {
            if (await SegmentTakenAsync(db, parentKey, command.Key, segment, cancellationToken))
            {
                errors.Add(new ValidationError("urlSegment", SegmentClashMessage(segment)));
            }
        }

        if (errors.Count > 0)
        {
            return new ContentOperationResult(null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Only a publish changes a live address (and so creates redirects); a draft keeps its new segment in its version.
        var redirects = node is null || !publish ? [] : RedirectPlanner.Plan(snapshots.Current, node.Key, parentKey, segment);
        var created = node is null;
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

        // An import takes over the file's unpublished state (Umbraco's importer unpublishes such a page too).
        var unpublished = import is not null && !publish && node.IsPublished;
        if (unpublished)
        {
            node.PublishedVersionId = null;
        }

        var oldSegment = node.UrlSegment;
        if (publish || !node.IsPublished)
        {
            node.UrlSegment = segment;
        }

        node.Name = command.Name.Trim();
        node.UpdateDate = now;
        if (import is not null)
        {
            TakeOver(node, import, parent, created, now);
        }

        var version = new ContentVersion
        {
            ContentKey = command.Key,
            Name = node.Name,
            UrlSegment = segment,
            CreatedAt = now,
            CreatedBy = actor.UserName,
            Values = values,
        };
        db.ContentVersions.Add(version);
        await unit.SaveChangesAsync(cancellationToken);

        node.CurrentVersionId = version.Id;
        if (publish)
        {
            node.PublishedVersionId = version.Id;
        }

        var details = (created ? Messages.Get("Content.Audit.CreatedPrefix") : "") + (publish ? Messages.Get("Content.Audit.SavedAndPublished", version.Id) : Messages.Get("Content.Audit.SavedDraft", version.Id));
        if (!created)
        {
            details += publish || !node.IsPublished
                ? SegmentChange(oldSegment, segment)
                : string.Equals(oldSegment, segment, StringComparison.Ordinal) ? "" : Messages.Get("Content.Audit.SegmentPending", segment, oldSegment);
        }

        unit.Notify(publish
            ? new ContentPublishedNotification(actor, node.Key, node.Name, details, created, version.Id)
            : new ContentSavedNotification(actor, node.Key, node.Name, details, created, version.Id));
        if (unpublished)
        {
            unit.Notify(new ContentUnpublishedNotification(actor, node.Key, node.Name, Messages.Get("Content.Audit.Unpublished")));
        }

        await RedirectPlanner.ApplyAsync(db, redirects, now, cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return new ContentOperationResult(node, []);
    }

    /// <summary>The importer's state: the file's parent, template, trashed state and create date.</summary>
    private static void TakeOver(ContentNode node, ContentImportState import, ContentNode? parent, bool created, DateTime now)
    {
        node.ParentKey = parent?.Key;
        node.Level = parent is null ? 1 : parent.Level + 1;
        node.TemplateAlias = import.TemplateAlias;
        node.Trashed = import.Trashed;
        if (created)
        {
            node.CreateDate = import.CreateDate;
        }

        node.UpdateDate = created ? import.CreateDate : now;
    }

    /// <summary>Only the values of the type's properties are validated on import; the others are kept as read.</summary>
    private static Dictionary<string, string?> KnownValues(ContentTypeIndex schema, ContentType type, Dictionary<string, string?> values)
    {
        var known = schema.AllProperties(type).Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        return values.Where(v => known.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }

    /// <summary>The sanitizer re-serializes JSON values (escaping umlauts); an import keeps the file's spelling when nothing was removed.</summary>
    internal static void KeepSpelling(IReadOnlyDictionary<string, string?> raw, Dictionary<string, string?> values)
    {
        foreach (var (alias, value) in raw)
        {
            if (values.TryGetValue(alias, out var cleaned) && !string.Equals(cleaned, value, StringComparison.Ordinal) && SameJson(cleaned, value))
            {
                values[alias] = value;
            }
        }
    }

    private static bool SameJson(string? a, string? b)
    {
        if (a is null || b is null || !a.TrimStart().StartsWith('{') && !a.TrimStart().StartsWith('['))
        {
            return false;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>The German message for a segment that a sibling already has (published or in its latest version).</summary>
    public static string SegmentClashMessage(string segment) => Messages.Get("Content.DuplicateSegment", segment);

    /// <summary>
    /// Whether a sibling (same parent, not in the recycle bin) answers at <paramref name="segment"/> now (its published segment)
    /// or will after its next publish (the segment of its latest version).
    /// </summary>
    internal static Task<bool> SegmentTakenAsync(CmsDbContext db, Guid? parentKey, Guid key, string segment, CancellationToken cancellationToken) =>
        db.ContentNodes.AnyAsync(
            n => n.ParentKey == parentKey && n.Key != key && !n.Trashed
                && (n.UrlSegment == segment || db.ContentVersions.Any(v => v.Id == n.CurrentVersionId && v.UrlSegment == segment)),
            cancellationToken);

    private static string SegmentChange(string oldSegment, string newSegment) =>
        string.Equals(oldSegment, newSegment, StringComparison.Ordinal) ? "" : Messages.Get("Content.Audit.SegmentChanged", oldSegment, newSegment);
}
