using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Usync;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>
/// uSync's <c>ExportOnSave</c>: when the <c>Settings</c> group (or <c>All</c>) is configured, a saved or deleted data type,
/// content type, media type or form (<see cref="ISettingsNotification"/>) writes the files at once, so the change shows
/// up in <c>git diff</c>. The exporter only rewrites files whose bytes change; one export per unit of work. Changes made by a
/// uSync import itself (actor <see cref="UsyncService.ImportUser"/>) are not exported again, as uSync suppresses export during import.
/// </summary>
public sealed class UsyncExportOnSave(
    UsyncService usync,
    IOptionsMonitor<UsyncSettings> settings,
    IHostEnvironment environment,
    ILogger<UsyncExportOnSave> logger) : INotificationHandler<ISettingsNotification>
{
    public async Task HandleAsync(IReadOnlyList<ISettingsNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
    {
        notifications = notifications.Where(n => !IsImport(n)).ToList();
        if (notifications.Count == 0)
        {
            return;
        }

        var options = settings.CurrentValue;
        var parts = options.ExportOnSaveParts() & UsyncParts.Settings;
        if (parts == UsyncParts.None)
        {
            return;
        }

        var folder = options.ResolveRootFolder(environment.ContentRootPath);
        var result = await usync.ExportAsync(folder, parts, cancellationToken);
        var written = result.Items.Where(i => i.Change != UsyncChangeKind.NoChange).Select(i => i.File).ToList();
        var names = string.Join(", ", notifications.OfType<IAuditedNotification>().Select(n => n.EntityName));
        logger.LogInformation("uSync-Export beim Speichern von {Name}: {Files}", names, written.Count == 0 ? "keine Änderung" : string.Join(", ", written));
        context.AddMessage(written.Count == 0
            ? "uSync: Die Dateien waren bereits aktuell."
            : $"uSync: {string.Join(", ", written)} geschrieben.");
    }

    private static bool IsImport(ISettingsNotification notification) =>
        notification is ChangeNotification { Actor.UserName: UsyncService.ImportUser };
}
