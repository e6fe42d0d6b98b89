using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>
/// uSync's <c>ExportOnSave</c>: when the <c>Settings</c> group (or <c>All</c>) is configured, a schema save writes the
/// data type, content type and media type files at once, so the change shows up in <c>git diff</c>. The exporter only
/// rewrites files whose bytes change.
/// </summary>
public sealed class UsyncExportOnSave(
    UsyncService usync,
    IOptionsMonitor<UsyncSettings> settings,
    IHostEnvironment environment,
    ILogger<UsyncExportOnSave> logger) : ISchemaSaveListener
{
    public async Task<string?> OnSavedAsync(SchemaChange change, CancellationToken cancellationToken)
    {
        var options = settings.CurrentValue;
        var parts = options.ExportOnSaveParts() & UsyncParts.Settings;
        if (parts == UsyncParts.None)
        {
            return null;
        }

        var folder = options.ResolveRootFolder(environment.ContentRootPath);
        var result = await usync.ExportAsync(folder, parts, cancellationToken);
        var written = result.Items.Where(i => i.Change != UsyncChangeKind.NoChange).Select(i => i.File).ToList();
        logger.LogInformation("uSync-Export beim Speichern von {Name}: {Files}", change.Name, written.Count == 0 ? "keine Änderung" : string.Join(", ", written));
        return written.Count == 0
            ? "uSync: Die Dateien waren bereits aktuell."
            : $"uSync: {string.Join(", ", written)} geschrieben.";
    }
}
