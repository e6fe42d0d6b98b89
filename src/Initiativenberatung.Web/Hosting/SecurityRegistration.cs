namespace Initiativenberatung.Web.Hosting;

public static class SecurityRegistration
{
    /// <summary>The site's content security policy: own resources only, no plugins, no framing, no base tag.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
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
