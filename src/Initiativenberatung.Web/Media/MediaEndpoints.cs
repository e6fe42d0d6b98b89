using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Media;
using Microsoft.Net.Http.Headers;

namespace Initiativenberatung.Web.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// <c>GET /media/{folder}/{file}</c>: serves files of published media items from the media store.
    /// Looks the file up in the published snapshot (no SQL); unknown or trashed files answer 404.
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapMethods("/media/{**path}", [HttpMethods.Get, HttpMethods.Head], (string path, HttpContext context, IPublishedSnapshotAccessor snapshots, IMediaFileStore store) =>
        {
            if (!MediaPaths.IsSafeRelativePath(path) || !snapshots.Current.MediaByFilePath.TryGetValue(path, out var media))
            {
                return Results.NotFound();
            }

            var stream = store.OpenRead(path);
            if (stream is null)
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.CacheControl = "public, max-age=3600";

            // A vector graphic opened directly must not run script or load anything.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            var mime = media.MimeType ?? MediaFileInspector.MimeTypeFor(media.Extension ?? "") ?? "application/octet-stream";
            var etag = media.Url is null ? null : new EntityTagHeaderValue($"\"{media.Bytes}-{media.UpdateDate.Ticks:x}\"");
            return Results.Stream(stream, mime, lastModified: media.UpdateDate, entityTag: etag, enableRangeProcessing: true);
        })
        .WithName("Media")
        .ExcludeFromDescription();
        return app;
    }
}
