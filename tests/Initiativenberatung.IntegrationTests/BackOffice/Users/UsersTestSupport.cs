using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>Helpers for the users tests that also work on factory variants (<c>WithWebHostBuilder</c>).</summary>
internal static partial class UsersTestSupport
{
    public static async Task<BackOfficeUser> AddUserAsync(this WebApplicationFactory<Program> factory, string email, string role, string password = BackOfficeTestClient.Password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = new BackOfficeUser { UserName = email, Email = email, DisplayName = email, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.That(created.Succeeded, Is.True, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.That((await users.AddToRoleAsync(user, role)).Succeeded, Is.True);
        return user;
    }

    public static async Task<string[]> RolesOfAsync(this WebApplicationFactory<Program> factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new AssertionException($"{email} not found");
        return [.. await users.GetRolesAsync(user)];
    }

    public static async Task<BackOfficeUser?> FindUserAsync(this WebApplicationFactory<Program> factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().FindByEmailAsync(email);
    }

    public static HttpClient NewClient(this WebApplicationFactory<Program> factory, Uri? baseAddress = null) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress ?? new Uri("http://localhost") });

    /// <summary>Posts the login form; returns the answer (302 on success).</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password, string? returnUrl = null) =>
        client.PostFormAsync(
            returnUrl is null ? "/umbraco/login" : "/umbraco/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>Signs in with a fresh client and also returns the raw sign-in cookie (to replay it from another client).</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignInWithCookieAsync(this WebApplicationFactory<Program> factory, string email, string password = BackOfficeTestClient.Password)
    {
        var client = factory.NewClient();
        using var response = await client.PostLoginAsync(email, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "login should redirect");
        return (client, SignInCookie(response) ?? throw new AssertionException("no sign-in cookie"));
    }

    /// <summary>The <c>name=value</c> of the sign-in cookie set by a response.</summary>
    public static string? SignInCookie(HttpResponseMessage response) =>
        SetCookie(response, UsersRegistration.CookieName)?.Split(';')[0];

    public static string? SetCookie(HttpResponseMessage response, string namePrefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(namePrefix, StringComparison.Ordinal) && !v.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal))
            : null;

    /// <summary>GET with a replayed cookie from a client without its own cookie jar.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(this WebApplicationFactory<Program> factory, string path, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public static bool IsRedirectToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/umbraco/login", StringComparison.Ordinal) == true;

    public static string UserIdFromEditLink(string html, string email)
    {
        var match = Regex.Match(html, "href=\"/umbraco/users/([^\"?]+)\">" + Regex.Escape(email) + "<");
        return match.Success ? match.Groups[1].Value : throw new AssertionException($"no edit link for {email}");
    }
}

/// <summary>Collects every log message (to read the setup link or prove a password is never logged).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
