using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Infrastructure.Schema;

/// <summary>The outcome of a save: the stored item, or the errors (nothing stored), plus notes such as the uSync export.</summary>
public sealed record SchemaSaveResult<T>(T? Item, IReadOnlyList<SchemaError> Errors, IReadOnlyList<string> Notes)
    where T : class
{
    public bool Succeeded => Errors.Count == 0 && Item is not null;
}

/// <summary>What was saved (passed to <see cref="ISchemaSaveListener"/>s).</summary>
public sealed record SchemaChange(string EntityType, Guid Key, string Name, bool Created);

/// <summary>Runs after a schema item was stored (e.g. uSync export on save). Returns a German note for the user, or <c>null</c>.</summary>
public interface ISchemaSaveListener
{
    Task<string?> OnSavedAsync(SchemaChange change, CancellationToken cancellationToken);
}
