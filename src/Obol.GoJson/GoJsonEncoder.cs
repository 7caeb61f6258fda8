using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Obol.GoJson;

/// <summary>
/// String escaping byte-for-byte as Go's encoding/json (encodeState.string with HTML escaping on, as Marshal does):
/// <c>"</c> and <c>\</c> escaped with a backslash; <c>\b \f \n \r \t</c> short forms (Go 1.22+); other control
/// characters, <c>&lt; &gt; &amp;</c>, U+2028 and U+2029 as lowercase <c>\u00XX</c>; invalid UTF-16/UTF-8 as
/// <c>\ufffd</c>; everything else, non-ASCII included, left as UTF-8.
/// </summary>
/// <remarks>
/// No built-in encoder matches Go. <see cref="JavaScriptEncoder.Default"/> escapes all non-ASCII;
/// <c>JavaScriptEncoder.Create(UnicodeRanges.All)</c> keeps non-ASCII but also escapes <c>'</c>, <c>+</c> and
/// <c>`</c> and writes uppercase hex (<c>\u003C</c>); <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// leaves <c>&lt; &gt; &amp;</c> alone. Clients compare CGRateS replies as bytes, hence this encoder.
/// </remarks>
public sealed class GoJsonEncoder : JavaScriptEncoder
{
    // Printable ASCII Go leaves alone: everything from space to '~' but '"', '\\', '<', '>' and '&'.
    private static readonly SearchValues<byte> s_plainBytes = SearchValues.Create(PlainAscii().Select(c => (byte)c).ToArray());
    private static readonly SearchValues<char> s_plainChars = SearchValues.Create(PlainAscii());

    public static GoJsonEncoder Instance { get; } = new();

    private GoJsonEncoder()
    {
    }

    // "\u2028" is the longest escape of one UTF-16 unit.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <summary>Whether Go writes <paramref name="text"/> as it is: printable ASCII with nothing to escape.</summary>
    public static bool IsPlainAscii(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_plainChars);

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x80 ? NeedsEscape((byte)unicodeScalar) : unicodeScalar is 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        // Every string of a reply passes here: skip the plain ASCII run vectorised, look closer only where it ends.
        var i = span.IndexOfAnyExcept(s_plainChars);
        if (i < 0)
        {
            return -1;
        }
        while (i < span.Length)
        {
            var c = span[i];
            if (c < 0x80)
            {
                if (NeedsEscape((byte)c))
                {
                    return i;
                }
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || WillEncode(rune.Value))
            {
                return i;
            }
            i += consumed;
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var i = utf8Text.IndexOfAnyExcept(s_plainBytes);
        if (i < 0)
        {
            return -1;
        }
        while (i < utf8Text.Length)
        {
            var b = utf8Text[i];
            if (b < 0x80)
            {
                if (NeedsEscape(b))
                {
                    return i;
                }
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf8(utf8Text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || WillEncode(rune.Value))
            {
                return i;
            }
            i += consumed;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        char shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\f' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            return TryWrite(destination, ['\\', shortForm], out numberOfCharactersWritten);
        }
        if (unicodeScalar > 0xFFFF)
        {
            // Never asked for by the methods above; a caller escaping a supplementary character gets a surrogate pair.
            Span<char> pair = stackalloc char[2];
            var length = new Rune(unicodeScalar).EncodeToUtf16(pair);
            return TryWrite(destination, pair[..length], out numberOfCharactersWritten);
        }
        const string Hex = "0123456789abcdef";
        return TryWrite(
            destination,
            ['\\', 'u', Hex[(unicodeScalar >> 12) & 0xF], Hex[(unicodeScalar >> 8) & 0xF], Hex[(unicodeScalar >> 4) & 0xF], Hex[unicodeScalar & 0xF]],
            out numberOfCharactersWritten);
    }

    private static bool TryWrite(Span<char> destination, ReadOnlySpan<char> text, out int written)
    {
        if (text.TryCopyTo(destination))
        {
            written = text.Length;
            return true;
        }
        written = 0;
        return false;
    }

    private static string PlainAscii() =>
        new([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => !NeedsEscape((byte)c))]);

    private static bool NeedsEscape(byte ascii) => ascii < 0x20 || ascii is (byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)'&';
}
