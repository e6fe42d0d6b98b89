using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Finds the site root (the folder holding <c>uSync/</c> and <c>wwwroot/</c>): the repository root when run
/// from source, the publish folder when published. It becomes the host's content root.
/// </summary>
public static class SiteRoot
{
    public static string Find(string? start = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "uSync")) && Directory.Exists(Path.Combine(directory.FullName, "wwwroot")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>
    /// appsettings*.json ship with the web project (next to the assembly), while the content root is the site root:
    /// point the JSON sources at the assembly folder, keeping their order so environment and command line still win.
    /// </summary>
    public static void UseAppSettingsFromAssemblyFolder(ConfigurationManager configuration)
    {
        var provider = new PhysicalFileProvider(AppContext.BaseDirectory);
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && json.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = json.Path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = provider,
                };
            }
        }
    }
}
