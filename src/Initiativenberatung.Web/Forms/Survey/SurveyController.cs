using System.Threading.RateLimiting;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Web.Website;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>German page for a rejected survey post (400, 404, 413, 429).</summary>
public sealed record SurveyProblemModel(int StatusCode, string Message, string? SurveyRoute);

/// <summary>
/// The public survey post (<c>POST /formulare/absenden</c>) and the thank-you page. Anonymous by design: nothing about
/// the visitor (address, user agent, referrer, cookies) is stored or logged; the connection address is used only as the
/// in-memory partition of the rate limiter.
/// </summary>
[Route("formulare")]
public sealed class SurveyController(
    SurveyService survey,
    FormDefinitionCache forms,
    FormSubmissionService submissions,
    IPublishedSnapshotAccessor snapshots,
    IAntiforgery antiforgery,
    SurveyRateLimiter rateLimiter,
    IOptions<SurveyOptions> options,
    TimeProvider clock,
    IStringLocalizer<SurveyText> text) : Controller
{
    [HttpPost("absenden")]
    [IgnoreAntiforgeryToken] // validated below, after the body has been read within the size limits
    public async Task<IActionResult> Submit()
    {
        // No action parameters: MVC's model binding would read the form with its own (unlimited, throwing) options.
        var cancellationToken = HttpContext.RequestAborted;
        using var lease = rateLimiter.Acquire(HttpContext);
        if (!lease.IsAcquired)
        {
            Response.Headers.RetryAfter = options.Value.RateLimitWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, text["Survey.TooMany"], null);
        }

        var maxBytes = options.Value.MaxRequestBytes;
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        if (Request.ContentLength > maxBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, text["Survey.TooLarge"], null);
        }

        if (!Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status400BadRequest, text["Survey.BadRequest"], null);
        }

        IFormCollection posted;
        try
        {
            // The form reader keeps a bad percent escape (%zz, %C3%28) as text and turns raw broken UTF-8 into U+FFFD,
            // so the encoding is checked on the bytes first (urlencoded bodies; the size is limited above).
            if (Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                Request.EnableBuffering(bufferThreshold: (int)Math.Min(maxBytes, 1024 * 1024), bufferLimit: maxBytes);
                using var buffer = new MemoryStream();
                await Request.Body.CopyToAsync(buffer, cancellationToken);
                Request.Body.Position = 0;
                if (!UrlEncodedBody.IsWellFormed(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
                {
                    return Problem(StatusCodes.Status400BadRequest, text["Survey.BadEncoding"], null);
                }
            }

            posted = await Request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = 512,
                KeyLengthLimit = 512,
                ValueLengthLimit = (int)Math.Min(maxBytes, int.MaxValue),
                MultipartBodyLengthLimit = maxBytes,
                MultipartHeadersLengthLimit = 16 * 1024,
                MultipartBoundaryLengthLimit = 128,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Problem(StatusCodes.Status413PayloadTooLarge, text["Survey.TooLarge"], null)
                : Problem(StatusCodes.Status400BadRequest, text["Survey.BadRequest"], null);
        }

        if (posted.Files.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, text["Survey.BadRequest"], null);
        }

        // The form reader turns broken UTF-8 (raw or percent-encoded) into U+FFFD; a browser never sends that, and
        // storing the replaced text would silently change the answer.
        if (posted.Any(p => p.Key.Contains('\uFFFD', StringComparison.Ordinal) || p.Value.Any(v => v?.Contains('\uFFFD', StringComparison.Ordinal) == true)))
        {
            return Problem(StatusCodes.Status400BadRequest, text["Survey.BadEncoding"], null);
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Problem(StatusCodes.Status400BadRequest, text["Survey.InvalidToken"], null);
        }

        var state = survey.ReadState(Single(posted, SurveyFormModel.StateField));
        var snapshot = snapshots.Current;
        if (state is null)
        {
            return Problem(StatusCodes.Status400BadRequest, text["Survey.Expired"], null);
        }

        var content = snapshot.GetByKey(state.ContentKey);
        if (forms.Get(state.FormKey) is not { Pages.Count: > 0 } form || content is null || state.PageIndex < 0 || state.PageIndex >= form.Pages.Count)
        {
            return Problem(StatusCodes.Status404NotFound, text["Survey.NotFound"], null);
        }

        // A state is single-use: once its entry is stored, any post of it (a replay) gets the thank-you and does nothing.
        var once = survey.OnceToken(state);
        if (await submissions.WasSubmittedAsync(once))
        {
            return Success(form, snapshot);
        }

        // The honeypot: a person never sees or fills it; a bot gets the success answer and nothing is stored.
        if (!string.IsNullOrEmpty(Single(posted, SurveyFormModel.HoneypotField)))
        {
            return Success(form, snapshot);
        }

        var page = form.Pages[state.PageIndex];
        var pageAliases = page.Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields).Select(f => f.Alias).ToHashSet(StringComparer.Ordinal);
        var answers = state.Answers
            .Where(a => !pageAliases.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var (key, values) in posted)
        {
            if (!key.StartsWith("__", StringComparison.Ordinal))
            {
                answers[key] = ToArray(values);
            }
        }

        var action = Single(posted, SurveyFormModel.ActionField);
        if (action == SurveyFormModel.PreviousAction)
        {
            var known = answers.Where(a => form.FindField(a.Key) is not null).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            if (known.Count != answers.Count)
            {
                return PageView(content, snapshot, form, state, state.PageIndex, answers, FormValidator.Validate(form, answers).Errors, StatusCodes.Status400BadRequest);
            }

            return PageView(content, snapshot, form, state, Math.Max(0, state.PageIndex - 1), answers, null, StatusCodes.Status200OK);
        }

        if (action != SurveyFormModel.SubmitAction && state.PageIndex < form.Pages.Count - 1)
        {
            var pageResult = FormValidator.Validate(form, answers, state.PageIndex);
            return pageResult.IsValid
                ? PageView(content, snapshot, form, state, state.PageIndex + 1, answers, null, StatusCodes.Status200OK)
                : PageView(content, snapshot, form, state, state.PageIndex, answers, pageResult.Errors, StatusCodes.Status400BadRequest);
        }

        // Faster than a person can answer: treated as a bot, validated, answered like success, nothing stored.
        var filledIn = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(state.IssuedAtUnixMs);
        var tooFast = filledIn < TimeSpan.FromSeconds(options.Value.MinimumFillSeconds);
        var outcome = await submissions.SubmitAsync(form, answers, discard: tooFast, once);
        if (!outcome.IsValid)
        {
            var result = outcome.Validation;
            // Show the first page with an error (a field of an earlier page, or this page for unknown fields).
            var errorPage = Enumerable.Range(0, form.Pages.Count).FirstOrDefault(
                i => form.Pages[i].Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields).Any(f => result.Errors.ContainsKey(f.Alias)),
                state.PageIndex);
            if (result.Errors.Keys.Any(k => form.FindField(k) is null))
            {
                errorPage = state.PageIndex;
            }

            return PageView(content, snapshot, form, state, errorPage, answers, result.Errors, StatusCodes.Status400BadRequest);
        }

        // The success answer is given only after the entry is committed.
        return Success(form, snapshot);
    }

    /// <summary>Query flag on the survey page that shows the „starts again“ hint after a reload of <c>/formulare/absenden</c>.</summary>
    public const string ReloadedQuery = "neu";

    /// <summary>The document type that renders a survey (its form picker is <c>form</c>).</summary>
    private const string SurveyPageAlias = "surveyPage";

    /// <summary>
    /// A reload or bookmark of the address page 2 was shown at: the answers were never kept, so the visitor is sent to
    /// the start of the survey (303, with a hint there), or home when no survey page is published — never a 404.
    /// </summary>
    [HttpGet("absenden")]
    [HttpHead("absenden")]
    public IActionResult SubmitReloaded()
    {
        var snapshot = snapshots.Current;
        var surveyPage = snapshot.Content.Values
            .Where(c => c.ContentTypeAlias == SurveyPageAlias && c.Value<Guid?>("form") is not null)
            .OrderBy(c => c.Level).ThenBy(c => c.Route, StringComparer.Ordinal)
            .FirstOrDefault();
        Response.Headers.Location = surveyPage is null ? "/" : $"{surveyPage.Route}?{ReloadedQuery}=1";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    [HttpGet("danke/{formKey:guid}")]
    [HttpHead("danke/{formKey:guid}")]
    [OutputCache(PolicyName = WebsiteRegistration.CachePolicy)]
    public IActionResult Thanks(Guid formKey)
    {
        if (forms.Get(formKey) is not { } form)
        {
            return NotFound();
        }

        return View("~/Views/Survey/Thanks.cshtml", form.MessageOnSubmit is { Length: > 0 } message ? message : text["Survey.DefaultThanks"].Value);
    }

    private StatusCodeResult Success(FormDefinition form, PublishedSnapshot snapshot)
    {
        var target = form.GoToPageOnSubmit is { } pageKey && snapshot.GetByKey(pageKey) is { } page
            ? page.Route
            : Url.Action(nameof(Thanks), new { formKey = form.Key }) ?? "/";
        Response.Headers.Location = target;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private ViewResult PageView(
        PublishedContent content,
        PublishedSnapshot snapshot,
        FormDefinition form,
        SurveyState state,
        int pageIndex,
        Dictionary<string, string[]> answers,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors,
        int statusCode)
    {
        // Only answers to fields of the form are carried on (unknown names are reported, never kept).
        var known = answers.Where(a => form.FindField(a.Key) is not null).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var model = new SurveyFormModel(form, pageIndex, known, errors ?? new Dictionary<string, IReadOnlyList<string>>(),
            survey.Protect(state with { PageIndex = pageIndex, Answers = known }));
        Response.StatusCode = statusCode;
        var view = View("~/Views/surveyPage.cshtml", new PageModel(content, snapshot));
        view.ViewData[SurveyService.ViewDataKey] = model;
        return view;
    }

    private ViewResult Problem(int statusCode, string message, string? surveyRoute)
    {
        Response.StatusCode = statusCode;
        return View("~/Views/Survey/Problem.cshtml", new SurveyProblemModel(statusCode, message, surveyRoute));
    }

    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private static string[] ToArray(StringValues values) => values.Select(v => v ?? "").ToArray();
}
