using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Content;

/// <summary>What a version is: live now, live earlier, the result of a rollback, or a saved draft.</summary>
public enum ContentVersionState
{
    Draft,
    Published,
    PreviouslyPublished,
    RolledBack,
}

/// <summary>One saved version in the history list, with what it changed against the version before it.</summary>
public sealed record ContentVersionInfo(int Id, string Name, DateTime CreatedAt, string? CreatedBy, bool IsPublished, bool IsCurrent)
{
    public ContentVersionState State { get; init; }

    /// <summary>The fields this version changed against the one before (<c>name</c>, <c>urlSegment</c> or property aliases).</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];
}

/// <summary>One field that differs between two versions: the readable text on both sides and a word-level diff.</summary>
public sealed record PropertyChange(string Alias, string? Label, string Before, string After, IReadOnlyList<DiffPart> Diff);

/// <summary>A version compared with another (the current draft, or the version before it when it is the current one).</summary>
public sealed record ContentVersionComparison(
    ContentNode Node, ContentVersionInfo Version, ContentVersionInfo? Other, bool OtherIsOlder, IReadOnlyList<PropertyChange> Changes);

/// <summary>
/// The version history of a document: each version's state and changes, and the comparison of two versions. Whether a
/// version was published or came from a rollback is read from the audit trail, which is written in the same transaction as
/// the version (the latest version saved at or before a <c>Publish</c> or <c>Rollback</c> entry is the one it concerns).
/// </summary>
public sealed class ContentHistoryService(IDbContextFactory<CmsDbContext> dbFactory)
{
    public const string NameField = "name";
    public const string SegmentField = "urlSegment";

    /// <summary>The newest <paramref name="take"/> versions, newest first.</summary>
    public async Task<IReadOnlyList<ContentVersionInfo>> VersionsAsync(Guid key, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return [];
        }

        // One more than shown, so the oldest shown version has something to compare with.
        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.ContentKey == key)
            .OrderByDescending(v => v.Id).Take(take + 1).ToListAsync(cancellationToken);
        var states = await StatesAsync(db, node, cancellationToken);
        return versions.Take(take)
            .Select((v, i) => Info(node, v, states) with { Changed = i + 1 < versions.Count ? ChangedFields(versions[i + 1], v) : [] })
            .ToList();
    }

    /// <summary>
    /// Compares version <paramref name="versionId"/> with the current draft, or, when it is the current draft (or
    /// <paramref name="withPrevious"/> is set), with the version saved before it. <c>null</c> when the version is not the document's.
    /// </summary>
    public async Task<ContentVersionComparison?> CompareAsync(Guid key, int versionId, bool withPrevious = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);
        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.ContentKey == key, cancellationToken);
        if (node is null || version is null)
        {
            return null;
        }

        var olderSide = withPrevious || version.Id == node.CurrentVersionId;
        var other = olderSide
            ? await db.ContentVersions.AsNoTracking().Where(v => v.ContentKey == key && v.Id < version.Id).OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == node.CurrentVersionId, cancellationToken);
        var states = await StatesAsync(db, node, cancellationToken);
        var schema = new ContentTypeIndex(await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken));
        var labels = schema.ByAlias(node.ContentTypeAlias) is { } type
            ? schema.AllProperties(type).GroupBy(p => p.Alias, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal)
            : [];

        var (older, newer) = olderSide ? (other, version) : (version, other);
        var changes = new List<PropertyChange>();
        if (older is not null && newer is not null)
        {
            var order = labels.Keys.ToList();
            foreach (var field in ChangedFields(older, newer).OrderBy(f => f == NameField ? -2 : f == SegmentField ? -1 : order.IndexOf(f) is var i and >= 0 ? i : int.MaxValue))
            {
                var before = Readable(older, field);
                var after = Readable(newer, field);
                changes.Add(new PropertyChange(field, labels.GetValueOrDefault(field), before, after, WordDiff.Compare(before, after)));
            }
        }

        return new ContentVersionComparison(node, Info(node, version, states), other is null ? null : Info(node, other, states), olderSide, changes);
    }

    /// <summary>The fields that differ between two versions (name, URL segment, then property aliases in ordinal order).</summary>
    public static IReadOnlyList<string> ChangedFields(ContentVersion older, ContentVersion newer)
    {
        var changed = new List<string>();
        if (!string.Equals(older.Name, newer.Name, StringComparison.Ordinal))
        {
            changed.Add(NameField);
        }

        if (older.UrlSegment.Length > 0 && newer.UrlSegment.Length > 0 && !string.Equals(older.UrlSegment, newer.UrlSegment, StringComparison.Ordinal))
        {
            changed.Add(SegmentField);
        }

        changed.AddRange(older.Values.Keys.Union(newer.Values.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(alias => !string.Equals(Normalize(older.Values.GetValueOrDefault(alias)), Normalize(newer.Values.GetValueOrDefault(alias)), StringComparison.Ordinal)));
        return changed;
    }

    /// <summary>What an editor reads of a field: the text of rich text and blocks; the raw value when it has no text (ids, numbers).</summary>
    private static string Readable(ContentVersion version, string field)
    {
        if (field == NameField)
        {
            return version.Name;
        }

        if (field == SegmentField)
        {
            return version.UrlSegment;
        }

        var raw = version.Values.GetValueOrDefault(field);
        var text = string.Join(" · ", SearchText.Readable(raw));
        return text.Length > 0 ? text : raw?.Trim() ?? "";
    }

    private static string Normalize(string? value) => string.IsNullOrEmpty(value) ? "" : value;

    private static ContentVersionInfo Info(ContentNode node, ContentVersion version, IReadOnlyDictionary<int, ContentVersionState> states) =>
        new(version.Id, version.Name, version.CreatedAt, version.CreatedBy, version.Id == node.PublishedVersionId, version.Id == node.CurrentVersionId)
        {
            State = version.Id == node.PublishedVersionId ? ContentVersionState.Published : states.GetValueOrDefault(version.Id, ContentVersionState.Draft),
        };

    /// <summary>Versions that came from a rollback or were published at some time, from the audit trail of the document.</summary>
    private static async Task<IReadOnlyDictionary<int, ContentVersionState>> StatesAsync(CmsDbContext db, ContentNode node, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == node.Key && a.EntityType == ContentService.EntityType && (a.Action == AuditActions.Rollback || a.Action == AuditActions.Publish))
            .Select(a => new { a.Action, a.Timestamp }).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return new Dictionary<int, ContentVersionState>();
        }

        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.ContentKey == node.Key)
            .OrderBy(v => v.Id).Select(v => new { v.Id, v.CreatedAt }).ToListAsync(cancellationToken);
        var states = new Dictionary<int, ContentVersionState>();
        foreach (var entry in entries)
        {
            var concerned = versions.LastOrDefault(v => v.CreatedAt <= entry.Timestamp);
            if (concerned is null)
            {
                continue;
            }

            var state = entry.Action == AuditActions.Rollback ? ContentVersionState.RolledBack : ContentVersionState.PreviouslyPublished;
            // A rolled-back version that was published later is reported as published.
            if (!states.TryGetValue(concerned.Id, out var known) || (known == ContentVersionState.RolledBack && state == ContentVersionState.PreviouslyPublished))
            {
                states[concerned.Id] = state;
            }
        }

        return states;
    }
}
