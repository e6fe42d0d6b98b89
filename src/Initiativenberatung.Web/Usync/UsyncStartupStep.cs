using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>
/// Imports the uSync folder at start: everything on first boot (empty database), otherwise the groups in
/// <c>ImportAtStartup</c>. A <c>usync.once</c> file forces a full import and is renamed to <c>usync.stop</c>;
/// a <c>usync.stop</c> file skips the import (except on first boot).
/// </summary>
public sealed class UsyncStartupStep(
    UsyncService usync,
    IOptions<UsyncSettings> settings,
    IHostEnvironment environment,
    ILogger<UsyncStartupStep> logger) : IStartupStep
{
    public const string OnceFileName = "usync.once";
    public const string StopFileName = "usync.stop";

    public int Order => 100;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var root = options.ResolveRootFolder(environment.ContentRootPath);
        if (!Directory.Exists(root))
        {
            logger.LogWarning("uSync-Ordner {Folder} nicht gefunden, kein Import beim Start.", root);
            return;
        }

        var once = Path.Combine(root, OnceFileName);
        var stop = Path.Combine(root, StopFileName);
        var hasOnce = File.Exists(once);
        UsyncParts parts;
        string reason;
        if (context.IsFirstBoot && options.ImportOnFirstBoot)
        {
            parts = UsyncParts.All;
            reason = "erster Start";
        }
        else if (hasOnce)
        {
            parts = UsyncParts.All;
            reason = OnceFileName;
        }
        else if (File.Exists(stop))
        {
            logger.LogInformation("uSync-Import beim Start übersprungen ({File} vorhanden).", StopFileName);
            return;
        }
        else
        {
            parts = UsyncSettings.ParseGroup(options.ImportAtStartup) ?? UsyncParts.None;
            reason = "ImportAtStartup=" + options.ImportAtStartup;
        }

        if (parts == UsyncParts.None)
        {
            return;
        }

        var result = await usync.ImportAsync(root, parts, cancellationToken);
        foreach (var item in result.Items.Where(i => !i.Success))
        {
            logger.LogWarning("uSync: {Change} {Type} „{Name}“ ({File}): {Message}", item.Change, item.ItemType, item.Name, item.File, item.Message);
        }

        if (hasOnce)
        {
            File.Move(once, stop, overwrite: true);
        }

        logger.LogInformation("uSync-Import beim Start ({Reason}): {Created} neu, {Updated} geändert, {Unchanged} unverändert, {Failed} fehlgeschlagen.",
            reason, result.Created, result.Updated, result.Unchanged, result.Failed);
    }
}
