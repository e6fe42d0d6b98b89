using System.Reflection;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>
/// A Delivery API answer: JSON with a strong <c>ETag</c> (hash of the body) and, for single items, <c>Last-Modified</c>;
/// a matching <c>If-None-Match</c> (or, without it, an <c>If-Modified-Since</c> not older than the item) gives 304 without body.
/// Preview answers carry <c>Cache-Control: no-store</c>, keyed ones <c>private, no-cache</c>, public ones <c>no-cache</c> (revalidate with the ETag).
/// </summary>
public sealed class DeliveryJsonResult(JsonNode body, DateTime? lastModified, bool preview) : IResult, IEndpointMetadataProvider
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Umlauts stay readable; <, >, & and quotes are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public JsonNode Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
        var response = httpContext.Response;
        var request = httpContext.Request;
        response.Headers.ETag = etag;
        // Answers to a keyed request are for that caller only; shared caches must not keep them.
        response.Headers.CacheControl = preview ? "no-store"
            : request.Headers.ContainsKey(DeliveryApiRegistration.ApiKeyHeader) ? "private, no-cache" : "no-cache";
        response.Headers.Vary = string.Join(", ", DeliveryApiRegistration.VaryHeaders);
        DateTimeOffset? modified = lastModified is { } date
            ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)).AddTicks(-(date.Ticks % TimeSpan.TicksPerSecond))
            : null;
        if (modified is { } lm)
        {
            response.Headers.LastModified = HeaderUtilities.FormatDate(lm);
        }

        if (NotModified(request, etag, modified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(JsonObject), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset? modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }

        return modified is { } lm
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && lm <= since;
    }
}
