using Microsoft.AspNetCore.Mvc;

namespace Initiativenberatung.Web.BackOffice.Errors;

/// <summary>Why a back-office request failed: a technical reason for the log and, where it helps, a German message for the person.</summary>
public sealed record BackOfficeFailure(string Reason, string? Message = null);

/// <summary>
/// Errors below <c>/umbraco</c> stay in the back office: any empty 4xx/5xx answer and any unhandled exception is re-executed
/// at <c>/umbraco/fehler/{code}</c>, which renders a German message inside the back-office layout with the trace id and logs
/// the request with its reason (the exception, the antiforgery or model-binding failure, or what a handler recorded with
/// <see cref="Describe"/>). The public site keeps its own error pages (<c>/fehler/{code}</c>).
/// </summary>
public static class BackOfficeErrors
{
    /// <summary>Path of the error page; the status code follows as the last segment.</summary>
    public const string PagePath = BackOfficeRegistration.PathPrefix + "/fehler";

    private const string FailureKey = "Initiativenberatung.BackOffice.Failure";

    /// <summary>Records why this request fails (first reason wins), for the error page and its log line.</summary>
    public static void Describe(HttpContext context, string reason, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items.TryAdd(FailureKey, new BackOfficeFailure(reason, message));
    }

    /// <summary>The reason recorded for this request, if any.</summary>
    public static BackOfficeFailure? FailureOf(HttpContext context) => context.Items.TryGetValue(FailureKey, out var value) ? value as BackOfficeFailure : null;

    /// <summary>The machine-facing addresses below <c>/umbraco</c> (JSON APIs and their documents): they keep their own answers.</summary>
    private static readonly string[] ApiPrefixes =
    [
        BackOfficeRegistration.PathPrefix + "/delivery",
        BackOfficeRegistration.PathPrefix + "/forms/delivery",
        BackOfficeRegistration.PathPrefix + "/management",
        BackOfficeRegistration.PathPrefix + "/openapi",
        BackOfficeRegistration.PathPrefix + "/api-docs",
    ];

    /// <summary>True for a request to a back-office page (not one of the APIs below <c>/umbraco</c>).</summary>
    public static bool IsBackOffice(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return path.StartsWithSegments(BackOfficeRegistration.PathPrefix, StringComparison.OrdinalIgnoreCase)
            && !ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The filter that records antiforgery and model-binding failures of back-office pages.</summary>
    public static WebApplicationBuilder AddBackOfficeErrors(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MvcOptions>(options => options.Filters.Add<BackOfficeFailureFilter>());
        return builder;
    }

    /// <summary>
    /// The error handling of the back office; call after <c>UseCmsErrorPages</c>, so that it runs inside the public one and
    /// handles back-office requests first (in every environment: an exception in the back office is logged either way).
    /// </summary>
    public static WebApplication UseBackOfficeErrorPages(this WebApplication app)
    {
        app.UseWhen(IsBackOffice, branch =>
        {
            branch.UseExceptionHandler(PagePath + "/500");
            branch.UseStatusCodePagesWithReExecute(PagePath + "/{0}");
        });
        return app;
    }
}
