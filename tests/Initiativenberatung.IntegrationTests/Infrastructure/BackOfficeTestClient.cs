using System.Net;
using System.Text.RegularExpressions;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Infrastructure;

/// <summary>Back-office helpers for integration tests: create users, sign in through the real login form, post forms with their antiforgery token.</summary>
public static partial class BackOfficeTestClient
{
    public const string Password = "Kooperation-2026-Test!";

    /// <summary>Creates a back-office user with one role (password policy applies).</summary>
    public static async Task<BackOfficeUser> CreateUserAsync(this CmsWebApplicationFactory factory, string email, string role, string password = Password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = new BackOfficeUser { UserName = email, Email = email, DisplayName = email, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.That(created.Succeeded, Is.True, string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.That(added.Succeeded, Is.True, string.Join("; ", added.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A client with its own cookie jar, signed in through <c>/umbraco/login</c>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this CmsWebApplicationFactory factory, string email, string password = Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await client.PostFormAsync("/umbraco/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "login should redirect");
        return client;
    }

    /// <summary>GETs the page at <paramref name="path"/>, takes its antiforgery token and POSTs the fields to it (or to <paramref name="action"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IDictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = AntiforgeryToken(page) ?? throw new AssertionException($"No antiforgery token on {path}.");
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action ?? path, UriKind.Relative), content);
    }

    public static string? AntiforgeryToken(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
