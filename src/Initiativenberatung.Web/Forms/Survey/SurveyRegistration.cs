using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Initiativenberatung.Web.Forms.Survey;

public static class SurveyRegistration
{
    /// <summary>The public survey: form definitions cached in memory, signed form state, rate limiter (<c>Forms:Survey</c>).</summary>
    public static WebApplicationBuilder AddSurvey(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName);
        builder.Services.AddSingleton<FormDefinitionCache>();
        builder.Services.AddHostedService<FormDefinitionCacheLoader>();
        builder.Services.AddSingleton<SurveyStateProtector>();
        builder.Services.AddSingleton<SurveyService>();
        builder.Services.AddSingleton<SurveyRateLimiter>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
