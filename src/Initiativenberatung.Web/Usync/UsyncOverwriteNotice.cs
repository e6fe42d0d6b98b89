using System.Globalization;
using Initiativenberatung.Infrastructure.Usync;
using Initiativenberatung.Web.BackOffice;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Usync;

/// <summary>
/// Tells the back office when the next start's uSync import will overwrite what is saved here (uSync's "managed by uSync"
/// idea): the part is imported at start (<c>ImportAtStartup</c>, no <c>usync.stop</c> file) but not written back on save
/// (<c>ExportOnSave</c>), so a change made in the back office lasts only until the next restart.
/// </summary>
public sealed class UsyncOverwriteNotice(IOptionsMonitor<UsyncSettings> settings, IHostEnvironment environment, IStringLocalizer<BackOfficeText> text)
{
    /// <summary>Whether a back-office change of <paramref name="part"/> is overwritten at the next start.</summary>
    public bool WillOverwrite(UsyncParts part)
    {
        var options = settings.CurrentValue;
        var imported = UsyncSettings.ParseGroup(options.ImportAtStartup) ?? UsyncParts.None;
        if ((imported & part) == UsyncParts.None || (options.ExportOnSaveParts() & part) == part)
        {
            return false;
        }

        var root = options.ResolveRootFolder(environment.ContentRootPath);
        return Directory.Exists(root) && !File.Exists(Path.Combine(root, UsyncStartupStep.StopFileName));
    }

    /// <summary>The German warning for pages that save <paramref name="part"/>, or <c>null</c> when nothing is overwritten.</summary>
    public string? Warning(UsyncParts part) => WillOverwrite(part)
        ? string.Format(CultureInfo.CurrentCulture, text["Usync.OverwriteWarning"], settings.CurrentValue.ImportAtStartup, settings.CurrentValue.ExportOnSave)
        : null;
}
