using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.Cli;

namespace Initiativenberatung.Web.BackOffice.Forms;

public static class FormEntriesRegistration
{
    /// <summary>Entries view, export, results and retention of form entries: services, CLI verbs <c>entries …</c> (the daily purge job: AddCmsBackgroundJobs).</summary>
    public static WebApplicationBuilder AddFormEntries(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FormEntryBrowser>();
        builder.Services.AddSingleton<FormEntryExport>();
        builder.Services.AddSingleton<FormDeletion>();
        builder.Services.AddSingleton<FormEntriesRetention>();
        builder.Services.AddSingleton<ICliCommand, EntriesExportCommand>();
        builder.Services.AddSingleton<ICliCommand, EntriesPurgeCommand>();
        return builder;
    }

    /// <summary>The export endpoint (policy Forms: administrators and staff; others get 403).</summary>
    public static WebApplication MapFormEntries(this WebApplication app)
    {
        app.MapGet(BackOfficeRegistration.PathPrefix + "/forms/{key:guid}/export", FormEntriesExportEndpoint.HandleAsync)
            .RequireAuthorization(BackOfficePolicies.Forms);
        return app;
    }
}
