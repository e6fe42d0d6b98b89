using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Web.Hosting;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Publishing;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>
/// Umbraco's Content Delivery API v2 at <c>/umbraco/delivery/api/v2</c>: published content and media as JSON, read from the
/// published snapshot (no SQL per request; only <c>Preview: true</c> reads drafts from the database).
/// </summary>
public static class DeliveryApiRegistration
{
    public const string BasePath = "/umbraco/delivery/api/v2";
    public const string CachePolicy = "DeliveryApi";
    public const string CacheTag = "delivery-api";
    public const string CorsPolicy = "DeliveryApi";
    public const string ApiKeyHeader = "Api-Key";
    public const string PreviewHeader = "Preview";
    public const string StartItemHeader = "Start-Item";

    /// <summary>The request headers an answer depends on (output cache key and <c>Vary</c>).</summary>
    public static readonly string[] VaryHeaders = [ApiKeyHeader, PreviewHeader, "Accept-Language", StartItemHeader];

    public static WebApplicationBuilder AddDeliveryApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryApiOptions>()
            .Bind(builder.Configuration.GetSection(DeliveryApiOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeliveryApiOptions>, DeliveryApiOptionsValidator>();
        builder.Services.AddSingleton<DeliveryApiRequestFactory>();
        builder.Services.AddProblemDetails();

        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<DeliveryApiOptions>>((cors, api) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(api.Value.CorsOrigins)
                .WithMethods("GET")
                .WithHeaders([.. VaryHeaders, "If-None-Match", "If-Modified-Since"])
                .WithExposedHeaders("ETag", "Last-Modified", "Location-Start-Item-Path", "Location-Start-Item-Id")));

        // Cached per URL and per Api-Key, Preview, Accept-Language, Start-Item and Origin; a request with a Preview header
        // is never looked up nor stored, so drafts cannot reach anyone else. Publishing evicts the tag. The query string
        // is part of the key as sent: SetVaryByQuery("*") sorts repeated values, but the order of `id` and `sort` matters.
        builder.Services.AddOutputCache(options => options.AddPolicy(CachePolicy, policy => policy
            .With(context => !context.HttpContext.Request.Headers.ContainsKey(PreviewHeader))
            .VaryByValue(context => new KeyValuePair<string, string>("query", context.Request.QueryString.Value ?? ""))
            .SetVaryByHeader([.. VaryHeaders, "Origin"])
            .Tag(CacheTag)
            .Expire(TimeSpan.FromHours(1))));
        return builder;
    }

    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        var group = app.MapGroup(BasePath)
            .WithGroupName("delivery")
            .RequireCors(CorsPolicy)
            .CacheOutput(CachePolicy)
            .AddEndpointFilter<DeliveryApiAccessFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapItemEndpoints(group, "content", "Content", "Dokument", "Dokumente",
            (DeliveryApiEndpoints.ContentById, DeliveryApiEndpoints.ContentByPath, DeliveryApiEndpoints.ContentItems, DeliveryApiEndpoints.ContentQuery),
            "Ein Dokument nach Pfad (relativ zum Start-Item); alte Pfade antworten mit 301.",
            "Dokumente abfragen: fetch, filter, sort, skip, take → { total, items }.");
        MapItemEndpoints(group, "media", "Media", "Medium", "Medien",
            (DeliveryApiEndpoints.MediaById, DeliveryApiEndpoints.MediaByPath, DeliveryApiEndpoints.MediaItems, DeliveryApiEndpoints.MediaQuery),
            "Ein Medium nach Pfad, z. B. /downloads/klimaschutz-lokal-staerken/.",
            "Medien eines Ordners: fetch=children:/pfad/, filter, sort, skip, take → { total, items }.");
        return app;
    }

    /// <summary>
    /// The four routes of one kind in Umbraco's names (<c>GetContentItemById</c>, <c>GetMediaItemByPath</c>, …): by id, by
    /// path, several by id, and the query.
    /// </summary>
    private static void MapItemEndpoints(RouteGroupBuilder group, string segment, string kind, string one, string many,
        (Delegate ById, Delegate ByPath, Delegate Items, Delegate Query) handlers, string byPathSummary, string querySummary)
    {
        group.MapGet($"{segment}/item/{{id:guid}}", handlers.ById)
            .WithName($"Get{kind}ItemById").WithTags(kind).WithSummary($"Ein {one} nach Id (GUID).");
        group.MapGet($"{segment}/item/{{*path}}", handlers.ByPath)
            .WithName($"Get{kind}ItemByPath").WithTags(kind).WithSummary(byPathSummary);
        group.MapGet($"{segment}/items", handlers.Items)
            .WithName($"Get{kind}Items").WithTags(kind).WithSummary($"Mehrere {many} nach Ids (?id=…&id=…).");
        group.MapGet(segment, handlers.Query)
            .WithName($"Get{kind}").WithTags(kind).WithSummary(querySummary);
    }

    public static bool IsPreview(HttpRequest request) =>
        string.Equals(request.Headers[PreviewHeader].ToString().Trim(), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Disabled API → 404; no public access or a preview → a valid <c>Api-Key</c> is required (401).</summary>
internal sealed class DeliveryApiAccessFilter(IOptionsMonitor<DeliveryApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.CurrentValue;
        var request = context.HttpContext.Request;
        if (!settings.Enabled)
        {
            return DeliveryApiEndpoints.NotFound("Die Content Delivery API ist nicht eingeschaltet (Umbraco:CMS:DeliveryApi:Enabled).");
        }

        var keyValid = settings.IsValidKey(request.Headers[DeliveryApiRegistration.ApiKeyHeader].ToString());
        if (!settings.PublicAccess && !keyValid)
        {
            return Unauthorized("Die Content Delivery API ist nicht öffentlich: Bitte senden Sie einen gültigen Api-Key-Header.");
        }

        if (DeliveryApiRegistration.IsPreview(request) && !keyValid)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return Unauthorized("Die Vorschau (Preview: true) braucht einen gültigen Api-Key-Header.");
        }

        return await next(context);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Nicht berechtigt");
}

/// <summary>An expanded form picker shows the form definition: a saved form evicts the cached answers too.</summary>
internal sealed class DeliveryApiFormCacheEviction(IOutputCacheStore store) : INotificationHandler<IFormDefinitionNotification>
{
    public async Task HandleAsync(IReadOnlyList<IFormDefinitionNotification> notifications, NotificationContext context, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(DeliveryApiRegistration.CacheTag, cancellationToken);
}
