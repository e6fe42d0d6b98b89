using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

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

        // No `Server: Kestrel` header: it tells a scanner which server (and so which bugs) to try.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);

        // Behind a TLS-terminating reverse proxy the original scheme comes from X-Forwarded-Proto (Secure cookies and
        // redirects see HTTPS) and the visitor's address from X-Forwarded-For (the rate limits key on it). Both are
        // honoured only from a trusted proxy: loopback always, plus ForwardedHeaders:KnownProxies/KnownNetworks.
        var (proxies, networks) = TrustedProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });

        // Outside Development plain HTTP is redirected to HTTPS (port from `https_port`/`ASPNETCORE_HTTPS_PORTS`, else 443):
        // the cookies are Secure there, and a page with an antiforgery token cannot be served over HTTP.
        builder.Services.AddHttpsRedirection(options =>
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            options.HttpsPort = builder.Configuration.GetValue<int?>("https_port") ?? 443;
        });
        return builder;
    }

    /// <summary>True when <c>AllowedHosts</c> (<c>;</c>-separated) is empty or lists <c>*</c>, i.e. every Host header is accepted.</summary>
    public static bool AllowsAnyHost(string? allowedHosts)
    {
        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length == 0 || hosts.Contains("*", StringComparer.Ordinal);
    }

    /// <summary>Section of the trusted proxies (<c>KnownProxies</c>: addresses, <c>KnownNetworks</c>: CIDR networks).</summary>
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    /// <summary>The configured proxies and networks; a value that is no address or network stops the start with a German message.</summary>
    public static (List<IPAddress> Proxies, List<IPNetwork> Networks) TrustedProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(ForwardedHeadersSection);
        var proxies = new List<IPAddress>();
        foreach (var entry in section.GetSection("KnownProxies").GetChildren())
        {
            proxies.Add(IPAddress.TryParse(entry.Value?.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"{entry.Path} ist keine IP-Adresse: \"{entry.Value}\"."));
        }

        var networks = new List<IPNetwork>();
        foreach (var entry in section.GetSection("KnownNetworks").GetChildren())
        {
            networks.Add(IPNetwork.TryParse(entry.Value?.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"{entry.Path} ist kein Netz in CIDR-Schreibweise (z. B. 10.0.0.0/8): \"{entry.Value}\"."));
        }

        return (proxies, networks);
    }

    /// <summary>True where cookies are Secure and HTTP is redirected: everywhere but Development and the test host.</summary>
    public static bool RequiresHttps(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    /// <summary>Security headers on every answer; HTTPS redirection and HSTS outside Development.</summary>
    public static WebApplication UseCmsSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && AllowsAnyHost(app.Configuration["AllowedHosts"]))
        {
            app.Logger.LogWarning(
                "AllowedHosts erlaubt jeden Host (*): Ein fremder Host-Header erreicht dann Weiterleitungen. Bitte tragen Sie die öffentlichen Namen der Website ein (docs/configuration.md).");
        }

        app.UseForwardedHeaders();
        if (RequiresHttps(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
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
