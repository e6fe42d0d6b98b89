namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// Imports (or reports) one item type of a uSync folder, like uSync's handlers and OrchardCore's recipe steps:
/// reads its kind folder, compares each item with the database, reports and, in an import, applies it.
/// </summary>
public interface IUsyncHandler
{
    /// <summary>Position in the import order (dependencies first: data types before the types that use them, …).</summary>
    int Order { get; }

    /// <summary>The part of the folder this handler owns.</summary>
    UsyncParts Part { get; }

    Task ImportAsync(UsyncImportRun run, CancellationToken cancellationToken);
}

/// <summary>
/// What importing one item would do: the item as the database has it (<c>null</c> when new) and as the file has it,
/// how to write it and how the run remembers it — or why it fails.
/// </summary>
public sealed class UsyncPlan
{
    private UsyncPlan(string? error, SortedDictionary<string, string?>? old, SortedDictionary<string, string?> incoming,
        Func<CancellationToken, Task<string?>> apply, Action remember)
    {
        Error = error;
        Old = old;
        New = incoming;
        Apply = apply;
        Remember = remember;
    }

    public string? Error { get; }

    public SortedDictionary<string, string?>? Old { get; }

    public SortedDictionary<string, string?> New { get; }

    /// <summary>Writes the item into the unit of work; returns a German error when a service refused it.</summary>
    public Func<CancellationToken, Task<string?>> Apply { get; }

    /// <summary>Updates the run's view of the database (also in a report, so dependants see the item).</summary>
    public Action Remember { get; }

    /// <summary>Changes that the flattened views do not show (e.g. a stored file that differs).</summary>
    public List<UsyncPropertyChange> ExtraDetails { get; } = [];

    public static UsyncPlan Fail(string message) => new(message, null, new(StringComparer.Ordinal), _ => Task.FromResult<string?>(null), () => { });

    public static UsyncPlan Change(SortedDictionary<string, string?>? old, SortedDictionary<string, string?> incoming,
        Func<CancellationToken, Task<string?>> apply, Action remember) =>
        new(null, old, incoming, apply, remember);
}

/// <summary>
/// What a handler handles, in import order: its part of the folder, uSync's handler name and item type for the report,
/// and its kind folder.
/// </summary>
public sealed record UsyncItemKind(int Order, UsyncParts Part, string Handler, string ItemType, string Folder)
{
    public static readonly UsyncItemKind DataTypes = new(10, UsyncParts.DataTypes, "DataTypeHandler", "DataType", UsyncService.DataTypesFolder);

    public static readonly UsyncItemKind ContentTypes = new(20, UsyncParts.ContentTypes, "ContentTypeHandler", "ContentType", UsyncService.ContentTypesFolder);

    public static readonly UsyncItemKind MediaTypes = new(30, UsyncParts.MediaTypes, "MediaTypeHandler", "MediaType", UsyncService.MediaTypesFolder);

    public static readonly UsyncItemKind Forms = new(40, UsyncParts.Forms, "FormHandler", "Form", UsyncService.FormsFolder);

    public static readonly UsyncItemKind Media = new(50, UsyncParts.Media, "MediaHandler", "Media", UsyncService.MediaFolder);

    public static readonly UsyncItemKind Content = new(60, UsyncParts.Content, "ContentHandler", "Content", UsyncService.ContentFolder);
}
