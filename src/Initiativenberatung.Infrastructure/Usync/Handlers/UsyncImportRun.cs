using System.Xml.Linq;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// One import or dry run: the unit of work's database, the folder, the results so far and the database as the run sees it.
/// </summary>
public sealed class UsyncImportRun(CmsDbContext db, string folder, bool apply, UsyncResult result, UsyncState state)
{
    public CmsDbContext Db => db;

    public string Folder => folder;

    /// <summary><c>false</c> for a report: nothing is written.</summary>
    public bool Apply => apply;

    public UsyncResult Result => result;

    public UsyncState State => state;

    /// <summary>Keys of items that failed in this run (dependants fail too).</summary>
    public HashSet<Guid> Failed { get; } = [];

    /// <summary>Adds one report line; a failed item's key is remembered so its dependants fail too.</summary>
    public void Add(string handler, string itemType, string name, Guid? key, string file, UsyncChangeKind change,
        string? message = null, IReadOnlyList<UsyncPropertyChange>? details = null)
    {
        result.Items.Add(new UsyncItemResult(handler, itemType, name, key, file, change, message, details ?? []));
        if (change is UsyncChangeKind.Fail or UsyncChangeKind.ParentMissing && key is { } k)
        {
            Failed.Add(k);
        }
    }
}

/// <summary>One <c>.config</c> file of a kind folder: its parsed root, or why it could not be read.</summary>
public sealed record UsyncFile(string RelativePath, XElement? Root, string? Error);

/// <summary>The database as the run sees it (read once, updated as items are applied).</summary>
public sealed class UsyncState
{
    public Dictionary<Guid, DataType> DataTypes { get; private init; } = [];

    public Dictionary<Guid, ContentType> ContentTypes { get; private init; } = [];

    public Dictionary<Guid, MediaItem> Media { get; private init; } = [];

    public Dictionary<Guid, ContentNode> Nodes { get; private init; } = [];

    public Dictionary<int, ContentVersion> Versions { get; private init; } = [];

    public Dictionary<Guid, FormDefinitionRecord> Forms { get; private init; } = [];

    public static async Task<UsyncState> LoadAsync(CmsDbContext db, CancellationToken cancellationToken)
    {
        var nodes = await db.ContentNodes.AsNoTracking().ToDictionaryAsync(n => n.Key, cancellationToken);
        var versionIds = nodes.Values.Where(n => n.CurrentVersionId is not null).Select(n => n.CurrentVersionId!.Value).ToList();
        return new UsyncState
        {
            DataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken),
            ContentTypes = await db.ContentTypes.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken),
            Media = await db.MediaItems.AsNoTracking().ToDictionaryAsync(m => m.Key, cancellationToken),
            Nodes = nodes,
            Versions = await db.ContentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken),
            Forms = await db.FormDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Key, cancellationToken),
        };
    }
}
