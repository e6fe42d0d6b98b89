using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// File names for exports: <c>&lt;form-alias&gt;-&lt;yyyy-MM-dd&gt;.&lt;extension&gt;</c>, safe whatever
/// the alias, and the matching <c>Content-Disposition</c> header.
/// </summary>
/// <remarks>
/// The alias keeps letters and digits of any script (NFC-normalized, so "Umfrage Förderung" stays
/// readable as <c>Umfrage-Förderung</c>); every other run of characters — dots, slashes, backslashes,
/// quotes, spaces, control and format characters — becomes one <c>-</c>, leading and trailing dashes
/// are dropped, and the result is cut to <see cref="MaxAliasLength"/> characters. An alias with nothing
/// left becomes <c>formular</c>. The name therefore never contains a path separator, <c>..</c>, a quote
/// or a reserved device name on its own. The ASCII fallback of the header spells umlauts out
/// (ä → ae, ß → ss) and drops other accents.
/// </remarks>
public static class ExportFileName
{
    /// <summary>Longest alias part of a file name.</summary>
    public const int MaxAliasLength = 80;

    private const string FallbackAlias = "formular";

    /// <summary>The file name, e.g. <c>umfrage-kommunen-2025-03-01.csv</c>.</summary>
    public static string For(string? formAlias, DateOnly date, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var cleanExtension = extension.TrimStart('.');
        if (cleanExtension.Length is 0 or > 10 || !cleanExtension.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("Die Dateiendung darf nur aus Buchstaben und Ziffern bestehen.", nameof(extension));
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{SafeAlias(formAlias)}-{date:yyyy-MM-dd}.{cleanExtension.ToLowerInvariant()}");
    }

    /// <summary>
    /// The <c>Content-Disposition</c> value for a download: <c>attachment</c>, <c>filename</c> with an
    /// ASCII fallback and <c>filename*</c> in UTF-8 (RFC 6266 / RFC 5987).
    /// </summary>
    public static string ContentDisposition(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var header = new ContentDispositionHeaderValue("attachment")
        {
            FileName = AsciiFallback(fileName),
            FileNameStar = fileName,
        };
        return header.ToString();
    }

    /// <summary>The ASCII form of a file name: umlauts spelled out, accents dropped, anything else <c>_</c>.</summary>
    public static string AsciiFallback(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Normalize(NormalizationForm.FormC))
        {
            var spelled = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                'Ü' => "Ue",
                'ß' => "ss",
                _ => null,
            };
            if (spelled is not null)
            {
                builder.Append(spelled);
                continue;
            }

            if (char.IsAscii(c) && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                builder.Append(c);
                continue;
            }

            // é → e: the base letter of a decomposed character, when it is ASCII.
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            builder.Append(decomposed.Length > 0 && char.IsAsciiLetterOrDigit(decomposed[0]) ? decomposed[0] : '_');
        }

        return builder.ToString();
    }

    private static string SafeAlias(string? formAlias)
    {
        if (string.IsNullOrWhiteSpace(formAlias))
        {
            return FallbackAlias;
        }

        var builder = new StringBuilder(Math.Min(formAlias.Length, MaxAliasLength));
        var pendingDash = false;
        var text = formAlias.Normalize(NormalizationForm.FormC);
        for (var i = 0; i < text.Length && builder.Length < MaxAliasLength; i++)
        {
            var c = text[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var keep = isPair
                ? char.IsLetterOrDigit(text, i)
                : char.IsLetterOrDigit(c) || c == '_';
            if (!keep)
            {
                pendingDash = builder.Length > 0;
                if (isPair)
                {
                    i++;
                }

                continue;
            }

            var length = isPair ? 2 : 1;
            if (builder.Length + (pendingDash ? 1 : 0) + length > MaxAliasLength)
            {
                break;
            }

            if (pendingDash)
            {
                builder.Append('-');
                pendingDash = false;
            }

            builder.Append(text, i, length);
            i += length - 1;
        }

        return builder.Length == 0 ? FallbackAlias : builder.ToString();
    }
}
