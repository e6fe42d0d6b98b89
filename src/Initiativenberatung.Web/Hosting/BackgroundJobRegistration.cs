using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Web.BackOffice.Forms;

namespace Initiativenberatung.Web.Hosting;

/// <summary>Every background job of the application in one list (the CLI builds the same host but never starts them).</summary>
public static class BackgroundJobRegistration
{
    public static WebApplicationBuilder AddCmsBackgroundJobs(this WebApplicationBuilder builder)
    {
        // Every 30 seconds: due scheduled publishes and unpublishes, through ContentService.
        builder.Services.AddHostedService<ContentScheduleWorker>();

        // Daily: the retention purge of form entries (also resolvable on its own, for the CLI and tests).
        builder.Services.AddSingleton<FormEntriesRetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FormEntriesRetentionJob>());
        return builder;
    }
}
