using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

public static class FormsDeliveryApiRegistration
{
    /// <summary>
    /// The headless forms API (<c>Forms:DeliveryApi</c>, validated at start), its CORS policy (configured origins only)
    /// and the request/response examples of its OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddFormsDeliveryApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FormsDeliveryApiOptions>().BindConfiguration(FormsDeliveryApiOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FormsDeliveryApiOptions>, FormsDeliveryApiOptionsValidator>();
        builder.Services.AddSingleton<FormShownTokenProtector>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<FormsDeliveryApiOptions>>((cors, api) =>
            cors.AddPolicy(FormsDeliveryApiEndpoints.CorsPolicy, policy =>
            {
                policy.WithOrigins(api.Value.AllowedOrigins ?? [])
                    .WithMethods(HttpMethods.Get, HttpMethods.Post)
                    .WithHeaders("Content-Type", "Accept-Language", FormsDeliveryApiEndpoints.ApiKeyHeader, "RequestVerificationToken", "If-None-Match")
                    .WithExposedHeaders("ETag", FormsDeliveryApiEndpoints.FormTokenHeader)
                    .AllowCredentials();
            }));
        builder.Services.Configure<OpenApiOptions>(FormsDeliveryApiEndpoints.GroupName, options => options.AddOperationTransformer<FormsDeliveryApiOpenApiExamples>());
        return builder;
    }

    /// <summary>Maps <c>/umbraco/forms/delivery/api/v1</c> (group name <c>forms</c> for the OpenAPI document).</summary>
    public static WebApplication MapFormsDeliveryApi(this WebApplication app)
    {
        FormsDeliveryApiEndpoints.MapEndpoints(app);
        return app;
    }
}
