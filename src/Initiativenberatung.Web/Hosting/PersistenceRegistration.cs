using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Web.Hosting;

public static class PersistenceRegistration
{
    /// <summary>Database provider from <c>Database:Provider</c>, connection from <c>ConnectionStrings:Default</c>.</summary>
    public static WebApplicationBuilder AddCmsPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? SqlitePersistence.ProviderName;
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Default fehlt. Beispiel: \"Data Source=App_Data/initiativenberatung.db\".");
        }

        if (!string.Equals(provider, SqlitePersistence.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' wird noch nicht unterstützt; verfügbar ist 'Sqlite'.");
        }

        // Relative SQLite paths are taken from the content root, not the working directory.
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
        {
            sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
        }

        var resolved = sqlite.ToString();
        SqlitePersistence.EnsureDirectory(resolved);
        builder.Services.AddDbContextFactory<CmsDbContext>((sp, options) =>
        {
            SqlitePersistence.Configure(options, resolved);
            foreach (var interceptor in sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
            {
                options.AddInterceptors(interceptor);
            }
        });
        return builder;
    }
}
