using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Errors;

/// <summary>
/// Records why a back-office page answers with an error (see <see cref="BackOfficeErrors.Describe"/>): an antiforgery failure
/// with the validator's own reason (the token checks run once more to learn it, only on failure), or the model-state errors
/// of a 4xx answer, which are German messages naming the field and are shown to the person as well.
/// </summary>
internal sealed class BackOfficeFailureFilter(IAntiforgery antiforgery, IStringLocalizer<BackOfficeText> text) : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (BackOfficeErrors.IsBackOffice(http) && BackOfficeErrors.FailureOf(http) is null)
        {
            if (context.Result is IAntiforgeryValidationFailedResult)
            {
                BackOfficeErrors.Describe(http, "Antiforgery validation failed: " + await AntiforgeryReasonAsync(http), text["Error.Antiforgery"].Value);
            }
            else if (context.Result is IStatusCodeActionResult { StatusCode: >= 400 } && ModelErrors(context.ModelState) is { Count: > 0 } errors)
            {
                BackOfficeErrors.Describe(http, "Invalid request values: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
                    string.Join(" ", errors.Select(e => e.Message)));
            }
        }

        await next();
    }

    private static List<(string Field, string Message)> ModelErrors(ModelStateDictionary state) =>
        state.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (e.Key, error.ErrorMessage is { Length: > 0 } message ? message : error.Exception?.Message ?? "")))
            .Where(e => e.Item2.Length > 0)
            .ToList();

    private async Task<string> AntiforgeryReasonAsync(HttpContext http)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return "the request's tokens are valid on a second check";
        }
        catch (AntiforgeryValidationException exception)
        {
            return exception.Message;
        }
    }
}
