using System.Text.Json.Nodes;
using Initiativenberatung.Core.Delivery;
using Initiativenberatung.Core.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>The request headers of Umbraco's Delivery API (declared so that the OpenAPI document lists them).</summary>
public readonly record struct DeliveryHeaders(
    [FromHeader(Name = "Api-Key")] string? ApiKey,
    [FromHeader(Name = "Preview")] string? Preview,
    [FromHeader(Name = "Accept-Language")] string? AcceptLanguage,
    [FromHeader(Name = "Start-Item")] string? StartItem);

/// <summary>The handlers of <c>/umbraco/delivery/api/v2</c>: content and media by id, path, ids and query.</summary>
internal static class DeliveryApiEndpoints
{
    private const int MaxIds = 1000;

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> ContentById(
        Guid id, string? expand, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, expand, fields);
        if (problem is not null)
        {
            return problem;
        }

        return request!.Request.ContentById(id) is { } content
            ? new DeliveryJsonResult(request.Request.Writer.Content(content, request.Expand, request.Fields), content.UpdateDate, request.Request.Preview)
            : NotFound($"Es gibt kein veröffentlichtes Dokument mit der Id {id}.");
    }

    public static async Task<Results<DeliveryJsonResult, RedirectHttpResult, ProblemHttpResult>> ContentByPath(
        string? path, string? expand, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, expand, fields);
        if (problem is not null)
        {
            return problem;
        }

        var api = request!.Request;
        if (api.ContentByPath(path) is { } content)
        {
            return new DeliveryJsonResult(api.Writer.Content(content, request.Expand, request.Fields), content.UpdateDate, api.Preview);
        }

        if (api.RedirectTarget(path) is { } target)
        {
            // Umbraco's contract: 301 to the new route, with its start item in two extra headers.
            var route = DeliveryJsonWriter.Route(api.Snapshot, target);
            var startItem = route["startItem"]!;
            context.Response.Headers["Location-Start-Item-Path"] = startItem["path"]!.GetValue<string>();
            context.Response.Headers["Location-Start-Item-Id"] = startItem["id"]!.GetValue<string>();
            return TypedResults.Redirect(route["path"]!.GetValue<string>(), permanent: true);
        }

        return NotFound($"Unter dem Pfad „{PublishedSnapshot.NormalizeRoute(path)}“ gibt es kein veröffentlichtes Dokument.");
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> ContentItems(
        [FromQuery] string[]? id, string? expand, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, expand, fields);
        if (problem is not null)
        {
            return problem;
        }

        if (ParseIds(RawQuery(context, "id")) is not { } ids)
        {
            return BadRequest("id", $"Der Parameter „id“ muss eine oder mehrere GUIDs enthalten (höchstens {MaxIds}), z. B. ?id=…&id=….");
        }

        var api = request!.Request;
        var items = ids.Select(api.ContentById).OfType<PublishedContent>()
            .Select(c => (JsonNode?)api.Writer.Content(c, request.Expand, request.Fields));
        return new DeliveryJsonResult(new JsonArray(items.ToArray()), null, api.Preview);
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> ContentQuery(
        string? fetch, [FromQuery] string[]? filter, [FromQuery] string[]? sort, string? skip, string? take, string? expand, string? fields,
        [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, expand, fields);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = DeliveryQueryParser.ParseContent(fetch, RawQuery(context, "filter"), RawQuery(context, "sort"), skip, take);
        if (!parsed.IsValid)
        {
            return BadRequest(parsed.Errors);
        }

        var api = request!.Request;
        var page = DeliveryQueryRunner.RunContent(api.Snapshot, parsed.Query!, api.ResolveTarget, api.StartItem, api.IsAllowedType);
        return new DeliveryJsonResult(
            new JsonObject
            {
                ["total"] = page.Total,
                ["items"] = new JsonArray(page.Items.Select(c => (JsonNode?)api.Writer.Content(c, request.Expand, request.Fields)).ToArray()),
            },
            null,
            api.Preview);
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> MediaById(
        Guid id, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, null, fields);
        if (problem is not null)
        {
            return problem;
        }

        return request!.Request.Snapshot.GetMedia(id) is { } media
            ? new DeliveryJsonResult(DeliveryJsonWriter.Media(media, request.Fields), media.UpdateDate, request.Request.Preview)
            : NotFound($"Es gibt kein Medium mit der Id {id}.");
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> MediaByPath(
        string? path, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, null, fields);
        if (problem is not null)
        {
            return problem;
        }

        return !string.IsNullOrWhiteSpace(path) && !Guid.TryParse(path.Trim('/'), out _) && request!.Request.MediaByPathOrId(path) is { } media
            ? new DeliveryJsonResult(DeliveryJsonWriter.Media(media, request.Fields), media.UpdateDate, request.Request.Preview)
            : NotFound($"Unter dem Pfad „{PublishedSnapshot.NormalizeRoute(path)}“ gibt es kein Medium.");
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> MediaItems(
        [FromQuery] string[]? id, string? fields, [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, null, fields);
        if (problem is not null)
        {
            return problem;
        }

        if (ParseIds(RawQuery(context, "id")) is not { } ids)
        {
            return BadRequest("id", $"Der Parameter „id“ muss eine oder mehrere GUIDs enthalten (höchstens {MaxIds}), z. B. ?id=…&id=….");
        }

        var snapshot = request!.Request.Snapshot;
        var items = ids.Select(snapshot.GetMedia).OfType<PublishedMedia>().Select(m => (JsonNode?)DeliveryJsonWriter.Media(m, request.Fields));
        return new DeliveryJsonResult(new JsonArray(items.ToArray()), null, request.Request.Preview);
    }

    public static async Task<Results<DeliveryJsonResult, ProblemHttpResult>> MediaQuery(
        string? fetch, [FromQuery] string[]? filter, [FromQuery] string[]? sort, string? skip, string? take, string? fields,
        [AsParameters] DeliveryHeaders headers, HttpContext context, DeliveryApiRequestFactory factory)
    {
        var (request, problem) = await PrepareAsync(context, factory, null, fields);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = DeliveryQueryParser.ParseMedia(fetch, RawQuery(context, "filter"), RawQuery(context, "sort"), skip, take);
        if (!parsed.IsValid)
        {
            return BadRequest(parsed.Errors);
        }

        var api = request!.Request;
        var page = DeliveryQueryRunner.RunMedia(api.Snapshot, parsed.Query!, api.MediaByPathOrId);
        return new DeliveryJsonResult(
            new JsonObject
            {
                ["total"] = page.Total,
                ["items"] = new JsonArray(page.Items.Select(m => (JsonNode?)DeliveryJsonWriter.Media(m, request.Fields)).ToArray()),
            },
            null,
            api.Preview);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden");

    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        BadRequest(new Dictionary<string, string> { [parameter] = detail });

    public static ProblemHttpResult BadRequest(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.Problem(
            string.Join(" ", errors.Values),
            statusCode: StatusCodes.Status400BadRequest,
            title: "Ungültige Anfrage",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });

    private static async Task<(PreparedRequest? Request, ProblemHttpResult? Problem)> PrepareAsync(
        HttpContext context, DeliveryApiRequestFactory factory, string? expand, string? fields)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!PropertySelection.TryParse("expand", expand, PropertySelection.None, out var expandSelection, out var expandError))
        {
            errors["expand"] = expandError!;
        }

        if (!PropertySelection.TryParse("fields", fields, PropertySelection.All, out var fieldsSelection, out var fieldsError))
        {
            errors["fields"] = fieldsError!;
        }

        if (errors.Count > 0)
        {
            return (null, BadRequest(errors));
        }

        var (request, startItemError) = await factory.CreateAsync(context);
        return startItemError is not null
            ? (null, BadRequest(DeliveryApiRegistration.StartItemHeader, startItemError))
            : (new PreparedRequest(request!, expandSelection, fieldsSelection), null);
    }

    /// <summary>
    /// The values of a repeated query parameter in request order, read from the raw query string: the output cache's key
    /// builder sorts the parsed values of <c>Request.Query</c> in place (seen with <c>SetVaryByQuery("*")</c>), and the order of
    /// <c>id</c> and <c>sort</c> matters.
    /// </summary>
    private static string?[] RawQuery(HttpContext context, string name) =>
        QueryHelpers.ParseQuery(context.Request.QueryString.Value).TryGetValue(name, out var values) ? values.ToArray() : [];

    private static List<Guid>? ParseIds(string?[]? ids)
    {
        var values = (ids ?? []).SelectMany(i => (i ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (values.Count == 0 || values.Count > MaxIds)
        {
            return null;
        }

        var result = new List<Guid>();
        foreach (var value in values)
        {
            if (!Guid.TryParse(value, out var guid))
            {
                return null;
            }

            result.Add(guid);
        }

        return result.Distinct().ToList();
    }

    private sealed record PreparedRequest(DeliveryApiRequest Request, PropertySelection Expand, PropertySelection Fields);
}
