using System.Globalization;
using System.Xml.Linq;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Schema;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>Data types (<c>DataTypes/</c>): first of all, the types' properties need them. Stored through <see cref="SchemaService"/>.</summary>
public sealed class DataTypeHandler(SchemaService schema, ILogger<DataTypeHandler> logger) : UsyncHandler<DataType>(UsyncItemKind.DataTypes, logger)
{
    protected override DataType Read(XElement root) => UsyncSerializer.ReadDataType(root);

    protected override Guid KeyOf(DataType item) => item.Key;

    protected override string NameOf(DataType item) => item.Name;

    protected override Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, DataType incoming, CancellationToken cancellationToken)
    {
        if (!EditorAliases.Supported.Contains(incoming.EditorAlias))
        {
            return Task.FromResult(UsyncPlan.Fail(Messages.Get("Usync.UnknownEditor", incoming.EditorAlias)));
        }

        if (run.State.DataTypes.Values.FirstOrDefault(d => d.Key != incoming.Key && string.Equals(d.Name, incoming.Name, StringComparison.Ordinal)) is { } clash)
        {
            return Task.FromResult(UsyncPlan.Fail(Messages.Get("Usync.DataTypeNameClash", clash.Name, UsyncXml.Guid(clash.Key))));
        }

        run.State.DataTypes.TryGetValue(incoming.Key, out var existing);
        return Task.FromResult(UsyncPlan.Change(
            existing is null ? null : Flatten(existing),
            Flatten(incoming),
            async ct =>
            {
                await schema.ImportDataTypeAsync(incoming, created: existing is null, UsyncService.Importer, ct);
                return null;
            },
            () => run.State.DataTypes[incoming.Key] = incoming));
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.DataTypes;

    protected override async Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken)
    {
        await schema.ImportDeleteDataTypeAsync(key, UsyncService.Importer, cancellationToken);
        return null;
    }

    private static SortedDictionary<string, string?> Flatten(DataType d) => new(StringComparer.Ordinal)
    {
        ["Name"] = d.Name,
        ["EditorAlias"] = d.EditorAlias,
        ["EditorUIAlias"] = d.EditorUiAlias,
        ["DatabaseType"] = d.DatabaseType,
        ["Folder"] = d.Folder,
        ["Level"] = d.Level.ToString(CultureInfo.InvariantCulture),
        ["Config"] = UsyncDiff.SafeCanonicalJson(d.ConfigJson),
    };
}
