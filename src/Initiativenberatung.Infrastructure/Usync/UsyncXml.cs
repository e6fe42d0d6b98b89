using Initiativenberatung.Core.Serialization;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>
/// Byte-exact writing helpers for uSync files: UTF-8 without BOM, <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;</c>,
/// 2-space indent, LF line ends, final newline; canonical JSON (sorted keys, indented) for configs.
/// </summary>
public static class UsyncXml
{
    public const string DateFormat = "yyyy-MM-ddTHH:mm:ss";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] ToBytes(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = Utf8NoBom,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            OmitXmlDeclaration = false,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Parses a uSync file; throws <see cref="XmlException"/> for malformed XML.</summary>
    public static XElement Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader).Root ?? throw new XmlException(Messages.Get("Usync.NoRootElement"));
    }

    public static string Guid(Guid key) => key.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>uSync's spelling for AllowAtRoot, IsListView, PreventCleanup: <c>True</c>/<c>False</c>.</summary>
    public static string PascalBool(bool value) => value ? "True" : "False";

    /// <summary>uSync's spelling for IsElement, Mandatory, LabelOnTop, Trashed: <c>true</c>/<c>false</c>.</summary>
    public static string LowerBool(bool value) => value ? "true" : "false";

    public static bool ParseBool(string? text) =>
        text is not null && (text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || text.Trim() == "1");

    public static string Date(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseDate(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? DateTime.SpecifyKind(new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc)
            : DateTime.UnixEpoch;

    public static Guid ParseGuid(string? text) => System.Guid.TryParse(text?.Trim(), out var key) ? key : System.Guid.Empty;

    public static int ParseInt(string? text, int fallback = 0) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>JSON object with keys sorted (ordinal, recursively), indented by two spaces; empty input gives <c>{}</c>.</summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static string CanonicalJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        return SortedJson.Write(JsonNode.Parse(json));
    }


    /// <summary>A deterministic GUID from a base key and a text (name-based, SHA-256 truncated, version 5 bits set).</summary>
    public static Guid DeriveKey(Guid baseKey, string text)
    {
        var input = Encoding.UTF8.GetBytes(baseKey.ToString("N") + "/" + text);
        var hash = SHA256.HashData(input);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>An alias from a caption as Umbraco makes it: camelCase, letters and digits only.</summary>
    public static string SafeAlias(string caption)
    {
        var words = Core.Content.UrlSegments.Create(caption).Split('-', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            builder.Append(builder.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]);
        }

        return builder.Length == 0 ? "group" : builder.ToString();
    }

    /// <summary>Data type file name: the name without spaces and without characters illegal in file names.</summary>
    public static string DataTypeFileName(string name)
    {
        var invalid = new HashSet<char>(Path.GetInvalidFileNameChars()) { '<', '>', ':', '"', '/', '\\', '|', '?', '*' };
        var cleaned = new string(name.Where(c => !char.IsWhiteSpace(c) && !invalid.Contains(c) && !char.IsControl(c)).ToArray());
        return cleaned.Length == 0 ? "datatype" : cleaned;
    }
}
