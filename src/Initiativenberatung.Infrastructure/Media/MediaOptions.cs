using System.ComponentModel.DataAnnotations;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>Section <c>Media</c>: where uploaded and imported media files are stored.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Folder for media files; relative paths are taken from the content root.</summary>
    [Required]
    public string RootPath { get; set; } = "App_Data/media";
}
