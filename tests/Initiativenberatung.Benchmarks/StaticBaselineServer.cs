using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Benchmarks;

/// <summary>
/// <c>static-server --root DIR --urls URL</c>: the P1/P2 baseline, Kestrel (default settings, as the site) with nothing but the
/// static-file middleware serving <c>DIR</c> as wwwroot. Runs until stopped.
/// </summary>
public static class StaticBaselineServer
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var root = Path.GetFullPath(options.Get("root"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = root, WebRootPath = root });
        builder.WebHost.UseUrls(options.Get("urls"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseStaticFiles();
        await app.RunAsync();
        return 0;
    }
}
