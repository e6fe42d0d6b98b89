using System.Net;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>Runs a test site on Kestrel (a free loopback port) for checks the in-memory server cannot make: real headers on the wire.</summary>
internal static class KestrelSite
{
    /// <summary>Starts <paramref name="factory"/> on Kestrel and returns the address it listens on.</summary>
    public static Uri Start(CmsWebApplicationFactory factory)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Kestrel started but reported no http:// address.");
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>A plain client for <paramref name="address"/> that does not follow redirects.</summary>
    public static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
}
