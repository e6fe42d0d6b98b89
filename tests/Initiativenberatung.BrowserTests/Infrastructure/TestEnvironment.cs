namespace Initiativenberatung.BrowserTests.Infrastructure;

/// <summary>Where the browser tests find the repository, axe-core and Chromium.</summary>
public static class TestEnvironment
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>The folder holding <c>Initiativenberatung.sln</c>, <c>uSync/</c> and <c>wwwroot/</c>: the site's content root.</summary>
    public static string RepositoryRoot => Initiativenberatung.Testing.RepositoryPaths.Root;

    public static string AxeScriptPath => Path.Combine(RepositoryRoot, "node_modules", "axe-core", "axe.min.js");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultChromiumPath;

    /// <summary>Chromium flags for a closed network and a root user in a container.</summary>
    public static IReadOnlyList<string> ChromiumArgs { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static string RequireChromium()
    {
        var path = ChromiumPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{path}'. Install Debian's chromium ('apt-get install -y --no-install-recommends chromium') " +
                "or point the environment variable CHROMIUM_PATH at a Chromium/Chrome binary. The browser tests never download a browser.");
        }

        return path;
    }

    public static string RequireAxeScript()
    {
        var path = AxeScriptPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"axe-core not found at '{path}'. Run 'npm ci' in '{RepositoryRoot}' (package.json pins axe-core); " +
                "building the browser test project does this automatically when npm is on PATH.");
        }

        return path;
    }
}
