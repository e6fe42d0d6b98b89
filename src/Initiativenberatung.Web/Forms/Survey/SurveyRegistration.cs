using Initiativenberatung.Infrastructure.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Initiativenberatung.Web.Forms.Survey;

public static class SurveyRegistration
{
    /// <summary>The public survey: form definitions cached in memory, signed form state, rate limiter (<c>Forms:Survey</c>).</summary>
    public static WebApplicationBuilder AddSurvey(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName);
        builder.Services.AddSingleton<FormDefinitionCache>();
        builder.Services.AddSingleton<SurveyStateProtector>();
        builder.Services.AddSingleton<SurveyService>();
        builder.Services.AddSingleton<SurveyRateLimiter>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Html.AntiForgeryToken() would add X-Frame-Options: SAMEORIGIN first and so win over the site's DENY
        // (SecurityRegistration adds DENY and CSP frame-ancestors 'none' to every answer anyway).
        builder.Services.Configure<AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);
        return builder;
    }
}
