using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.BackOffice.Settings;
using Initiativenberatung.Web.Usync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>
/// The uSync dashboard: the dry-run report of the configured folder (what an import would change), and buttons to
/// import the folder into the database or export the database into the folder.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class UsyncModel(
    UsyncService usync,
    IOptionsMonitor<UsyncSettings> settings,
    IHostEnvironment environment,
    ILogger<UsyncModel> logger) : PageModel
{
    public string Folder { get; private set; } = "";

    public string ExportOnSave { get; private set; } = "";

    /// <summary>What was run: <c>Report</c>, <c>Import</c> or <c>Export</c>.</summary>
    public string Operation { get; private set; } = "Report";

    public UsyncResult Result { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Resolve();
        Result = await usync.ReportAsync(Folder, UsyncParts.All, cancellationToken);
    }

    public async Task OnPostImportAsync(CancellationToken cancellationToken)
    {
        Resolve();
        Operation = "Import";
        Result = await usync.ImportAsync(Folder, UsyncParts.All, cancellationToken);
        logger.LogInformation("uSync-Import über das Dashboard von {User}: {Summary}", User.Identity?.Name, Result.Summary());
    }

    public async Task OnPostExportAsync(CancellationToken cancellationToken)
    {
        Resolve();
        Operation = "Export";
        Result = await usync.ExportAsync(Folder, UsyncParts.All, cancellationToken);
        logger.LogInformation("uSync-Export über das Dashboard von {User}: {Summary}", User.Identity?.Name, Result.Summary());
    }

    /// <summary>uui-tag colour per change kind.</summary>
    public static string Color(UsyncChangeKind change) => change switch
    {
        UsyncChangeKind.NoChange => "default",
        UsyncChangeKind.Create => "positive",
        UsyncChangeKind.Update => "warning",
        _ => "danger",
    };

    private void Resolve()
    {
        var options = settings.CurrentValue;
        Folder = options.ResolveRootFolder(environment.ContentRootPath);
        ExportOnSave = options.ExportOnSave;
    }
}
