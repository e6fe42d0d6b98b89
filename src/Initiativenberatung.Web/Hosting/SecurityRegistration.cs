namespace Initiativenberatung.Web.Hosting;

public static class SecurityRegistration
{
    /// <summary>The site's content security policy: own resources only, no plugins, no framing, no base tag.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The back office's policy (paths below <c>/umbraco</c>): the site's policy plus <c>style-src-attr 'unsafe-inline'</c>.
    /// The Umbraco UI Library's Lit templates bind <c>style="…"</c> attributes inside their shadow DOM (uui-button's
    /// label, uui-box, progress and loader bars), which a plain <c>style-src 'self'</c> blocks. Only style
    /// <em>attributes</em> are allowed: <c>&lt;style&gt;</c> elements, scripts and everything else stay as strict as on
    /// the public site (style attributes cannot run script or read the page with CSS selectors).
    /// </summary>
    public const string BackOfficeContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddCmsSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>Security headers on every answer; HSTS outside Development.</summary>
    public static WebApplication UseCmsSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.TryAdd("Content-Security-Policy", context.Request.Path.StartsWithSegments("/umbraco", StringComparison.OrdinalIgnoreCase)
                    ? BackOfficeContentSecurityPolicy
                    : ContentSecurityPolicy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                return Task.CompletedTask;
            });
            await next(context);
        });
        return app;
    }
}
