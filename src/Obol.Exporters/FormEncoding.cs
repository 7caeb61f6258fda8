using System.Text;

namespace Obol.Exporters;

/// <summary>Go's url.Values.Encode: keys sorted, QueryEscape (space is <c>+</c>, only <c>A-Za-z0-9-_.~</c> kept).</summary>
internal static class FormEncoding
{
    public static string Encode(IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder();
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }
            Escape(sb, key);
            sb.Append('=');
            Escape(sb, values[key]);
        }
        return sb.ToString();
    }

    private static void Escape(StringBuilder sb, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
