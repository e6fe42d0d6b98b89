using Initiativenberatung.Web.Hosting;
using Initiativenberatung.Infrastructure.Publishing;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Initiativenberatung.Web.Website;

public static class WebsiteRegistration
{
    public const string CachePolicy = "PublishedContent";
    public const string CacheTag = "published-content";

    /// <summary>Public pages rendered with Razor from the published snapshot, cached until the next publish (<c>Website:OutputCache:Enabled</c>).</summary>
    public static WebApplicationBuilder AddPublicWebsite(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews();

        // German text stays readable in the HTML (ü, not &#xFC;); markup characters are still encoded.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOptions<WebsiteOutputCacheOptions>().BindConfiguration(WebsiteOutputCacheOptions.SectionName).ValidateOnStart();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<WebsiteOutputCacheOptions>>((options, website) =>
            options.AddPolicy(CachePolicy, policy =>
            {
                if (website.Value.Enabled)
                {
                    policy.Tag(CacheTag).Expire(TimeSpan.FromHours(1));
                }
                else
                {
                    policy.NoCache();
                }
            }));
        return builder;
    }

    /// <summary>German error pages: exceptions (outside Development) and empty 4xx/5xx answers re-executed at <c>/fehler/{code}</c>.</summary>
    public static WebApplication UseCmsErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fehler/500");
        }

        app.UseStatusCodePagesWithReExecute("/fehler/{0}");
        return app;
    }

    /// <summary>The public pages: error route and the catch-all that renders published documents by URL.</summary>
    public static WebApplication MapPublicWebsite(this WebApplication app)
    {
        app.MapControllerRoute("error", "fehler/{code:int}", new { controller = "Render", action = "Error" });
        app.MapFallbackToController("Index", "Render");
        return app;
    }
}

