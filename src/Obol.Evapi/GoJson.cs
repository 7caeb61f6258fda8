using System.Buffers;
using System.Globalization;
using System.Text;

namespace Obol.Evapi;

/// <summary>
/// JSON text as Go's encoding/json writes it (CGRateS replies are json.Marshal output): compact, HTML-safe
/// escapes for &lt; &gt; &amp;, \u2028 and \u2029 escaped, other non-ASCII text left as UTF-8.
/// </summary>
internal static class GoJson
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    public static void WriteRaw(IBufferWriter<byte> writer, ReadOnlySpan<byte> utf8) => writer.Write(utf8);

    public static void WriteInt64(IBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
    }

    public static void WriteString(IBufferWriter<byte> writer, string value)
    {
        // No UTF-16 unit takes more than 6 bytes once written ("\u2028"); a surrogate pair takes 4.
        var span = writer.GetSpan((value.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80)
            {
                if (c >= 0x20 && c is not ('"' or '\\' or '<' or '>' or '&'))
                {
                    span[n++] = (byte)c;
                    continue;
                }
                n += WriteAsciiEscape(span[n..], c);
                continue;
            }
            if (c is '\u2028' or '\u2029')
            {
                n += WriteUnicodeEscape(span[n..], c);
                continue;
            }
            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = new Rune(c, value[++i]);
            }
            else if (!Rune.TryCreate(c, out rune))
            {
                // A lone surrogate is not text; Go writes invalid input as an escaped replacement character.
                n += WriteUnicodeEscape(span[n..], '\uFFFD');
                continue;
            }
            n += rune.EncodeToUtf8(span[n..]);
        }
        span[n++] = (byte)'"';
        writer.Advance(n);
    }

    private static int WriteAsciiEscape(Span<byte> span, char c)
    {
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => (byte)0,
        };
        if (shortForm == 0)
        {
            return WriteUnicodeEscape(span, c);
        }
        span[0] = (byte)'\\';
        span[1] = shortForm;
        return 2;
    }

    private static int WriteUnicodeEscape(Span<byte> span, char c)
    {
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        span[2] = Hex[(c >> 12) & 0xF];
        span[3] = Hex[(c >> 8) & 0xF];
        span[4] = Hex[(c >> 4) & 0xF];
        span[5] = Hex[c & 0xF];
        return 6;
    }
}
