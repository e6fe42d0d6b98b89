using Initiativenberatung.Infrastructure.Media;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Initiativenberatung.Web.Localization;

namespace Initiativenberatung.Web.BackOffice.Media;

/// <summary>
/// Request limits of the upload endpoints, derived from <c>Media:MaxUploadBytes</c>: Kestrel's body size and the
/// multipart form limits are set per request, and the form is read here — before the antiforgery check reads it —
/// so that an over-size body is answered with a German 413 page (or JSON for the drag-and-drop uploader), never with
/// a 400 or 500. The per-file limit itself is checked by <see cref="MediaService"/> with a message next to the field.
/// Runs after authorization (middleware), so users without the media right get their 403 first.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class MediaUploadLimitsAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string TooLargeView = "/BackOffice/Pages/Media/UploadTooLarge.cshtml";

    /// <summary>Before the antiforgery filter (order 1000), which would turn a read failure into a 400.</summary>
    public int Order => 900;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value;
        var limit = options.MaxRequestBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (request.ContentLength > limit)
        {
            context.Result = TooLarge(context, options);
            return;
        }

        if (http.Features.Get<IFormFeature>()?.Form is null)
        {
            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = limit,
                ValueCountLimit = 256,
            }));
        }

        try
        {
            await request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = TooLarge(context, options);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // FormOptions limits (multipart body length, value count) report as InvalidDataException "… limit … exceeded".
            context.Result = TooLarge(context, options);
        }
    }

    private static IActionResult TooLarge(AuthorizationFilterContext context, MediaOptions options)
    {
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<MediaText>>();
        string message = text.Plural("Message.RequestTooLarge", MediaOptions.MaxFilesPerRequest, MediaService.Size(options.MaxUploadBytes), MediaOptions.MaxFilesPerRequest);
        if (context.HttpContext.Request.WantsJson())
        {
            return new JsonResult(new { errors = new Dictionary<string, string[]> { ["files"] = [message] } })
            {
                StatusCode = StatusCodes.Status413PayloadTooLarge,
            };
        }

        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var path = context.HttpContext.Request.Path.Value ?? BackOfficeRegistration.PathPrefix + "/media";
        return new ViewResult
        {
            ViewName = TooLargeView,
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary<UploadTooLargeModel>(metadata, context.ModelState)
            {
                Model = new UploadTooLargeModel(message, path),
            },
        };
    }
}

/// <summary>What the 413 page shows: the limit and the way back to the form.</summary>
public sealed record UploadTooLargeModel(string Message, string BackUrl);
