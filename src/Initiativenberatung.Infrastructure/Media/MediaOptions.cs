using System.ComponentModel.DataAnnotations;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>Section <c>Media</c>: where uploaded and imported media files are stored, and how large uploads may be.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    public const long DefaultMaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>Files one upload form may carry at once (the drag-and-drop upload sends one file per request).</summary>
    public const int MaxFilesPerRequest = 10;

    /// <summary>Folder for media files; relative paths are taken from the content root.</summary>
    [Required]
    public string RootPath { get; set; } = "App_Data/media";

    /// <summary>Largest file an editor may upload, in bytes (default 20 MB). Checked on the server for every file.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024, ErrorMessage = "Media:MaxUploadBytes muss zwischen 1 KB und 2 GB liegen.")]
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>Largest request body of an upload endpoint: all files of one form plus room for the form fields.</summary>
    public long MaxRequestBytes => (MaxUploadBytes * MaxFilesPerRequest) + (64 * 1024);
}
