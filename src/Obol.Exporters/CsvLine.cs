using System.Text;

namespace Obol.Exporters;

/// <summary>Go's encoding/csv Writer for one record: quotes a field holding the separator, a quote, CR/LF, or
/// starting with a space or tab; doubles quotes; ends the line with <c>\n</c>.</summary>
internal static class CsvLine
{
    public static string Format(IReadOnlyList<string> fields, char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }
            var field = fields[i];
            if (!NeedsQuotes(field, separator))
            {
                sb.Append(field);
                continue;
            }
            sb.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return sb.Append('\n').ToString();
    }

    private static bool NeedsQuotes(string field, char separator) =>
        field.Length != 0
        && (field == "\\." || field.Contains(separator, StringComparison.Ordinal) || field.AsSpan().IndexOfAny("\"\r\n") >= 0
            || field[0] is ' ' or '\t');
}
