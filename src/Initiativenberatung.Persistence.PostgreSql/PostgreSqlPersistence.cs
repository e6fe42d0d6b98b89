using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Initiativenberatung.Persistence.PostgreSql;

/// <summary>PostgreSQL (Npgsql) for several nodes sharing one database; migrations in this assembly.</summary>
public static class PostgreSqlPersistence
{
    public const string ProviderName = "PostgreSql";

    /// <summary>The EF Core provider name (<c>DatabaseFacade.ProviderName</c>) of Npgsql.</summary>
    public const string EfProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlPersistence).Assembly.GetName().Name))
            .ReplaceService<IModelCustomizer, PostgreSqlModelCustomizer>();
}

/// <summary>Used by <c>dotnet ef migrations add</c> only (no server is contacted).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        PostgreSqlPersistence.Configure(builder, "Host=localhost;Database=initiativenberatung_design;Username=postgres");
        return new CmsDbContext(builder.Options);
    }
}
