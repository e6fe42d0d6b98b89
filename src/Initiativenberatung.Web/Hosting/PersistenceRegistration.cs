using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.PostgreSql;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Web.Hosting;

public static class PersistenceRegistration
{
    /// <summary>Database provider from <c>Database:Provider</c> (Sqlite, PostgreSql), connection from <c>ConnectionStrings:Default</c>.</summary>
    public static WebApplicationBuilder AddCmsPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? SqlitePersistence.ProviderName;
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Default fehlt. Beispiel SQLite: \"Data Source=App_Data/initiativenberatung.db\", "
                + "PostgreSQL: \"Host=localhost;Database=initiativenberatung;Username=cms;Password=…\".");
        }

        Action<DbContextOptionsBuilder> configure;
        if (string.Equals(provider, SqlitePersistence.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            var resolved = ResolveSqlite(connectionString, builder.Environment.ContentRootPath);
            SqlitePersistence.EnsureDirectory(resolved);
            configure = options => SqlitePersistence.Configure(options, resolved);
        }
        else if (string.Equals(provider, PostgreSqlPersistence.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            configure = options => PostgreSqlPersistence.Configure(options, connectionString);
        }
        else
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' wird nicht unterstützt; verfügbar sind '{SqlitePersistence.ProviderName}' und '{PostgreSqlPersistence.ProviderName}'.");
        }

        builder.Services.AddDbContextFactory<CmsDbContext>((sp, options) =>
        {
            configure(options);
            foreach (var interceptor in sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
            {
                options.AddInterceptors(interceptor);
            }
        });
        return builder;
    }

    /// <summary>Relative SQLite paths are taken from the content root, not the working directory.</summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
        {
            sqlite.DataSource = Path.Combine(contentRoot, sqlite.DataSource);
        }

        return sqlite.ToString();
    }
}
