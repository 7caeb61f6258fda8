using System.Buffers;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Go's <c>json.Compact</c> with HTML escaping, which is what encoding/json applies to a <c>json.RawMessage</c> such as
/// the echoed request id: whitespace outside strings dropped, <c>&lt; &gt; &amp;</c> and U+2028/U+2029 escaped as
/// <c>\u003c</c>…, everything else (escapes included) kept as sent.
/// </summary>
internal static class GoJsonCompact
{
    // 0xE2 leads the UTF-8 of U+2028/U+2029.
    private static readonly SearchValues<byte> s_special =
        SearchValues.Create([(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', (byte)'<', (byte)'>', (byte)'&', 0xE2]);

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny(s_special) < 0)
        {
            output.Write(json);
            return;
        }
        var inString = false;
        var escaped = false;
        var start = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            ReadOnlySpan<byte> replacement;
            var skip = 1;
            if (c is (byte)'<' or (byte)'>' or (byte)'&')
            {
                replacement = c == '<' ? "\\u003c"u8 : c == '>' ? "\\u003e"u8 : "\\u0026"u8;
            }
            else if (c == 0xE2 && i + 2 < json.Length && json[i + 1] == 0x80 && (json[i + 2] & ~1) == 0xA8)
            {
                replacement = json[i + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8;
                skip = 3;
            }
            else if (inString)
            {
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
                continue;
            }
            else if (c == '"')
            {
                inString = true;
                continue;
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                replacement = default;
            }
            else
            {
                continue;
            }
            output.Write(json[start..i]);
            output.Write(replacement);
            escaped = false;
            start = i + skip;
            i += skip - 1;
        }
        output.Write(json[start..]);
    }
}
