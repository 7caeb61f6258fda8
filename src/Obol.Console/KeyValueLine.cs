using System.Text;
using System.Text.RegularExpressions;

namespace Obol.Console;

/// <summary>
/// cgr-console's two regex translations (console/command_executer.go): a <c>Key=value …</c> line into a JSON object
/// whose values are copied raw, and a marshalled args struct back into <c>Key=value …</c> for usage and -verbose.
/// </summary>
internal static partial class KeyValueLine
{
    /// <summary>The console's parameters as JSON: <c>{"Key":value,…}</c>, or <c>Item="line"</c> for a line without <c>=</c>.</summary>
    public static string ToJson(string line)
    {
        if (!line.Contains('=', StringComparison.Ordinal) && line.Length != 0)
        {
            line = $"Item=\"{line}\"";
        }
        var json = new StringBuilder("{");
        foreach (Match match in LinePattern().Matches(line))
        {
            json.Append('"').Append(match.Groups[1].Value).Append("\":").Append(match.Groups[2].Value).Append(',');
        }
        if (json[^1] == ',')
        {
            json.Length--;
        }
        return json.Append('}').ToString();
    }

    /// <summary>
    /// The <c>Key=value</c> form of a marshalled struct, keeping only <paramref name="fields"/>; a JSON text without any
    /// <c>:</c> (an empty wrapper's <c>{}</c>) is shown quoted.
    /// </summary>
    public static string FromJson(string json, IReadOnlyCollection<string> fields)
    {
        if (!json.Contains(':', StringComparison.Ordinal))
        {
            return $"\"{json}\"";
        }
        var line = new StringBuilder();
        foreach (Match match in JsonPattern().Matches(json))
        {
            if (fields.Contains(match.Groups[1].Value))
            {
                line.Append(match.Groups[1].Value).Append('=').Append(match.Groups[2].Value).Append(' ');
            }
        }
        return line.ToString().Trim();
    }

    // RE2 and .NET agree on these: leftmost-first alternation, lazy quantifiers, \w ASCII-only via ECMAScript-free
    // explicit classes (RE2's \w is [0-9A-Za-z_]), '.' not matching '\n'; RE2's '$' is .NET's '\z'.
    [GeneratedRegex("""([0-9A-Za-z_]+)\s*=\s*(\[.*?\]|".*?"|\{.*?\}|.+?)(?:\s+|\z)""", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();

    [GeneratedRegex("""
        "([0-9A-Za-z_]+)":(\[.+?\]|.+?)(?:,|}\z)
        """, RegexOptions.CultureInvariant)]
    private static partial Regex JsonPattern();
}
