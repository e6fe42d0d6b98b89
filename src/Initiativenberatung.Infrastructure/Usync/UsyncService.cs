using System.Text.Json;
using System.Text.Json.Nodes;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Usync.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>
/// Imports, reports (dry run) and exports a uSync folder. The import is a thin orchestrator: one
/// <see cref="IUsyncHandler"/> per item type in order — data types → content/element types → media types → forms →
/// media → content — all in ONE unit of work (the services they call join it); a bad item never stops the others
/// and never throws.
/// </summary>
public sealed partial class UsyncService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    IEnumerable<IUsyncHandler> handlers,
    IMediaFileStore mediaStore,
    ILogger<UsyncService> logger)
{
    public const string DataTypesFolder = "DataTypes";
    public const string ContentTypesFolder = "ContentTypes";
    public const string MediaTypesFolder = "MediaTypes";
    public const string MediaFolder = "Media";
    public const string ContentFolder = "Content";
    public const string FormsFolder = "Forms";
    public const string FilesFolder = "Files";
    public const string ConfigFileName = "usync.config";

    /// <summary>The actor of an import (audit lines, versions); export on save ignores its notifications.</summary>
    public const string ImportUser = "uSync";

    /// <summary>The actor the handlers pass to the services.</summary>
    public static readonly Actor Importer = new(null, ImportUser);

    private readonly IReadOnlyList<IUsyncHandler> _handlers = handlers.OrderBy(h => h.Order).ToList();

    public Task<UsyncResult> ImportAsync(string folder, UsyncParts parts = UsyncParts.All, CancellationToken cancellationToken = default) =>
        ProcessAsync(folder, parts, apply: true, cancellationToken);

    /// <summary>Dry run: compares the folder with the database and changes nothing.</summary>
    public Task<UsyncResult> ReportAsync(string folder, UsyncParts parts = UsyncParts.All, CancellationToken cancellationToken = default) =>
        ProcessAsync(folder, parts, apply: false, cancellationToken);

    private async Task<UsyncResult> ProcessAsync(string folder, UsyncParts parts, bool apply, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(folder);
        var result = new UsyncResult();
        if (!Directory.Exists(folder))
        {
            result.Items.Add(new UsyncItemResult("uSync", Messages.Get("Usync.FolderLabel"), folder, null, folder, UsyncChangeKind.Fail,
                Messages.Get("Usync.FolderMissing", folder), []));
            return result;
        }

        await using var unit = units.Begin();
        if (apply)
        {
            await unit.BeginTransactionAsync(cancellationToken);
        }

        var run = new UsyncImportRun(unit.Db, folder, apply, result, await UsyncState.LoadAsync(unit.Db, cancellationToken));
        foreach (var handler in _handlers.Where(h => parts.HasFlag(h.Part)))
        {
            await handler.ImportAsync(run, cancellationToken);
        }

        if (apply)
        {
            // Only a change is announced (a new published snapshot, caches evicted); a start with nothing new stays cheap.
            if (result.Items.Any(i => i.Change != UsyncChangeKind.NoChange))
            {
                unit.Notify(new UsyncImportedNotification(Importer, folder, result.Summary()));
            }

            await unit.CompleteAsync(cancellationToken);
            logger.LogInformation("uSync-Import aus {Folder}: {Summary}.", folder, result.Summary());
        }

        return result;
    }

    /// <summary>Store path from an <c>umbracoFile</c> value: <c>/media/a/b.png</c>, or <c>{"src":"/media/a/b.png",…}</c>.</summary>
    public static string? MediaStorePath(string value)
    {
        var src = value.Trim();
        if (src.StartsWith('{'))
        {
            try
            {
                src = JsonNode.Parse(src)?["src"]?.GetValue<string>() ?? "";
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return null;
            }
        }

        const string prefix = "/media/";
        if (!src.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = src[prefix.Length..];
        return MediaPaths.IsSafeRelativePath(path) && path.Contains('/', StringComparison.Ordinal) ? path : null;
    }
}
