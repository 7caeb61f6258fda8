using System.Text;
using System.Text.Encodings.Web;

namespace Obol.Config;

/// <summary>
/// CGRateS's <c>*env:NAME</c> references (config/rjreader.go): replaced by the environment variable's value anywhere
/// outside comments, before the JSON is parsed; NAME is the longest run of ASCII letters, digits and underscores.
/// </summary>
internal static class EnvSubstitution
{
    private const string Marker = "*env:";

    /// <remarks>
    /// Two deliberate differences from rjreader.go: inside a JSON string the value is escaped, so a password holding a
    /// quote cannot break the file; and a missing variable becomes <c>null</c> outside strings (the setting keeps its
    /// default) instead of a parse error, since the error for the variable is already reported.
    /// CGRateS parity: an unset or empty variable is an error (utils.ErrEnvNotFound, "NOT_FOUND:ENV_VAR:NAME").
    /// </remarks>
    public static string Apply(string text, string file, Func<string, string?> getVariable, List<ConfigDiagnostic> diagnostics)
    {
        if (!text.Contains(Marker, StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var inString = false;
        var line = 1;
        var lineStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            if (inString)
            {
                if (c == '\\' && i + 1 < text.Length)
                {
                    sb.Append(c).Append(text[i + 1]);
                    i += 2;
                    continue;
                }
                if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '/' && i + 1 < text.Length && (text[i + 1] == '/' || text[i + 1] == '*'))
            {
                var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : text[i + 1] == '/' ? end : end + 2;
                for (var k = i; k < end; k++)
                {
                    if (text[k] == '\n')
                    {
                        line++;
                        lineStart = k + 1;
                    }
                }
                sb.Append(text, i, end - i);
                i = end;
                continue;
            }
            if (c == '*' && string.CompareOrdinal(text, i, Marker, 0, Marker.Length) == 0)
            {
                var nameStart = i + Marker.Length;
                var nameEnd = nameStart;
                while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '_'))
                {
                    nameEnd++;
                }
                var name = text[nameStart..nameEnd];
                var value = getVariable(name);
                if (string.IsNullOrEmpty(value))
                {
                    diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", file,
                        $"NOT_FOUND:ENV_VAR:{name}: environment variable is not set", line, i - lineStart + 1));
                    sb.Append(inString ? "" : "null");
                }
                else
                {
                    sb.Append(inString ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value) : value);
                }
                i = nameEnd;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }
}
