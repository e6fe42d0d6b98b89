using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>Reads form definitions from the database (written by the uSync import and, later, the form builder).</summary>
public sealed class FormDefinitionStore(IDbContextFactory<CmsDbContext> dbFactory)
{
    public async Task<FormDefinition?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Key == key, cancellationToken);
        return record is null ? null : ToDefinition(record);
    }

    public async Task<FormDefinition?> GetByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Alias == alias, cancellationToken);
        return record is null ? null : ToDefinition(record);
    }

    public async Task<IReadOnlyList<FormDefinitionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FormDefinitions.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
    }

    /// <exception cref="FormatException">The stored JSON is not a usable definition.</exception>
    public static FormDefinition ToDefinition(FormDefinitionRecord record)
    {
        var form = FormDefinitionJson.Read(record.DefinitionJson, record.Alias);
        form.Key = record.Key;
        form.Name = record.Name;
        return form;
    }

    public static FormDefinitionRecord ToRecord(FormDefinition form, DateTime updatedAt) => new()
    {
        Key = form.Key,
        Alias = form.Alias,
        Name = form.Name,
        DefinitionJson = FormDefinitionJson.Write(form),
        UpdatedAt = updatedAt,
    };
}
