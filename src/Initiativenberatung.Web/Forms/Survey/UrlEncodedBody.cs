using System.Text.Unicode;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>Checks an <c>application/x-www-form-urlencoded</c> body as a browser sends it: every <c>%</c> starts a
/// two-digit hex escape, and every name and value is valid UTF-8 once decoded.</summary>
public static class UrlEncodedBody
{
    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        var decoded = new byte[body.Length];
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            foreach (var partRange in pair.Split((byte)'='))
            {
                var part = pair[partRange];
                var length = 0;
                for (var i = 0; i < part.Length; i++)
                {
                    if (part[i] == (byte)'%')
                    {
                        if (i + 2 >= part.Length || !IsHex(part[i + 1]) || !IsHex(part[i + 2]))
                        {
                            return false;
                        }

                        decoded[length++] = (byte)((Hex(part[i + 1]) << 4) | Hex(part[i + 2]));
                        i += 2;
                    }
                    else
                    {
                        decoded[length++] = part[i];
                    }
                }

                if (!Utf8.IsValid(decoded.AsSpan(0, length)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
