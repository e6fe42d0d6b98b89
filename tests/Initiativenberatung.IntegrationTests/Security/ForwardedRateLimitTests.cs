using System.Net;
using Initiativenberatung.IntegrationTests.BackOffice.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Rate limits behind a reverse proxy: every visitor arrives from the proxy's address, so the limits must key on the
/// client address the proxy forwards (X-Forwarded-For), and only a trusted proxy may set it. The connection address of
/// each request is set by the test (the test server has none), to the loopback proxy unless a test header says otherwise.
/// </summary>
[TestFixture]
public sealed class ForwardedRateLimitTests
{
    private const string ConnectionHeader = "X-Test-Connection-Address";
    private const string ConfiguredProxy = "10.20.30.40";

    private CmsWebApplicationFactory _factory = null!;
    private WebApplicationFactory<Program> _site = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.Settings["Forms:Survey:RateLimitPermits"] = "2";
        _factory.Settings["Forms:Survey:RateLimitWindowSeconds"] = "3600";
        _factory.Settings["BackOffice:Login:FailedAttemptsPerMinute"] = "2";
        _factory.Settings["ForwardedHeaders:KnownProxies:0"] = ConfiguredProxy;
        _factory.Settings["Forms:DeliveryApi:Enabled"] = "true";
        _site = _factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ConnectionAddressFilter>()));
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _site.Dispose();
        _factory.Dispose();
    }

    // The survey and the Forms API share one budget per visitor: each case has visitors of its own.
    [TestCase("/formulare/absenden", "198.51.100.1", "198.51.100.2")]
    [TestCase(FormsDeliveryApiEndpoints.RoutePrefix + "/entries/2f4e8d3c-0000-4000-8000-000000000001", "198.51.100.3", "198.51.100.4")]
    public async Task Keeps_a_budget_per_visitor_When_many_visitors_post_through_the_loopback_proxy(string path, string visitor, string otherVisitor)
    {
        var first = await PostManyAsync(path, 3, connection: null, _ => visitor);
        var second = await PostManyAsync(path, 1, connection: null, _ => otherVisitor);

        Assert.Multiple(() =>
        {
            Assert.That(first[..2], Has.None.EqualTo(HttpStatusCode.TooManyRequests), "the first visitor's own budget");
            Assert.That(first[2], Is.EqualTo(HttpStatusCode.TooManyRequests), "the first visitor used up the budget");
            Assert.That(second[0], Is.Not.EqualTo(HttpStatusCode.TooManyRequests), "another visitor behind the same proxy is not limited");
        });
    }

    [Test]
    public async Task Keeps_a_budget_per_visitor_When_the_proxy_is_a_configured_known_proxy()
    {
        var first = await PostManyAsync("/formulare/absenden", 3, ConfiguredProxy, _ => "198.51.100.11");
        var second = await PostManyAsync("/formulare/absenden", 1, ConfiguredProxy, _ => "198.51.100.12");

        Assert.That(first[2], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(second[0], Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Ignores_the_forwarded_address_When_the_sender_is_not_a_trusted_proxy()
    {
        // A caller on the internet cannot buy a fresh budget per request by inventing X-Forwarded-For.
        var answers = await PostManyAsync("/formulare/absenden", 3, "203.0.113.7", i => $"192.0.2.{i + 1}");

        Assert.That(answers[2], Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Limits_failed_sign_ins_per_visitor_When_they_come_through_the_loopback_proxy()
    {
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await FailedSignInAsync("198.51.100.21"));
        }

        var second = await FailedSignInAsync("198.51.100.22");

        Assert.Multiple(() =>
        {
            Assert.That(first[2], Is.EqualTo(HttpStatusCode.TooManyRequests), "the first visitor used up the failed attempts");
            Assert.That(second, Is.EqualTo(HttpStatusCode.OK), "another visitor behind the same proxy may still sign in");
        });
    }

    private async Task<HttpStatusCode> FailedSignInAsync(string forwardedFor)
    {
        using var client = _site.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.PostLoginAsync($"niemand-{Guid.NewGuid():N}@example.org", "falsches-Passwort-1");
        return response.StatusCode;
    }

    private async Task<HttpStatusCode[]> PostManyAsync(string path, int count, string? connection, Func<int, string> forwardedFor)
    {
        using var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answers = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            if (connection is not null)
            {
                request.Headers.Add(ConnectionHeader, connection);
            }

            using var response = await client.SendAsync(request);
            answers[i] = response.StatusCode;
        }

        return answers;
    }

    /// <summary>Gives each request the connection address a real server would see: the proxy's (loopback unless the test says otherwise).</summary>
    private sealed class ConnectionAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(ConnectionHeader, out var address)
                    ? IPAddress.Parse(address.ToString())
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
