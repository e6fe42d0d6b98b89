using System.Globalization;
using System.Xml.Linq;
using Initiativenberatung.Core.Schema;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>Data types (<c>DataTypes/</c>): first of all, the types' properties need them.</summary>
public sealed class DataTypeHandler(ILogger<DataTypeHandler> logger) : UsyncHandler<DataType>(UsyncItemKind.DataTypes, logger)
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
            _ =>
            {
                if (existing is null)
                {
                    run.Db.DataTypes.Add(incoming);
                }
                else
                {
                    run.Db.DataTypes.Update(incoming);
                }

                return Task.FromResult<string?>(null);
            },
            () => run.State.DataTypes[incoming.Key] = incoming));
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.DataTypes;

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
