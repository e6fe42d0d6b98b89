using System.Globalization;
using Initiativenberatung.Web.BackOffice.Extensions;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice;

public static class BackOfficeRegistration
{
    /// <summary>URL prefix of the back office, as in Umbraco.</summary>
    public const string PathPrefix = "/umbraco";

    /// <summary>
    /// The back office: Razor Pages under <c>BackOffice/Pages</c> answering below <c>/umbraco</c>, section policies,
    /// German texts from resource files, and the client extensions of <c>App_Plugins/</c>.
    /// </summary>
    public static WebApplicationBuilder AddBackOffice(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages(options =>
            {
                options.RootDirectory = "/BackOffice/Pages";
                options.Conventions.Add(new BackOfficeRoutePrefixConvention());
                options.Conventions.AuthorizeFolder("/", BackOfficePolicies.Access);
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(BackOfficeText)));
        builder.Services.AddAuthorization(BackOfficePolicies.Configure);
        builder.Services.AddSingleton(sp =>
        {
            var registry = BackOfficeExtensionRegistry.Load(
                Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "App_Plugins"),
                sp.GetRequiredService<IStringLocalizer<BackOfficeText>>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<BackOfficeExtensionRegistry>();
            foreach (var problem in registry.Problems)
            {
                logger.LogWarning("Erweiterung nicht geladen: {Problem}", problem);
            }

            return registry;
        });
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var supported = new[] { new CultureInfo("de-DE") };
            options.DefaultRequestCulture = new RequestCulture("de-DE");
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
        });
        return builder;
    }

    /// <summary>Serves <c>App_Plugins/</c> at <c>/App_Plugins</c> (Umbraco's path for back-office packages).</summary>
    public static WebApplication UseBackOfficeStaticFiles(this WebApplication app)
    {
        var folder = Path.Combine(app.Environment.ContentRootPath, "App_Plugins");
        Directory.CreateDirectory(folder);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = "/App_Plugins",
        });
        return app;
    }

    public static WebApplication MapBackOffice(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Puts every back-office page below <c>/umbraco</c>.</summary>
    private sealed class BackOfficeRoutePrefixConvention : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors)
            {
                if (selector.AttributeRouteModel is { } route)
                {
                    route.Template = AttributeRouteModel.CombineTemplates(PathPrefix.TrimStart('/'), route.Template ?? "");
                }
            }
        }
    }
}

/// <summary>Marker type for the back office's German texts (<c>Resources/BackOfficeText.resx</c>).</summary>
public sealed class BackOfficeText;
