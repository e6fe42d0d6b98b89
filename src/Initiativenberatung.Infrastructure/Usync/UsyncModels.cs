namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>What a uSync file would do to the database (uSync's change kinds).</summary>
public enum UsyncChangeKind
{
    NoChange = 0,
    Create = 1,
    Update = 2,
    Delete = 3,
    Fail = 4,
    ParentMissing = 5,
}

/// <summary>Which parts of a uSync folder to handle. <see cref="Settings"/> = schema and forms, <see cref="ContentAndMedia"/> = media + content.</summary>
[Flags]
public enum UsyncParts
{
    None = 0,
    DataTypes = 1,
    ContentTypes = 2,
    MediaTypes = 4,
    Media = 8,
    Content = 16,
    Forms = 32,
    Settings = DataTypes | ContentTypes | MediaTypes | Forms,
    ContentAndMedia = Media | Content,
    All = Settings | ContentAndMedia,
}

/// <summary>One changed property of an item: name, value in the database, value in the file.</summary>
public sealed record UsyncPropertyChange(string Name, string? OldValue, string? NewValue);

/// <summary>The outcome for one file (uSync's report line).</summary>
public sealed record UsyncItemResult(
    string Handler,
    string ItemType,
    string Name,
    Guid? Key,
    string File,
    UsyncChangeKind Change,
    string? Message,
    IReadOnlyList<UsyncPropertyChange> Details)
{
    public bool Success => Change is not (UsyncChangeKind.Fail or UsyncChangeKind.ParentMissing);
}

/// <summary>All results of an import, report or export.</summary>
public sealed class UsyncResult
{
    public List<UsyncItemResult> Items { get; } = [];

    public int Created => Items.Count(i => i.Change == UsyncChangeKind.Create);

    public int Updated => Items.Count(i => i.Change == UsyncChangeKind.Update);

    public int Deleted => Items.Count(i => i.Change == UsyncChangeKind.Delete);

    public int Unchanged => Items.Count(i => i.Change == UsyncChangeKind.NoChange);

    public int Failed => Items.Count(i => !i.Success);

    public bool HasFailures => Failed > 0;

    /// <summary>One German line, e.g. „3 neu, 1 geändert, 20 unverändert, 0 gelöscht, 0 fehlgeschlagen“.</summary>
    public string Summary() =>
        Messages.Get("Usync.Summary", Created, Updated, Unchanged, Deleted, Failed);
}

/// <summary>What uSync content and media files share: identity, place in the tree and the values by alias.</summary>
public abstract class UsyncTreeItem
{
    public Guid Key { get; set; }

    public string Name { get; set; } = "";

    public int Level { get; set; } = 1;

    public Guid ParentKey { get; set; }

    public string ParentName { get; set; } = "";

    /// <summary>Friendly path, e.g. <c>/Home/Contact</c>.</summary>
    public string Path { get; set; } = "";

    public bool Trashed { get; set; }

    public DateTime CreateDate { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Stored values by alias (sorted on write); <c>null</c> and empty are written alike.</summary>
    public SortedDictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);
}

/// <summary>A document as a uSync content file holds it.</summary>
public sealed class UsyncContentItem : UsyncTreeItem
{
    public string ContentTypeAlias { get; set; } = "";

    public bool Published { get; set; }

    public string? TemplateAlias { get; set; }
}

/// <summary>A media item as a uSync media file holds it (file values are properties).</summary>
public sealed class UsyncMediaItem : UsyncTreeItem
{
    public string MediaTypeAlias { get; set; } = "";

    /// <summary>SHA-256 of the file (written for information; recomputed on import).</summary>
    public string? FileHash { get; set; }
}

/// <summary>A <c>&lt;Empty Key="…" Alias="…" Change="Delete|Rename"/&gt;</c> marker left by a deleted or renamed item.</summary>
public sealed record UsyncEmptyItem(Guid Key, string Alias, string Change);
