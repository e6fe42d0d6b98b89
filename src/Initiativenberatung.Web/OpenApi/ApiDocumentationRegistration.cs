using Initiativenberatung.Web.DeliveryApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Initiativenberatung.Web.OpenApi;

/// <summary>
/// OpenAPI documents of the headless APIs, one per endpoint group: <c>delivery</c> (Content Delivery API v2) and
/// <c>forms</c> (Umbraco Forms' delivery API), at <c>/umbraco/openapi/{documentName}.json</c>. Only endpoints whose group
/// name is the document's name are included: the default would also take every endpoint without a group (media, public
/// site), which must not be described. The Scalar UI at <c>/umbraco/api-docs</c> exists in Development only.
/// </summary>
public static class ApiDocumentationRegistration
{
    public const string DeliveryDocument = "delivery";
    public const string FormsDocument = "forms";
    public const string DocumentRoutePattern = "/umbraco/openapi/{documentName}.json";
    public const string UiPath = "/umbraco/api-docs";

    /// <summary>The UI page's policy: Scalar starts from an inline script and styles its elements inline.</summary>
    public const string UiContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline' https:; font-src 'self' data: https:; script-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddApiDocumentation(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiDocument(DeliveryDocument, new OpenApiInfo
        {
            Title = "Content Delivery API",
            Version = "v2",
            Description =
                "Published content and media as JSON in the shape of Umbraco's Content Delivery API v2 " +
                "(`/umbraco/delivery/api/v2`), read from the published snapshot. Headers: `Api-Key`, `Preview`, " +
                "`Accept-Language`, `Start-Item`. Errors are RFC 7807 problem details.",
        }, options =>
        {
            options.AddOperationTransformer<DeliveryHeadersOperationTransformer>();
            options.AddOperationTransformer<DeliveryApiOpenApiExamples>();
        }, MergeIdAndPathRoutes);

        builder.Services.AddApiDocument(FormsDocument, new OpenApiInfo
        {
            Title = "Umbraco Forms API",
            Version = "v1",
            Description =
                "Headless forms in the shape of Umbraco Forms' delivery API (`/umbraco/forms/delivery/api/v1`): the " +
                "definition of a form, and anonymous entries validated with every rule of the form. Switched on with " +
                "`Forms:DeliveryApi:Enabled`.",
        });
        return builder;
    }

    /// <summary>One document: only the endpoints of its group, relative servers, its title, then its own transformers.</summary>
    private static void AddApiDocument(this IServiceCollection services, string name, OpenApiInfo info,
        Action<OpenApiOptions>? configure = null, Action<OpenApiDocument>? finish = null) =>
        services.AddOpenApi(name, options =>
        {
            options.ShouldInclude = description => description.GroupName == name;
            options.AddDocumentTransformer<RelativeServersTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = info;
                finish?.Invoke(document);
                return Task.CompletedTask;
            });
            configure?.Invoke(options);
        });

    /// <summary>
    /// <c>item/{id:guid}</c> and <c>item/{*path}</c> are two routes but one OpenAPI path signature (<c>item/{}</c>), which
    /// the specification forbids. The path route also answers ids (the GUID route just wins first), so the document keeps
    /// that one operation and says that its segment may be an id.
    /// </summary>
    internal static void MergeIdAndPathRoutes(OpenApiDocument document)
    {
        foreach (var byId in document.Paths.Keys.Where(k => k.EndsWith("/item/{id}", StringComparison.Ordinal)).ToList())
        {
            var byPathKey = byId[..^"{id}".Length] + "{path}";
            if (!document.Paths.TryGetValue(byPathKey, out var byPath))
            {
                continue;
            }

            document.Paths.Remove(byId);
            foreach (var operation in byPath.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Description = "Der Pfad (relativ zum Start-Item) oder die Id (GUID) des Elements.";
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "path") ?? [])
                {
                    parameter.Description = "Pfad, z. B. `umfrage/`, oder Id (GUID).";
                }
            }
        }
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoutePattern);
        if (app.Environment.IsDevelopment())
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(UiPath, StringComparison.OrdinalIgnoreCase))
                {
                    // Set before the site's headers, which only add a policy when none is there yet.
                    context.Response.Headers.ContentSecurityPolicy = UiContentSecurityPolicy;
                }

                await next(context);
            });
            app.MapScalarApiReference(UiPath, options => options
                .WithTitle("Initiativenberatung – Headless APIs")
                .WithOpenApiRoutePattern(DocumentRoutePattern)
                .AddDocument(DeliveryDocument, "Content Delivery API", isDefault: true)
                .AddDocument(FormsDocument, "Umbraco Forms API"));
        }

        return app;
    }
}

/// <summary>
/// Documents the request headers every Content Delivery API operation understands, unless the endpoint already declares
/// them (keyed on the group name, so the delivery endpoints need no OpenAPI code of their own).
/// </summary>
internal sealed class DeliveryHeadersOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly (string Name, string Description, JsonSchemaType Type)[] Headers =
    [
        ("Api-Key", "The key configured for the Delivery API; required for preview and when public access is off.", JsonSchemaType.String),
        ("Preview", "`true` returns drafts (only with a valid `Api-Key`); never cached.", JsonSchemaType.Boolean),
        ("Accept-Language", "The culture of the content, e.g. `de-DE`.", JsonSchemaType.String),
        ("Start-Item", "Id or path of the root to resolve paths from.", JsonSchemaType.String),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.GroupName != ApiDocumentationRegistration.DeliveryDocument)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var (name, description, type) in Headers)
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = description,
                    Schema = new OpenApiSchema { Type = type },
                });
            }
        }

        return Task.CompletedTask;
    }
}
