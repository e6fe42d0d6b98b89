using System.Globalization;
using System.Xml.Linq;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>Document and element types (<c>ContentTypes/</c>), after the data types.</summary>
public sealed class ContentTypeHandler(SchemaService schema, ILogger<ContentTypeHandler> logger)
    : ContentTypeHandlerBase(ContentTypeKind.Document, UsyncItemKind.ContentTypes, schema, logger);

/// <summary>Media types (<c>MediaTypes/</c>), after the document types.</summary>
public sealed class MediaTypeHandler(SchemaService schema, ILogger<MediaTypeHandler> logger)
    : ContentTypeHandlerBase(ContentTypeKind.Media, UsyncItemKind.MediaTypes, schema, logger);

/// <summary>
/// Content types of one kind: compositions before the types that use them; a composition or data type that is missing
/// (or failed in this run) fails the type. Stored through <see cref="SchemaService"/>.
/// </summary>
public abstract class ContentTypeHandlerBase(ContentTypeKind kind, UsyncItemKind itemKind, SchemaService schema, ILogger logger)
    : UsyncHandler<ContentType>(itemKind, logger)
{
    protected override ContentType Read(XElement root)
    {
        var type = UsyncSerializer.ReadContentType(root);
        return type.Kind == kind ? type : throw new FormatException(Messages.Get("Usync.WrongFolder", root.Name.LocalName, Kind.Folder));
    }

    protected override Guid KeyOf(ContentType item) => item.Key;

    protected override string NameOf(ContentType item) => item.Name;

    public override async Task ImportAsync(UsyncImportRun run, CancellationToken cancellationToken)
    {
        var pending = await ReadItemsAsync(run, cancellationToken);

        // Compositions before the types that use them (depth first over the folder's own types).
        var byKey = pending.GroupBy(p => p.Item.Key).ToDictionary(g => g.Key, g => g.First());
        var byAlias = pending.GroupBy(p => p.Item.Alias, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<Guid>();
        var visiting = new HashSet<Guid>();

        async Task VisitAsync((UsyncFile File, ContentType Item) entry)
        {
            if (done.Contains(entry.Item.Key) || !visiting.Add(entry.Item.Key))
            {
                return;
            }

            foreach (var composition in entry.Item.Compositions)
            {
                if ((byKey.TryGetValue(composition.Key, out var dependency) || byAlias.TryGetValue(composition.Alias, out dependency))
                    && dependency.Item.Key != entry.Item.Key)
                {
                    await VisitAsync(dependency);
                }
            }

            visiting.Remove(entry.Item.Key);
            done.Add(entry.Item.Key);
            await ImportItemAsync(run, entry.File, entry.Item, cancellationToken);
        }

        foreach (var entry in pending)
        {
            await VisitAsync(entry);
        }
    }

    protected override Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, ContentType incoming, CancellationToken cancellationToken) =>
        Task.FromResult(Plan(run, incoming));

    private UsyncPlan Plan(UsyncImportRun run, ContentType incoming)
    {
        var types = run.State.ContentTypes;
        foreach (var composition in incoming.Compositions)
        {
            var resolved = types.GetValueOrDefault(composition.Key)
                ?? types.Values.FirstOrDefault(t => t.Kind == incoming.Kind && string.Equals(t.Alias, composition.Alias, StringComparison.OrdinalIgnoreCase));
            if (resolved is null || run.Failed.Contains(resolved.Key) || run.Failed.Contains(composition.Key))
            {
                return UsyncPlan.Fail(Messages.Get("Usync.CompositionMissing", composition.Alias, UsyncXml.Guid(composition.Key)));
            }

            composition.Key = resolved.Key;
            composition.Alias = resolved.Alias;
        }

        foreach (var property in incoming.Properties)
        {
            if (!run.State.DataTypes.TryGetValue(property.DataTypeKey, out var dataType) || run.Failed.Contains(property.DataTypeKey))
            {
                return UsyncPlan.Fail(Messages.Get("Usync.PropertyDataTypeMissing", UsyncXml.Guid(property.DataTypeKey), property.EditorAlias, property.Alias));
            }

            property.EditorAlias = dataType.EditorAlias;
        }

        if (types.Values.FirstOrDefault(t => t.Key != incoming.Key && t.Kind == incoming.Kind
                && string.Equals(t.Alias, incoming.Alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            return UsyncPlan.Fail(Messages.Get("Usync.TypeAliasClash", clash.Alias));
        }

        types.TryGetValue(incoming.Key, out var existing);
        if (existing is not null && existing.Kind != incoming.Kind)
        {
            return UsyncPlan.Fail(Messages.Get("Usync.KeyKindClash"));
        }

        return UsyncPlan.Change(existing is null ? null : Flatten(existing), Flatten(incoming), async ct =>
            {
                await schema.ImportContentTypeAsync(incoming, created: existing is null, UsyncService.Importer, ct);
                return null;
            },
            () => types[incoming.Key] = incoming);
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.ContentTypes;

    protected override async Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken)
    {
        await schema.ImportDeleteContentTypeAsync(key, UsyncService.Importer, cancellationToken);
        return null;
    }

    private static SortedDictionary<string, string?> Flatten(ContentType t)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Name"] = t.Name,
            ["Icon"] = t.Icon,
            ["Thumbnail"] = t.Thumbnail,
            ["Description"] = t.Description,
            ["AllowAtRoot"] = UsyncXml.PascalBool(t.AllowAtRoot),
            ["IsElement"] = UsyncXml.LowerBool(t.IsElement),
            ["Variations"] = t.Variations,
            ["Folder"] = t.Folder,
            ["Level"] = t.Level.ToString(CultureInfo.InvariantCulture),
            ["DefaultTemplate"] = t.DefaultTemplate,
            ["Compositions"] = string.Join(", ", t.Compositions.Select(c => $"{c.Alias} ({UsyncXml.Guid(c.Key)})").Order(StringComparer.Ordinal)),
            ["Structure"] = string.Join(", ", t.AllowedChildren.OrderBy(c => c.SortOrder).ThenBy(c => c.Alias, StringComparer.Ordinal)
                .Select(c => $"{c.Alias} ({UsyncXml.Guid(c.Key)}) #{c.SortOrder}")),
        };
        foreach (var group in t.Groups)
        {
            result[$"Tab:{group.Alias}"] = $"{group.Name} | {group.Type} | {group.SortOrder} | {UsyncXml.Guid(group.Key)}";
        }

        foreach (var p in t.Properties)
        {
            result[$"Property:{p.Alias}"] = string.Join(" | ",
                p.Name, UsyncXml.Guid(p.Key), UsyncXml.Guid(p.DataTypeKey), p.EditorAlias, "Mandatory=" + UsyncXml.LowerBool(p.Mandatory),
                p.ValidationRegex ?? "", p.Description ?? "", p.SortOrder.ToString(CultureInfo.InvariantCulture), p.GroupAlias ?? "",
                p.Variations, p.MandatoryMessage ?? "", p.ValidationRegexMessage ?? "", "LabelOnTop=" + UsyncXml.LowerBool(p.LabelOnTop));
        }

        return result;
    }
}
