using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Initiativenberatung.Web.Localization;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>Marker for the API's German texts (<c>Resources/Forms.DeliveryApi.FormsDeliveryApiText.resx</c>).</summary>
public sealed class FormsDeliveryApiText;

/// <summary>
/// Umbraco Forms' headless API: <c>GET definitions/{id}</c> from the in-memory form cache (no SQL, ETag/304) and
/// <c>POST entries/{id}</c> through the same validation, rate limit and durable append as the HTML survey. Anonymous: the
/// sender's address, user agent, referrer and the request's <c>contentId</c>/<c>culture</c>/<c>additionalData</c> are
/// neither stored nor logged.
/// </summary>
public static class FormsDeliveryApiEndpoints
{
    public const string GroupName = "forms";
    public const string RoutePrefix = "/umbraco/forms/delivery/api/v1";
    public const string CorsPolicy = "FormsDeliveryApi";
    public const string ApiKeyHeader = "Api-Key";
    public const string Tag = "Forms";
    public const string GetDefinitionName = "GetFormDefinition";
    public const string PostEntryName = "PostFormEntry";
    public const string FormTokenHeader = "Form-Token";

    public static RouteGroupBuilder MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RoutePrefix)
            .WithGroupName(GroupName)
            .WithTags(Tag)
            .RequireCors(CorsPolicy)
            .AddEndpointFilter(EnabledFilter);

        group.MapGet("definitions/{id:guid}", GetDefinition)
            .WithName(GetDefinitionName)
            .WithSummary("Gets a form definition")
            .WithDescription(
                "The form in Umbraco Forms' shape: pages → fieldsets → columns → fields with type, rules, messages, options, " +
                "settings and show/hide conditions (rules name fields by id). Sends an ETag; `If-None-Match` gives 304 while " +
                "the form is unchanged (the tag does not cover `formToken`). `formToken` (fresh on every answer, also in the " +
                "`Form-Token` header of a 304) and `honeypotField` are the spam defence of browser posts. `contentId` and " +
                "`culture` are accepted for compatibility (the site has one culture).")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("entries/{id:guid}", PostEntry)
            .WithName(PostEntryName)
            .WithSummary("Submits a form entry")
            .WithDescription(
                "Validates the answers with every rule of the form (the same server-side validation as the HTML survey) and " +
                "answers 202 only after the entry is committed (a form that does not store entries answers 202 without storing). " +
                "Browsers send the antiforgery token in the `RequestVerificationToken` header (with the antiforgery cookie); " +
                "server-to-server callers send the configured key in the `Api-Key` header. Browsers also send back the " +
                "`formToken` of the definition; an entry sent faster than the minimum fill time after the definition was " +
                "fetched, or with a non-empty honeypot (`values[honeypotField]`), gets the normal 202 and is not stored " +
                "(callers with a valid `Api-Key` skip both checks). The entry is anonymous: nothing about the sender is " +
                "stored or logged.")
            // The body is read by the handler itself (no .Accepts: its content-type matching would turn a wrong type into
            // a bare 404/415 without a message); FormsDeliveryApiOpenApiExamples documents it.
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Anything else below the prefix (a malformed id, an unknown path) gets a JSON 404, not the site's HTML page.
        group.MapMethods("{**path}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
                (IStringLocalizer<FormsDeliveryApiText> text) => Problem(StatusCodes.Status404NotFound, text["Api.NotFoundTitle"], text["Api.UnknownPath"]))
            .ExcludeFromDescription();
        return group;
    }

    /// <summary>Every answer of the API is JSON (no German HTML error page); a disabled API answers 404 everywhere.</summary>
    private static async ValueTask<object?> EnabledFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        if (!http.RequestServices.GetRequiredService<IOptionsMonitor<FormsDeliveryApiOptions>>().CurrentValue.Enabled)
        {
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<FormsDeliveryApiText>>();
            return Problem(StatusCodes.Status404NotFound, text["Api.NotFoundTitle"], text["Api.Disabled"]);
        }

        return await next(context);
    }

    internal static Results<Ok<FormDefinitionDto>, StatusCodeHttpResult, ProblemHttpResult> GetDefinition(
        Guid id,
        [FromQuery] string? contentId,
        [FromQuery] string? culture,
        HttpContext http,
        FormDefinitionCache forms,
        IPublishedSnapshotAccessor snapshots,
        IOptions<HttpJsonOptions> json,
        FormShownTokenProtector formTokens,
        IStringLocalizer<FormsDeliveryApiText> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (contentId is not null && !Guid.TryParse(contentId, out _) && !int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors["contentId"] = [text["Api.ContentIdFormat"]];
        }

        if (culture is not null && !IsCultureName(culture))
        {
            errors["culture"] = [text["Api.CultureType"]];
        }

        if (errors.Count > 0)
        {
            return ValidationProblem(StatusCodes.Status400BadRequest, text["Api.BadRequestTitle"], string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }

        if (forms.Get(id) is not { } form)
        {
            return Problem(StatusCodes.Status404NotFound, text["Api.NotFoundTitle"], text["Api.FormNotFound", id]);
        }

        var definition = FormDeliveryMapper.ToDefinition(form, snapshots.Current);
        var etag = new EntityTagHeaderValue(ETagOf(JsonSerializer.SerializeToUtf8Bytes(definition, json.Value.SerializerOptions)), isWeak: true);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // Private: every answer carries its own "form shown" token (the tag covers the definition only, so a 304 still
        // works; its fresh token is in the Form-Token header).
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        var token = formTokens.Issue(form.Key);
        http.Response.Headers[FormTokenHeader] = token;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(definition with { FormToken = token, HoneypotField = SurveyFormModel.HoneypotField });
    }

    internal static async Task<Results<Accepted<FormEntryAcceptedDto>, ProblemHttpResult>> PostEntry(
        Guid id,
        HttpContext http,
        FormDefinitionCache forms,
        FormSubmissionService submissions,
        IPublishedSnapshotAccessor snapshots,
        IAntiforgery antiforgery,
        IOptions<AntiforgeryOptions> antiforgeryOptions,
        SurveyRateLimiter rateLimiter,
        IOptionsMonitor<FormsDeliveryApiOptions> apiOptions,
        IOptions<SurveyOptions> surveyOptions,
        FormShownTokenProtector formTokens,
        TimeProvider clock,
        IStringLocalizer<FormsDeliveryApiText> text)
    {
        // One budget per connection address for every public form post (the address stays in memory only).
        using var lease = rateLimiter.Acquire(http);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = surveyOptions.Value.RateLimitWindowSeconds.ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, text["Api.TooManyTitle"], text["Api.TooMany"]);
        }

        var request = http.Request;
        var tokenHeader = antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken";
        var hasApiKey = request.Headers.ContainsKey(ApiKeyHeader);
        if (!hasApiKey && !request.Headers.ContainsKey(tokenHeader))
        {
            return Problem(StatusCodes.Status401Unauthorized, text["Api.UnauthorizedTitle"], text["Api.CredentialsMissing", ApiKeyHeader, tokenHeader]);
        }

        if (hasApiKey && !ApiKeyMatches(request.Headers[ApiKeyHeader], apiOptions.CurrentValue.ApiKey))
        {
            return Problem(StatusCodes.Status401Unauthorized, text["Api.UnauthorizedTitle"], text["Api.ApiKeyInvalid", ApiKeyHeader]);
        }

        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, text["Api.BadRequestTitle"], text["Api.NotJson"]);
        }

        if (!hasApiKey && !await antiforgery.IsRequestValidAsync(http))
        {
            return Problem(StatusCodes.Status400BadRequest, text["Api.BadRequestTitle"], text["Api.TokenInvalid", tokenHeader]);
        }

        if (forms.Get(id) is not { Pages.Count: > 0 } form)
        {
            return Problem(StatusCodes.Status404NotFound, text["Api.NotFoundTitle"], text["Api.FormNotFound", id]);
        }

        var body = await ReadBodyAsync(http, surveyOptions.Value.MaxRequestBytes);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, text["Api.TooLargeTitle"], text.Plural("Api.TooLarge", surveyOptions.Value.MaxRequestBytes, surveyOptions.Value.MaxRequestBytes));
        }

        var entry = FormEntryRequestReader.Read(body.Value, text);
        if (!entry.IsValid)
        {
            return ValidationProblem(StatusCodes.Status400BadRequest, text["Api.BadRequestTitle"], text["Api.BodyInvalid"], entry.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        }

        // The honeypot is not a field of the form: it never reaches validation or storage.
        var answers = entry.Answers.Where(a => a.Key != SurveyFormModel.HoneypotField).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var tooFast = false;
        SubmissionToken? once = null;
        if (!hasApiKey)
        {
            // The survey's spam defence for browsers (server-to-server callers with a valid key are trusted).
            if (formTokens.Read(entry.FormToken, form.Key) is not { } shown)
            {
                var message = string.IsNullOrEmpty(entry.FormToken) ? text["Api.FormTokenMissing", form.Key] : text["Api.FormTokenInvalid", form.Key];
                return ValidationProblem(StatusCodes.Status400BadRequest, text["Api.BadRequestTitle"], message,
                    new Dictionary<string, string[]>(StringComparer.Ordinal) { [FormEntryRequestReader.FormTokenProperty] = [message] });
            }

            // A person never sees or fills the honeypot: a bot gets the success answer and nothing is stored.
            if (entry.Answers.TryGetValue(SurveyFormModel.HoneypotField, out var honeypot) && honeypot.Any(v => !string.IsNullOrEmpty(v)))
            {
                return TypedResults.Accepted((string?)null, FormDeliveryMapper.ToAccepted(form, snapshots.Current));
            }

            // A token is single-use: once its entry is stored, a replay gets the usual 202 and nothing is stored again.
            once = SubmissionToken.For("api", shown.Id, shown.ExpiresOn);
            if (await submissions.WasSubmittedAsync(once))
            {
                return TypedResults.Accepted((string?)null, FormDeliveryMapper.ToAccepted(form, snapshots.Current));
            }

            // Faster than a person can answer: validated, answered like success, nothing stored.
            tooFast = clock.GetUtcNow() - shown.ShownAt < TimeSpan.FromSeconds(surveyOptions.Value.MinimumFillSeconds);
        }

        var outcome = await submissions.SubmitAsync(form, answers, discard: tooFast, once);
        if (!outcome.IsValid)
        {
            return ValidationProblem(StatusCodes.Status422UnprocessableEntity, text["Api.ValidationTitle"], null,
                outcome.Validation.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return TypedResults.Accepted((string?)null, FormDeliveryMapper.ToAccepted(form, snapshots.Current));
    }

    /// <summary>A BCP 47 language tag such as <c>de-DE</c> (letters and digits in parts of 1–8, at most 35 characters).</summary>
    public static bool IsCultureName(string value) =>
        value.Length is > 0 and <= 35
        && value.Split('-') is var parts
        && parts.All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit))
        && parts[0].All(char.IsAsciiLetter);

    /// <summary>The quoted tag (sent weak: equal JSON, not byte-identical encodings) from the SHA-256 of the answer's bytes.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";

    /// <summary>Compares in constant time; no configured key matches nothing.</summary>
    public static bool ApiKeyMatches(string? sent, string? configured) =>
        !string.IsNullOrEmpty(configured) && sent is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    /// <summary><c>application/json</c> or <c>application/*+json</c>, UTF-8 (or no charset).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body within <paramref name="maxBytes"/>, or <c>null</c> when it is larger.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static ProblemHttpResult ValidationProblem(int status, string title, string? detail, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail });
}
