using System.Globalization;
using System.Text;

namespace Initiativenberatung.Core.Content;

/// <summary>Makes URL segments from names the way German editors expect (ä → ae, ß → ss).</summary>
public static class UrlSegments
{
    public static string Create(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Trim().ToLowerInvariant())
        {
            switch (ch)
            {
                case 'ä': builder.Append("ae"); break;
                case 'ö': builder.Append("oe"); break;
                case 'ü': builder.Append("ue"); break;
                case 'ß': builder.Append("ss"); break;
                default:
                    var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
                    foreach (var c in decomposed)
                    {
                        if (char.IsAsciiLetterOrDigit(c))
                        {
                            builder.Append(c);
                        }
                        else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark
                                 && builder.Length > 0 && builder[^1] != '-')
                        {
                            builder.Append('-');
                        }
                    }

                    break;
            }
        }

        return builder.ToString().Trim('-');
    }
}
