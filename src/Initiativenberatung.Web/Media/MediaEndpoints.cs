using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Media;
using Microsoft.Net.Http.Headers;

namespace Initiativenberatung.Web.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// What caches may do with a media file: keep it, but ask again (ETag/Last-Modified → 304) before every use, because
    /// a replaced file keeps its URL and must never be served stale.
    /// </summary>
    public const string CacheControl = "public, no-cache";

    /// <summary>
    /// <c>GET /media/{folder}/{file}</c>: serves files of published media items from the media store.
    /// Looks the file up in the published snapshot (no SQL); unknown or trashed files answer 404. A file replaced by one
    /// with another extension keeps its item's folder: the old address answers 301 to the current one.
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapMethods("/media/{**path}", [HttpMethods.Get, HttpMethods.Head], (string path, HttpContext context, IPublishedSnapshotAccessor snapshots, IMediaFileStore store) =>
        {
            if (!MediaPaths.IsSafeRelativePath(path))
            {
                return Results.NotFound();
            }

            var snapshot = snapshots.Current;
            if (!snapshot.MediaByFilePath.TryGetValue(path, out var media))
            {
                return FindByFolder(snapshot, path) is { Url: { } current }
                    ? Results.Redirect(current + context.Request.QueryString, permanent: true)
                    : Results.NotFound();
            }

            var stream = store.OpenRead(path);
            if (stream is null)
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.CacheControl = CacheControl;

            // A vector graphic opened directly must not run script or load anything.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            var mime = media.MimeType ?? MediaFileInspector.MimeTypeFor(media.Extension ?? "") ?? "application/octet-stream";
            return Results.Stream(stream, mime, lastModified: media.UpdateDate, entityTag: EntityTag(media), enableRangeProcessing: true);
        })
        .WithName("Media")
        .ExcludeFromDescription();
        return app;
    }

    /// <summary>The ETag of a media file: its content hash, so it changes exactly when the bytes do.</summary>
    public static EntityTagHeaderValue EntityTag(PublishedMedia media) => media.FileHash is { Length: >= 32 } hash
        ? new EntityTagHeaderValue($"\"{hash[..32]}\"")
        : new EntityTagHeaderValue($"\"{media.Bytes}-{media.UpdateDate.Ticks:x}\"");

    /// <summary>The published item whose file lives in the same generated folder (one folder per item), or <c>null</c>.</summary>
    private static PublishedMedia? FindByFolder(PublishedSnapshot snapshot, string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var folder = path[..(slash + 1)];
        return snapshot.MediaByFilePath.Values.FirstOrDefault(m => m.FilePath!.StartsWith(folder, StringComparison.Ordinal));
    }
}
