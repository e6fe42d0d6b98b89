using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using SkiaSharp;

namespace Initiativenberatung.Infrastructure.Media;

/// <summary>What a media file really is: type (checked by magic bytes), size, dimensions, hash.</summary>
public sealed record MediaFileInfo(string Extension, string MimeType, long Bytes, int? Width, int? Height, string Sha256);

/// <summary>
/// Recomputes file metadata from the bytes (never trusted from uploads or uSync files): magic-byte check
/// against the extension, width/height of images (SkiaSharp, header only) and of SVGs (attributes/viewBox).
/// </summary>
public static class MediaFileInspector
{
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.Ordinal)
    {
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["svg"] = "image/svg+xml",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ["txt"] = "text/plain; charset=utf-8",
    };

    public static IReadOnlyCollection<string> AllowedExtensions => MimeTypes.Keys;

    public static string? MimeTypeFor(string extension) => MimeTypes.GetValueOrDefault(extension.TrimStart('.').ToLowerInvariant());

    /// <exception cref="InvalidDataException">The extension is not allowed or the content does not match it (German message).</exception>
    public static MediaFileInfo Inspect(byte[] content, string extension)
    {
        extension = extension.TrimStart('.').ToLowerInvariant();
        if (!MimeTypes.TryGetValue(extension, out var mime))
        {
            throw new InvalidDataException(Messages.Get("Media.ExtensionNotAllowed", extension, string.Join(", ", MimeTypes.Keys.Order(StringComparer.Ordinal))));
        }

        if (!MatchesMagicBytes(content, extension))
        {
            throw new InvalidDataException(Messages.Get("Media.ContentMismatch", extension));
        }

        int? width = null, height = null;
        if (extension is "png" or "jpg" or "jpeg" or "gif" or "webp")
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidDataException(Messages.Get("Media.ImageUnreadable", extension));
            width = codec.Info.Width;
            height = codec.Info.Height;
        }
        else if (extension == "svg")
        {
            (width, height) = SvgSize(content);
        }

        return new MediaFileInfo(extension, mime, content.LongLength, width, height, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public static bool MatchesMagicBytes(ReadOnlySpan<byte> content, string extension) => extension switch
    {
        "pdf" => content.StartsWith("%PDF-"u8),
        "png" => content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        "jpg" or "jpeg" => content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        "gif" => content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8),
        "webp" => content.Length > 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8),
        "docx" or "xlsx" or "pptx" => content.StartsWith("PK\x03\x04"u8),
        "svg" => LooksLikeSvg(content),
        "txt" => !content.Contains((byte)0),
        _ => false,
    };

    private static bool LooksLikeSvg(ReadOnlySpan<byte> content)
    {
        var head = System.Text.Encoding.UTF8.GetString(content[..Math.Min(content.Length, 2048)]);
        return head.Contains("<svg", StringComparison.OrdinalIgnoreCase) && !content.Contains((byte)0);
    }

    private static (int?, int?) SvgSize(byte[] content)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "svg")
                {
                    var w = Number(reader.GetAttribute("width"));
                    var h = Number(reader.GetAttribute("height"));
                    if ((w is null || h is null) && reader.GetAttribute("viewBox") is { } viewBox)
                    {
                        var parts = viewBox.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length == 4)
                        {
                            w ??= Number(parts[2]);
                            h ??= Number(parts[3]);
                        }
                    }

                    return (w, h);
                }
            }
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException(Messages.Get("Media.SvgInvalidXml"), ex);
        }

        throw new InvalidDataException(Messages.Get("Media.SvgNoRoot"));
    }

    private static int? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string(text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? (int)Math.Round(value) : null;
    }
}
