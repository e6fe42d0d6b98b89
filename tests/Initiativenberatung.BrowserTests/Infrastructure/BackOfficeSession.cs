using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.Infrastructure;

/// <summary>Back-office users and sign-in for browser tests: the real login form, submitted with Enter like a keyboard user would.</summary>
public static class BackOfficeSession
{
    /// <summary>Creates the user with one role unless it exists already (fixtures share one site).</summary>
    public static async Task EnsureUserAsync(string email, string password, string role, string? displayName = null)
    {
        await using var scope = BrowserSite.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new BackOfficeUser { UserName = email, Email = email, DisplayName = displayName ?? email, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.That(created.Succeeded, Is.True, string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.That(added.Succeeded, Is.True, string.Join("; ", added.Errors.Select(e => e.Description)));
    }

    /// <summary>Signs in on <c>/umbraco/login</c> and waits until the back office is shown.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/umbraco/login");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        // Wait for the login POST itself, so a rejected sign-in fails with the page's message instead of a bare timeout.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByLabel("Passwort").PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.Contains("/umbraco/login", StringComparison.Ordinal),
            new() { Timeout = 60_000 });
        if (response.Status != 302)
        {
            Assert.Fail($"Sign-in of {email} answered {response.Status}: {await page.Locator("main").InnerTextAsync()}");
        }

        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
    }
}
