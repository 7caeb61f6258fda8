using System.Globalization;
using System.Text;

namespace Obol.Esl;

/// <summary>Parses <c>Name: value</c> lines, the shape shared by the outer frame and by a plain event body.</summary>
internal static class HeaderBlock
{
    public const string ContentLength = "Content-Length";

    /// <summary>
    /// Reads header lines into <paramref name="headers"/> until an empty line or the end of <paramref name="block"/> and
    /// returns the number of bytes consumed, the empty line included. A later duplicate name overwrites the earlier
    /// value, as CGRateS' fsock does (Go map assignment), so the agent sees the same value CGRateS would.
    /// </summary>
    public static int Parse(ReadOnlySpan<byte> block, Dictionary<string, string> headers, bool urlEncodedValues)
    {
        var position = 0;
        while (position < block.Length)
        {
            var rest = block[position..];
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            position += end < 0 ? rest.Length : end + 1;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (line.IsEmpty)
            {
                return position;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new EslProtocolException(colon < 0
                    ? $"Header line without a ':' separator: '{Preview(line)}'."
                    : $"Header line with an empty name: '{Preview(line)}'.");
            }

            var name = HeaderNameCache.Get(line[..colon]);
            var value = line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == ' ')
            {
                value = value[1..];
            }
            headers[name] = urlEncodedValues ? EslUrlEncoding.Decode(value)
                : value.IsEmpty ? "" : Encoding.UTF8.GetString(value);
        }
        return position;
    }

    /// <summary>Reads a <c>Content-Length</c> value: plain decimal digits, at most <paramref name="max"/>.</summary>
    public static int ParseContentLength(string text, int max, string where)
    {
        if (text.Length == 0 || text.Length > 10 || text.AsSpan().ContainsAnyExceptInRange('0', '9')
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new EslProtocolException($"Invalid Content-Length '{Preview(text)}' in {where}: expected a non-negative integer.");
        }
        if (length > max)
        {
            throw new EslProtocolException($"Content-Length {length} in {where} exceeds the limit of {max} bytes.");
        }
        return length;
    }

    public static string Preview(ReadOnlySpan<byte> line) => Preview(Encoding.UTF8.GetString(line[..Math.Min(line.Length, 80)]));

    private static string Preview(string text) => text.Length <= 80 ? text : text[..80] + "...";
}

