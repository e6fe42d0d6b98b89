using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Infrastructure.Schema;

/// <summary>The outcome of a save: the stored item, or the errors (nothing stored), plus notes such as the uSync export.</summary>
public sealed record SchemaSaveResult<T>(T? Item, IReadOnlyList<SchemaError> Errors, IReadOnlyList<string> Notes)
    where T : class
{
    public bool Succeeded => Errors.Count == 0 && Item is not null;
}
