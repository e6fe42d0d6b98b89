namespace Initiativenberatung.Testing;

/// <summary>Locates the repository root (the folder with <c>Initiativenberatung.sln</c>, <c>uSync/</c> and <c>wwwroot/</c>) from a test's output folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Initiativenberatung.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"Repository root (folder with Initiativenberatung.sln) not found above '{AppContext.BaseDirectory}'.");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The site's own uSync folder.</summary>
    public static string SeedFolder => Path.Combine(Root, "uSync", "v17");
}
