using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.Sqlite;
using Initiativenberatung.Persistence.Sqlite.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Initiativenberatung.UnitTests.Infrastructure.Persistence;

public sealed class SqliteCompiledModelTests
{
    private const string Regenerate =
        "The compiled model is out of date: run `dotnet tool run dotnet-ef dbcontext optimize --project src/Initiativenberatung.Persistence.Sqlite " +
        "--output-dir CompiledModel --namespace Initiativenberatung.Persistence.Sqlite.CompiledModel`.";

    [Test]
    public void Describes_the_same_tables_columns_keys_indexes_and_relations_as_the_code_When_compared()
    {
        // The model as the entity classes and OnModelCreating say today, built at run time without the compiled model.
        var options = new DbContextOptionsBuilder<CmsDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var fromCode = new CmsDbContext(options);
        var compiledOptions = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(compiledOptions, "Data Source=:memory:");
        using var compiled = new CmsDbContext(compiledOptions.Options);

        Assert.That(Signature(compiled.Model), Is.EqualTo(Signature(fromCode.GetService<IDesignTimeModel>().Model)), Regenerate);
    }

    [Test]
    public void Uses_the_compiled_model_When_the_context_is_configured_for_sqlite()
    {
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        SqlitePersistence.Configure(builder, "Data Source=:memory:");
        using var db = new CmsDbContext(builder.Options);

        Assert.That(db.Model, Is.SameAs(CmsDbContextModel.Instance));
    }

    /// <summary>One line per table, column, key, index and relation – what the database and the queries depend on.</summary>
    private static List<string> Signature(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = $"{entity.Name} → {entity.GetTableName()} (owned: {entity.IsOwned()}, base: {entity.BaseType?.Name})";
            lines.Add(table);
            var tableId = entity.GetTableName() is { } name ? StoreObjectIdentifier.Table(name, entity.GetSchema()) : (StoreObjectIdentifier?)null;
            lines.AddRange(entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
                $"  {p.Name}: {p.ClrType.Name} column {(tableId is { } id ? p.GetColumnName(id) : "-")} null {p.IsNullable} max {p.GetMaxLength()} " +
                $"generated {p.ValueGenerated} converter {p.GetValueConverter()?.GetType().Name} concurrency {p.IsConcurrencyToken}"));
            lines.AddRange(entity.GetKeys().Select(k => $"  key {(k.IsPrimaryKey() ? "primary" : "alternate")} ({string.Join(", ", k.Properties.Select(p => p.Name))})").Order(StringComparer.Ordinal));
            lines.AddRange(entity.GetIndexes().Select(i => $"  index {i.GetDatabaseName()} ({string.Join(", ", i.Properties.Select(p => p.Name))}) unique {i.IsUnique}").Order(StringComparer.Ordinal));
            lines.AddRange(entity.GetForeignKeys().Select(f =>
                $"  fk ({string.Join(", ", f.Properties.Select(p => p.Name))}) → {f.PrincipalEntityType.Name} delete {f.DeleteBehavior} required {f.IsRequired}").Order(StringComparer.Ordinal));
        }

        return lines;
    }
}
