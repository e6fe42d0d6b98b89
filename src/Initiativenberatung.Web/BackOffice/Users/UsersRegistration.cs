using Initiativenberatung.Web.Hosting;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Initiativenberatung.Web.Cli;

namespace Initiativenberatung.Web.BackOffice.Users;

public static class UsersRegistration
{
    public const string CookieName = "IB.BackOffice";

    /// <summary>
    /// Back-office sign-in with ASP.NET Core Identity on our database: password policy, lockout, a cookie limited
    /// to <c>/umbraco</c> that is checked against the security stamp on every request (logout and password change
    /// end sessions server-side), and data-protection keys in the database (shared by all nodes).
    /// </summary>
    public static WebApplicationBuilder AddBackOfficeUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("Initiativenberatung").PersistKeysToDbContext<CmsDbContext>()
            .ProtectKeysWithConfiguredCertificate(builder.Configuration);
        builder.Services.AddIdentity<BackOfficeUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;

                // The user name is the e-mail address, checked by UserAdministration; no extra character list.
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CmsDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<GermanIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<RepetitionPasswordValidator>();

        var secureCookies = SecurityRegistration.RequiresHttps(builder.Environment)
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;

        // The antiforgery cookie (back office and public forms) gets the same flags as the sign-in cookie.
        builder.Services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;

            // Framing is forbidden by our own headers (X-Frame-Options: DENY, frame-ancestors 'none'); antiforgery's
            // default SAMEORIGIN would be sent first and win.
            options.SuppressXFrameOptionsHeader = true;
        });

        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = BackOfficeRegistration.PathPrefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;
            options.LoginPath = BackOfficeRegistration.PathPrefix + "/login";
            options.LogoutPath = BackOfficeRegistration.PathPrefix + "/logout";
            options.AccessDeniedPath = BackOfficeRegistration.PathPrefix + "/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // Keep Identity's events (OnValidatePrincipal = the security stamp check); replacing the object would drop it
            // and a copied cookie would outlive logout and password change.
            options.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;

            // The login page redirects itself (BackOfficeReturnUrl: local paths below /umbraco, non-ASCII percent-encoded).
            // The cookie handler's own redirect to the raw ?ReturnUrl= on sign-in would put unencoded characters such as
            // "ä" into the Location header, which the server refuses (500 and no sign-in).
            options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;

            // A signed-in user without the right gets a real 403 (German page via status code pages), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddScoped<IStartupStep, RoleSeedingStep>();
        builder.Services.AddScoped<BackOfficeSignInService>();
        builder.Services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LoginThrottle>();

        // Users section, own account, first administrator (from configuration or the one-time setup link), CLI verbs.
        builder.Services.AddScoped<UnitUserManagers>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddOptions<SetupOptions>().BindConfiguration(SetupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SetupOptions>, SetupOptionsValidator>();
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddScoped<FirstAdministrator>();
        builder.Services.AddScoped<IStartupStep, FirstAdministratorStep>();
        builder.Services.AddSingleton<ICliCommand, UsersAddCommand>();
        builder.Services.AddSingleton<ICliCommand, UsersListCommand>();
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Users", BackOfficePolicies.Users);
            options.Conventions.AllowAnonymousToFolder("/Install");
        });
        return builder;
    }
}

/// <summary>Creates the back-office roles at start when they are missing.</summary>
internal sealed class RoleSeedingStep(RoleManager<IdentityRole> roles) : IStartupStep
{
    public int Order => -100;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        foreach (var role in BackOfficeRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
