using System.Diagnostics;
using Initiativenberatung.Web.BackOffice.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Errors;

/// <summary>
/// The back office's error page (<c>/umbraco/fehler/{code}</c>, reached by re-execution with the failed request's method): a
/// German explanation of what to do, the trace id to quote, and one log line with status, method, path and reason. Opened
/// directly, it shows the code of its address (404 for one outside 400–599) and answers a post with 400.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<BackOfficeText> text, ILogger<ErrorModel> logger) : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Advice { get; private set; } = "";

    /// <summary>What the handler said about the request (e.g. which field is wrong), when it said something.</summary>
    public string? Detail { get; private set; }

    public string TraceId { get; private set; } = "";

    /// <summary>Runs for every method (the failed request's method is kept on re-execution), so there are no handler methods.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var routeCode = RouteData.Values["code"] is string value && int.TryParse(value, out var parsed) ? parsed : 500;
        Code = (exception, reExecuted) switch
        {
            (null, null) when !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) => 400, // nothing to post here
            (null, null) => routeCode is >= 400 and < 600 ? routeCode : 404,
            _ => routeCode is >= 400 and < 600 ? routeCode : 500,
        };
        Response.StatusCode = Code;
        TraceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        var failure = BackOfficeErrors.FailureOf(HttpContext);
        var key = Code switch
        {
            400 or 403 or 404 or 405 or 413 => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "500",
            _ => "Other",
        };
        Title = text["Error.Title." + key].Value;
        Advice = text["Error.Advice." + key].Value;
        Detail = failure?.Message;

        var path = exception?.Path ?? (reExecuted is null ? Request.Path.Value : reExecuted.OriginalPathBase + reExecuted.OriginalPath);
        var reason = exception?.Error is { } error ? $"{error.GetType().Name}: {error.Message}"
            : failure?.Reason
            ?? (Code switch
            {
                404 => "no page or resource at this address (or it does not exist any more)",
                405 => "the address does not accept this method",
                _ => "no reason recorded by the handler",
            });
        var level = Code >= 500 ? LogLevel.Error : LogLevel.Warning;
        logger.Log(level, "Back-office request {Method} {Path} answered {StatusCode}: {Reason} (trace id {TraceId})",
            Request.Method, path, Code, reason, TraceId);
    }
}
