using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Cli;
using Initiativenberatung.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

public static class UsyncRegistration
{
    /// <summary>uSync: settings (validated at start), import/export service, start-up import, CLI verbs.</summary>
    public static WebApplicationBuilder AddUsync(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsyncSettings>().BindConfiguration(UsyncSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<UsyncSettings>, UsyncSettingsValidator>();
        builder.Services.AddUsyncImport();
        builder.Services.AddSingleton<IStartupStep, UsyncStartupStep>();
        builder.Services.AddSingleton<UsyncOverwriteNotice>();
        builder.Services.AddSingleton<ICliCommand, UsyncExportCommand>();
        builder.Services.AddSingleton<ICliCommand, UsyncImportCommand>();
        builder.Services.AddSingleton<ICliCommand, UsyncReportCommand>();
        return builder;
    }
}
