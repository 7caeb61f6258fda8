using System.Buffers;
using System.Text;

namespace Obol.Esl;

/// <summary>
/// The URL encoding FreeSWITCH applies to header values of <c>text/event-plain</c> events (switch_url_encode /
/// switch_url_decode). It is plain percent-encoding of UTF-8 bytes: <c>'+'</c> is a literal plus (FreeSWITCH writes a
/// real plus as <c>%2B</c>), unlike HTML-form decoding which would turn it into a space.
/// </summary>
public static class EslUrlEncoding
{
    // SWITCH_URL_UNSAFE plus everything outside printable ASCII, which switch_url_encode escapes as well.
    private static readonly SearchValues<byte> s_unsafe = SearchValues.Create("\r\n #%&+:;<=>?@[\\]^`{|}\""u8);

    private const int StackDecodeLimit = 256;

    /// <summary>
    /// Decodes <c>%HH</c> escapes (either hex case) into bytes and reads the result as UTF-8. A <c>'%'</c> not followed by
    /// two hex digits is kept as is, as switch_url_decode does for malformed escapes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> encoded)
    {
        var firstPercent = encoded.IndexOf((byte)'%');
        if (firstPercent < 0)
        {
            return encoded.IsEmpty ? "" : Encoding.UTF8.GetString(encoded);
        }

        byte[]? rented = null;
        var decoded = encoded.Length <= StackDecodeLimit
            ? stackalloc byte[StackDecodeLimit]
            : rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            encoded[..firstPercent].CopyTo(decoded);
            var written = firstPercent;
            for (var i = firstPercent; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '%' && TryHexPair(encoded, i + 1, out var value))
                {
                    decoded[written++] = value;
                    i += 2;
                }
                else
                {
                    decoded[written++] = b;
                }
            }
            return Encoding.UTF8.GetString(decoded[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc cref="Decode(ReadOnlySpan{byte})"/>
    public static string Decode(string encoded) =>
        encoded.Contains('%', StringComparison.Ordinal) ? Decode(Encoding.UTF8.GetBytes(encoded)) : encoded;

    /// <summary>
    /// Encodes a header value the way FreeSWITCH serialises <c>text/event-plain</c>: control characters, non-ASCII bytes
    /// and the characters of SWITCH_URL_UNSAFE become upper-case <c>%HH</c>; everything else (letters, digits,
    /// <c>* , / . - _ ! ( ) ' ~ $</c>) stays literal. Unlike FreeSWITCH, an existing <c>%HH</c> in the value is encoded
    /// again (<c>%25HH</c>), so that decoding always gives back the original value.
    /// </summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            if (b < ' ' || b > '~' || s_unsafe.Contains(b))
            {
                builder.Append('%').Append(HexUpper(b >> 4)).Append(HexUpper(b & 0xF));
            }
            else
            {
                builder.Append((char)b);
            }
        }
        return builder.ToString();
    }

    private static bool TryHexPair(ReadOnlySpan<byte> text, int start, out byte value)
    {
        value = 0;
        if (start + 1 >= text.Length)
        {
            return false;
        }
        var high = HexValue(text[start]);
        var low = HexValue(text[start + 1]);
        if (high < 0 || low < 0)
        {
            return false;
        }
        value = (byte)((high << 4) | low);
        return true;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };

    private static char HexUpper(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
