using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Cache lifetimes of the files in <c>wwwroot/</c>: a request whose <c>v</c> matches the file's current fingerprint
/// (<c>asp-append-version</c>, e.g. <c>/css/site.css?v=…</c>) may be kept for a year without asking again
/// (<see cref="Fingerprinted"/>); every other request (no <c>v</c>, or an outdated one) gets <see cref="Unversioned"/>.
/// </summary>
public static class StaticFileCaching
{
    public const string Fingerprinted = "public, max-age=31536000, immutable";

    public const string Unversioned = "public, max-age=600";

    public static WebApplicationBuilder AddStaticFileCaching(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<StaticFileOptions>(options => options.OnPrepareResponse = context =>
            context.Context.Response.Headers.CacheControl = IsCurrentFingerprint(context.Context) ? Fingerprinted : Unversioned);
        return builder;
    }

    /// <summary>True when the request names the file with the fingerprint the pages currently link (the file's hash).</summary>
    private static bool IsCurrentFingerprint(HttpContext context)
    {
        var request = context.Request;
        if (request.Query["v"] is not { Count: 1 } version || string.IsNullOrEmpty(version[0]) || request.Query.Count != 1)
        {
            return false;
        }

        var versions = context.RequestServices.GetRequiredService<IFileVersionProvider>();
        var current = versions.AddFileVersionToPath(request.PathBase, request.Path.Value!);
        return string.Equals(current, request.Path.Value + "?v=" + version[0], StringComparison.Ordinal);
    }
}
