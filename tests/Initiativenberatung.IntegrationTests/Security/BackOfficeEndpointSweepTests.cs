using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Enumerates every endpoint of the running app below <c>/umbraco</c> (Razor Pages and minimal APIs) and proves that each one
/// checks its permission (anonymous → login, a signed-in user whose role lacks the policy → 403) and that no state-changing
/// request is accepted without an antiforgery token.
/// </summary>
[TestFixture]
public sealed class BackOfficeEndpointSweepTests
{
    private const string Prefix = "umbraco";

    /// <summary>The only back-office pages a visitor may open without signing in (the error page also shows a failed sign-in post).</summary>
    private static readonly string[] AnonymousPages = ["umbraco/login", "umbraco/install", "umbraco/access-denied", "umbraco/fehler/{code:int}"];

    /// <summary>Public APIs that live below <c>/umbraco</c> as in Umbraco; they have their own tests (API key, preview, CORS).</summary>
    private static readonly string[] PublicApis = ["umbraco/delivery/", "umbraco/forms/delivery/", "umbraco/openapi/", "umbraco/api-docs", "umbraco/swagger", "umbraco/scalar"];

    /// <summary>
    /// Who may use each section, written down here independently of the code (longest prefix wins), so a page that loses its
    /// policy attribute is caught: the 403 sweep expects these roles, not the ones the endpoint happens to declare.
    /// </summary>
    private static readonly (string Prefix, string[] Roles)[] Sections =
    [
        ("umbraco/content", [BackOfficeRoles.Administrator, BackOfficeRoles.Editor]),
        ("umbraco/preview", [BackOfficeRoles.Administrator, BackOfficeRoles.Editor]),
        ("umbraco/media", [BackOfficeRoles.Administrator, BackOfficeRoles.Editor]),
        ("umbraco/forms/builder", [BackOfficeRoles.Administrator, BackOfficeRoles.Editor]),
        ("umbraco/forms", [BackOfficeRoles.Administrator, BackOfficeRoles.Staff]),
        ("umbraco/forms/{key:guid}/delete", [BackOfficeRoles.Administrator]), // deleting a whole form
        ("umbraco/settings", [BackOfficeRoles.Administrator]),
        ("umbraco/users", [BackOfficeRoles.Administrator]),
        ("umbraco/account", [.. BackOfficeRoles.All]),
        ("umbraco/logout", [.. BackOfficeRoles.All]),
        ("umbraco", [.. BackOfficeRoles.All]),
    ];

    private static readonly string[] StateChangingMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    private CmsWebApplicationFactory _factory = null!;
    private IReadOnlyList<SweptEndpoint> _endpoints = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        foreach (var role in BackOfficeRoles.All)
        {
            await _factory.CreateUserAsync(EmailOf(role), role);
        }

        _endpoints = await BackOfficeEndpointsAsync(_factory.Services);
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public void Finds_every_section_and_the_export_When_the_endpoints_are_enumerated()
    {
        var routes = _endpoints.Select(e => e.Route).ToList();

        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(30), string.Join(", ", routes));
        Assert.That(routes, Does.Contain("umbraco/forms/{key:guid}/export")
            .And.Some.StartsWith("umbraco/content").And.Some.StartsWith("umbraco/media").And.Some.StartsWith("umbraco/settings")
            .And.Some.StartsWith("umbraco/users").And.Some.StartsWith("umbraco/forms/builder").And.Some.StartsWith("umbraco/forms"));
    }

    [Test]
    public void Requires_a_signed_in_back_office_role_When_an_endpoint_is_not_one_of_the_anonymous_pages()
    {
        var anonymous = _endpoints.Where(e => e.AllowedRoles is null).Select(e => e.Route).ToList();
        var withoutRole = _endpoints.Where(e => e.AllowedRoles is { Count: 0 }).Select(e => e.Route).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(anonymous, Is.SubsetOf(AnonymousPages), "endpoints open to anonymous callers");
            Assert.That(withoutRole, Is.Empty, "endpoints that only require authentication, not a back-office role");
        });
    }

    [Test]
    public void Declares_the_policy_of_its_section_When_an_endpoint_is_protected()
    {
        var mismatches = _endpoints.Where(e => e.AllowedRoles is not null)
            .Where(e => !e.AllowedRoles!.Order().SequenceEqual(ExpectedRoles(e.Route).Order()))
            .Select(e => $"{e.Route}: declares [{string.Join(", ", e.AllowedRoles!)}], section is [{string.Join(", ", ExpectedRoles(e.Route))}]")
            .ToList();

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public async Task Redirects_to_the_login_When_an_anonymous_caller_requests_any_protected_endpoint()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => e.AllowedRoles is not null))
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), endpoint.Url));
                var toLogin = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.ToString().Contains("/umbraco/login", StringComparison.Ordinal) == true;
                if (!toLogin && response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {endpoint.Url} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCase(BackOfficeRoles.Editor)]
    [TestCase(BackOfficeRoles.Staff)]
    public async Task Answers_403_When_a_signed_in_user_requests_an_endpoint_the_role_lacks_the_permission_for(string role)
    {
        using var client = await _factory.SignedInClientAsync(EmailOf(role));
        var forbidden = _endpoints.Where(e => e.AllowedRoles is not null && !ExpectedRoles(e.Route).Contains(role)).ToList();
        var failures = new List<string>();
        foreach (var endpoint in forbidden)
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), endpoint.Url));
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {endpoint.Url} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(forbidden, Is.Not.Empty, $"{role} lacks some permission");
            Assert.That(failures, Is.Empty);
        });
    }

    [Test]
    public async Task Rejects_with_400_When_a_signed_in_administrator_sends_a_state_changing_request_without_antiforgery_token()
    {
        using var admin = await _factory.SignedInClientAsync(EmailOf(BackOfficeRoles.Administrator));
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var failures = new List<string>();
        var checkedRequests = 0;
        foreach (var endpoint in _endpoints)
        {
            var client = endpoint.AllowedRoles is null ? anonymous : admin;
            foreach (var method in endpoint.Methods.Where(m => StateChangingMethods.Contains(m)))
            {
                checkedRequests++;
                using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "ohne Token" });
                using var request = new HttpRequestMessage(new HttpMethod(method), endpoint.Url) { Content = content };
                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"{method} {endpoint.Url} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(checkedRequests, Is.GreaterThanOrEqualTo(20));
            Assert.That(failures, Is.Empty);
        });
    }

    private static string[] ExpectedRoles(string route) =>
        Sections.Where(s => route.Equals(s.Prefix, StringComparison.OrdinalIgnoreCase) || route.StartsWith(s.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(s => s.Prefix.Length).Roles ?? [];

    private static string EmailOf(string role) => $"sweep-{role.ToLowerInvariant()}@example.org";

    /// <summary>Every route endpoint below <c>/umbraco</c>, with a concrete address, its methods and the roles its policies allow (null = anonymous).</summary>
    private static async Task<IReadOnlyList<SweptEndpoint>> BackOfficeEndpointsAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var result = new List<SweptEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (!raw.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || (raw.Length > Prefix.Length && raw[Prefix.Length] != '/'))
            {
                continue;
            }

            if (PublicApis.Any(api => raw.StartsWith(api, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared.Where(m => m != HttpMethods.Head && m != HttpMethods.Options).ToArray()
                : isPage ? [HttpMethods.Get, HttpMethods.Post] : [HttpMethods.Get];
            result.Add(new SweptEndpoint(raw, Url(endpoint.RoutePattern), methods, await AllowedRolesAsync(endpoint, policies)));
        }

        return result;
    }

    private static async Task<IReadOnlyCollection<string>?> AllowedRolesAsync(Endpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is null)
        {
            return null;
        }

        IEnumerable<string> roles = BackOfficeRoles.All;
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
        {
            roles = roles.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        }

        return policy.Requirements.OfType<RolesAuthorizationRequirement>().Any() ? roles.ToList() : [];
    }

    /// <summary>A concrete address for the pattern: a fresh GUID for guid parameters, 1 for int parameters, "x" otherwise.</summary>
    private static Uri Url(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => "",
        })));
        return new Uri("/" + string.Join('/', segments.Where(s => s.Length > 0)), UriKind.Relative);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? p.ParameterPolicy?.GetType().Name ?? "").ToList();
        if (constraints.FirstOrDefault(c => c.StartsWith("regex(", StringComparison.OrdinalIgnoreCase)) is { } regex)
        {
            // the first alternative of "regex(^(a|b|c)$)"
            return regex[(regex.IndexOf('(', 6) + 1)..].Split('|', ')')[0];
        }

        if (constraints.Any(c => c.Contains("guid", StringComparison.OrdinalIgnoreCase)))
        {
            return Guid.NewGuid().ToString();
        }

        return constraints.Any(c => c.Contains("int", StringComparison.OrdinalIgnoreCase) || c.Contains("long", StringComparison.OrdinalIgnoreCase)) ? "1" : "x";
    }

    private sealed record SweptEndpoint(string Route, Uri Url, string[] Methods, IReadOnlyCollection<string>? AllowedRoles)
    {
        public override string ToString() => Route;
    }
}
