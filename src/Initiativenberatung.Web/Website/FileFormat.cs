using System.Globalization;
using Initiativenberatung.Core.Publishing;

namespace Initiativenberatung.Web.Website;

/// <summary>German descriptions of downloads for link texts, e.g. „PDF, 3,2 KB“.</summary>
public static class FileFormat
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static string Describe(PublishedMedia media)
    {
        var type = (media.Extension ?? "Datei").ToUpperInvariant();
        return media.Bytes is { } bytes ? $"{type}, {Size(bytes)}" : type;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} Byte",
        < 1024 * 1024 => string.Create(German, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(German, $"{bytes / (1024d * 1024d):0.#} MB"),
    };
}
