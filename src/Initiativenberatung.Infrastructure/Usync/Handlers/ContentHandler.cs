using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Sanitizing;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// Documents (<c>Content/</c>, parents first), last. Each changed document is saved (or saved and published) through
/// <see cref="ContentService"/> as the actor „uSync“, joining the import's unit of work: it is validated like an editor's
/// save, plans redirects for a changed live address and gets its audit line and notifications.
/// </summary>
public sealed class ContentHandler(ContentService contents, ContentStructureService structure, PropertyValueSanitizer sanitizer, ILogger<ContentHandler> logger)
    : UsyncTreeHandler<UsyncContentItem>(UsyncItemKind.Content, logger)
{
    protected override UsyncContentItem Read(XElement root) => UsyncSerializer.ReadContent(root);

    protected override Guid KeyOf(UsyncContentItem item) => item.Key;

    protected override string NameOf(UsyncContentItem item) => item.Name;

    protected override Guid ParentKeyOf(UsyncContentItem item) => item.ParentKey;

    protected override Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, UsyncContentItem incoming, CancellationToken cancellationToken) =>
        Task.FromResult(Plan(run, incoming));

    private UsyncPlan Plan(UsyncImportRun run, UsyncContentItem incoming)
    {
        var schema = new ContentTypeIndex(run.State.ContentTypes.Values.Where(t => t.Kind == ContentTypeKind.Document));
        var type = schema.ByAlias(incoming.ContentTypeAlias);
        if (type is null || run.Failed.Contains(type.Key))
        {
            return UsyncPlan.Fail(Messages.Get("Content.UnknownDocumentType", incoming.ContentTypeAlias));
        }

        if (type.IsElement)
        {
            return UsyncPlan.Fail(Messages.Get("Usync.ElementTypeAsDocument", type.Alias));
        }

        ContentNode? parent = incoming.ParentKey == Guid.Empty ? null : run.State.Nodes[incoming.ParentKey];
        run.State.Nodes.TryGetValue(incoming.Key, out var existing);
        var current = existing?.CurrentVersionId is { } currentId ? run.State.Versions.GetValueOrDefault(currentId) : null;

        // The values as the service will store them (sanitized, the file's spelling kept), so that a second import compares equal.
        var raw = incoming.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        Dictionary<string, string?> values;
        try
        {
            values = sanitizer.Sanitize(schema, type, raw, RichTextSanitizer.ExternalImageDataTypes(run.State.DataTypes.Values));
            ContentService.KeepSpelling(raw, values);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return UsyncPlan.Fail(Messages.Get("Usync.ValueUnreadable", ex.Message));
        }

        // uSync content files carry no segment: the version's segment comes from umbracoUrlName or the name (as Umbraco does).
        var urlName = values.GetValueOrDefault("umbracoUrlName");
        var segment = UrlSegments.Create(string.IsNullOrWhiteSpace(urlName) ? incoming.Name : urlName);
        if (ReservedUrlSegments.Clashes(parent, segment))
        {
            return UsyncPlan.Fail(Messages.Get("Usync.ReservedSegment", segment));
        }

        var node = new ContentNode
        {
            Key = incoming.Key,
            ParentKey = parent?.Key,
            Level = parent is null ? 1 : parent.Level + 1,
            Name = incoming.Name.Trim(),
            UrlSegment = segment,
            SortOrder = incoming.SortOrder,
            ContentTypeAlias = type.Alias,
            TemplateAlias = incoming.TemplateAlias,
            Trashed = incoming.Trashed,
            CreateDate = existing?.CreateDate ?? incoming.CreateDate,
        };

        var currentSegment = string.IsNullOrEmpty(current?.UrlSegment) ? existing?.UrlSegment ?? "" : current.UrlSegment;
        var old = existing is null ? null : Flatten(existing, currentSegment, current?.Values, existing.PublishedVersionId is not null && existing.PublishedVersionId == existing.CurrentVersionId);
        var command = new SaveContentCommand(incoming.Key, parent?.Key, type.Alias, incoming.Name, raw,
            string.IsNullOrWhiteSpace(urlName) ? null : urlName, incoming.SortOrder,
            new ContentImportState(incoming.CreateDate, incoming.TemplateAlias, incoming.Trashed));
        return UsyncPlan.Change(old, Flatten(node, segment, values, incoming.Published), async ct =>
            {
                var result = incoming.Published
                    ? await contents.SaveAndPublishAsync(command, UsyncService.Importer, ct)
                    : await contents.SaveAsync(command, UsyncService.Importer, ct);
                if (!result.Success)
                {
                    return string.Join(" ", result.Errors.Select(e => $"{e.PropertyAlias}: {e.Message}"));
                }

                node = result.Node!;
                return null;
            },
            () => run.State.Nodes[node.Key] = node);
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.Nodes;

    protected override bool HasChildren(UsyncState state, Guid key) => state.Nodes.Values.Any(n => n.ParentKey == key);

    /// <summary>A delete marker deletes the document through <see cref="ContentStructureService"/> (versions, schedules, redirects; audited).</summary>
    protected override async Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken)
    {
        var result = await structure.ImportDeleteAsync(key, UsyncService.Importer, cancellationToken);
        return result.Success ? null : string.Join(" ", result.Errors.Select(e => e.Message));
    }

    private static SortedDictionary<string, string?> Flatten(ContentNode n, string segment, IReadOnlyDictionary<string, string?>? values, bool published) =>
        UsyncDiff.WithValues(new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Name"] = n.Name,
            ["Parent"] = n.ParentKey is { } p ? UsyncXml.Guid(p) : null,
            ["SortOrder"] = n.SortOrder.ToString(CultureInfo.InvariantCulture),
            ["ContentType"] = n.ContentTypeAlias,
            ["Template"] = n.TemplateAlias,
            ["Trashed"] = UsyncXml.LowerBool(n.Trashed),
            ["Published"] = UsyncXml.LowerBool(published),
            ["UrlSegment"] = segment,
        }, values);
}
