using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.BrowserTests.Infrastructure;

/// <summary>
/// The real site on Kestrel on a free loopback port (not the in-memory TestServer, so a real browser can reach it),
/// with its own SQLite database and media folder in <paramref name="dataDirectory"/>.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    // Every test site watches its configuration files; with inotify that is one instance per watcher, and the user limit
    // (128 by default) runs out when test runs overlap. Polling watchers need none.
    static SiteFactory() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    private readonly string _contentRoot;
    private readonly string _dataDirectory;

    public SiteFactory(string contentRoot, string dataDirectory)
    {
        _contentRoot = contentRoot;
        _dataDirectory = dataDirectory;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DatabasePath => Path.Combine(_dataDirectory, "site.db");

    public string MediaRoot => Path.Combine(_dataDirectory, "media");

    /// <summary>A copy of the seed uSync folder: Development exports schema changes on save, never into the repository.</summary>
    public string UsyncRoot => Path.Combine(_dataDirectory, "uSync", "v17");

    /// <summary>Starts Kestrel and returns the address it actually listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Kestrel started but reported no http:// address.");
        return new Uri(address.TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Program.cs takes the repository root as content root (SiteRoot.Find()); both must agree.
        builder.UseContentRoot(_contentRoot);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Media:RootPath", MediaRoot);
        CopyDirectory(Path.Combine(_contentRoot, "uSync", "v17"), UsyncRoot);
        builder.UseSetting("uSync:Settings:RootFolder", UsyncRoot);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name is not ("usync.once" or "usync.stop"))
            {
                File.Copy(file, Path.Combine(target, name), overwrite: true);
            }
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
