namespace Initiativenberatung.Infrastructure.Media;

/// <summary>Where media files live (local disk now, Azure Blob later). Paths are store-relative, '/'-separated.</summary>
public interface IMediaFileStore
{
    Task SaveAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading, or <c>null</c> when it does not exist.</summary>
    Stream? OpenRead(string path);

    bool Exists(string path);

    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>Media files on the local disk, under a root folder that nothing outside can escape.</summary>
public sealed class LocalMediaFileStore : IMediaFileStore
{
    private readonly string _root;

    public LocalMediaFileStore(string rootPath)
    {
        _root = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(_root);
    }

    public string RootPath => _root;

    public async Task SaveAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(target, cancellationToken);
        }

        File.Move(temp, full, overwrite: true);
    }

    public Stream? OpenRead(string path)
    {
        var full = Resolve(path);
        return File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public bool Exists(string path) => File.Exists(Resolve(path));

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Resolve(path);
        if (File.Exists(full))
        {
            File.Delete(full);
        }

        return Task.CompletedTask;
    }

    /// <summary>Maps a store path to a full path; refuses anything that would leave the root.</summary>
    public string Resolve(string path)
    {
        if (!MediaPaths.IsSafeRelativePath(path))
        {
            throw new ArgumentException(Messages.Get("Media.InvalidStorePath", path), nameof(path));
        }

        var full = Path.GetFullPath(Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException(Messages.Get("Media.InvalidStorePath", path), nameof(path));
        }

        return full;
    }
}

/// <summary>Rules for store paths: generated folder + safe file name, no traversal, no absolute paths.</summary>
public static class MediaPaths
{
    public static bool IsSafeRelativePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 400 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal)
            || path.Contains(':', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        return path.Split('/').All(s => s.Length > 0 && s != "." && s != ".." && !s.StartsWith('.'));
    }

    /// <summary>
    /// Checks the name of an uploaded file: a plain file name only. Names with folders (<c>../</c>, <c>..\</c>,
    /// <c>/</c>, <c>\</c>), a drive letter, NUL or other control characters are refused (German message), never "fixed".
    /// </summary>
    public static string? UploadNameProblem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Messages.Get("Media.NoFile");
        }

        var hasDrive = fileName.Length >= 2 && char.IsAsciiLetter(fileName[0]) && fileName[1] == ':';
        var trimmed = fileName.Trim();
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || hasDrive
            || fileName.Contains(':', StringComparison.Ordinal) || fileName.Any(char.IsControl) || trimmed is "." or ".."
            || fileName.Length > 255)
        {
            var shown = new string(fileName.Select(c => char.IsControl(c) ? '?' : c).Take(120).ToArray());
            return Messages.Get("Media.InvalidFileName", shown);
        }

        return null;
    }

    /// <summary>A new store path for an upload: a generated folder of 8 hex characters and the safe file name — never the user's path.</summary>
    public static string NewStorePath(string fileName) =>
        Guid.NewGuid().ToString("N")[..8] + "/" + SafeFileName(fileName);

    /// <summary>The generated folder of a store path (its first segment), which belongs to one media item for its whole life.</summary>
    public static string Folder(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>
    /// Where the replacement file of an item goes: the same path when the extension stays (the public URL does not change),
    /// else the same folder and file stem with the new extension (<c>a1b2c3d4/bild.png</c> → <c>a1b2c3d4/bild.jpg</c>).
    /// </summary>
    public static string ReplacementPath(string currentPath, string newExtension)
    {
        var extension = newExtension.TrimStart('.').ToLowerInvariant();
        var current = Path.GetExtension(currentPath).TrimStart('.');
        if (string.Equals(current, extension, StringComparison.OrdinalIgnoreCase))
        {
            return currentPath;
        }

        var stem = currentPath[..(currentPath.Length - Path.GetExtension(currentPath).Length)];
        return stem + "." + extension;
    }

    /// <summary>A safe file name from whatever a user sent: no folders, lower-case, URL-friendly, extension kept.</summary>
    public static string SafeFileName(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(name).ToLowerInvariant().TrimStart('.');
        var stem = Core.Content.UrlSegments.Create(Path.GetFileNameWithoutExtension(name));
        if (stem.Length == 0)
        {
            stem = "datei";
        }

        if (stem.Length > 80)
        {
            stem = stem[..80].TrimEnd('-');
        }

        extension = new string(extension.Where(char.IsAsciiLetterOrDigit).ToArray());
        return extension.Length == 0 ? stem : stem + "." + extension;
    }
}
