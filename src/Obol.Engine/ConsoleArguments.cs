namespace Obol.Engine;

/// <summary>
/// cgr-console's <c>key=value</c> syntax: <c>cost Tenant="cgrates.org" Usage="1m25s"</c>. Values may be quoted;
/// keys match case-insensitively, as Go's JSON decoding of the argument struct does.
/// </summary>
internal static class ConsoleArguments
{
    public static bool TryParse(IEnumerable<string> words, out Dictionary<string, string> values, out string? error)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = null;
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"invalid argument \"{word}\": expected Key=Value";
                return false;
            }
            var value = word[(eq + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }
            values[word[..eq]] = value;
        }
        return true;
    }
}
