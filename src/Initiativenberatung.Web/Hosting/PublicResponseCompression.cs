using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Brotli and gzip for public answers (HTML, CSS, JavaScript, SVG, JSON, icons) — never for answers that carry a
/// per-visitor secret, so BREACH has nothing to guess: the back office and the Forms API below <c>/umbraco</c> (their
/// static files and the public Content Delivery API are compressed), answers that set a cookie, and answers that opted
/// out with <see cref="DoNotCompress"/> (the survey pages, which carry an antiforgery token).
/// </summary>
public static class PublicResponseCompression
{
    /// <summary>Paths below <c>/umbraco</c> whose answers hold nothing per visitor.</summary>
    private static readonly string[] PublicBackOfficePaths = ["/umbraco/lib", "/umbraco/css", "/umbraco/delivery/api"];

    private static readonly string[] CompressedTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "image/svg+xml",
        "application/json", "application/problem+json", "text/json", "application/xml", "text/xml", "image/x-icon",
    ];

    public static WebApplicationBuilder AddPublicResponseCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Safe over HTTPS because answers with secrets are left out (see the class summary).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<IResponseCompressionProvider>(provider => new PublicOnlyCompressionProvider(
            new ResponseCompressionProvider(provider, provider.GetRequiredService<IOptions<ResponseCompressionOptions>>())));
        return builder;
    }

    public static WebApplication UsePublicResponseCompression(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }

    /// <summary>Keeps this answer uncompressed (call before the body is written), e.g. because it holds an antiforgery token.</summary>
    public static void DoNotCompress(HttpContext context)
    {
        if (context.Features.Get<IHttpsCompressionFeature>() is { } feature)
        {
            feature.Mode = HttpsCompressionMode.DoNotCompress;
        }
    }

    /// <summary>True when the answer may be compressed (path, opt-out and cookies; the MIME type is checked by the inner provider).</summary>
    public static bool MayCompress(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/umbraco", StringComparison.OrdinalIgnoreCase)
            && !PublicBackOfficePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return context.Features.Get<IHttpsCompressionFeature>()?.Mode != HttpsCompressionMode.DoNotCompress
            && !context.Response.Headers.ContainsKey("Set-Cookie");
    }

    private sealed class PublicOnlyCompressionProvider(ResponseCompressionProvider inner) : IResponseCompressionProvider
    {
        public ICompressionProvider? GetCompressionProvider(HttpContext context) => inner.GetCompressionProvider(context);

        public bool ShouldCompressResponse(HttpContext context) => MayCompress(context) && inner.ShouldCompressResponse(context);

        public bool CheckRequestAcceptsCompression(HttpContext context) => inner.CheckRequestAcceptsCompression(context);
    }
}
