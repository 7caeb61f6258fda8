namespace Obol.Esl;

/// <summary>
/// Parses the text output of <c>show channels</c> (or <c>show channels as delim X</c>): a header row, one row per
/// channel, an empty line and <c>N total.</c>; with no channels just an empty line and <c>0 total.</c>.
/// </summary>
public static class EslShowChannels
{
    /// <summary>The command CGRateS sends for channel sync: <c>show channels</c>, with <c>as delim X</c> unless X is a comma.</summary>
    public static string Command(string delimiter = ",")
    {
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        EslCommandText.RequireToken(delimiter, nameof(delimiter));
        return delimiter == "," ? "show channels" : "show channels as delim " + delimiter;
    }

    /// <summary>Returns one entry per channel row; rows without a usable uuid are skipped.</summary>
    public static IReadOnlyList<EslChannelInfo> Parse(string output, string delimiter = ",")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Length == 0 || IsTotalLine(lines[0]))
        {
            return [];
        }

        var columns = lines[0].Split(delimiter);
        var uuidColumn = Array.IndexOf(columns, "uuid");
        var channels = new List<EslChannelInfo>();
        foreach (var line in lines.AsSpan(1))
        {
            if (line.Length == 0 || IsTotalLine(line))
            {
                break;
            }
            var values = SplitOutsideGroups(line, delimiter);
            if (values.Count == columns.Length)
            {
                var fields = new Dictionary<string, string>(columns.Length, StringComparer.Ordinal);
                for (var i = 0; i < columns.Length; i++)
                {
                    fields[columns[i]] = values[i];
                }
                if (uuidColumn >= 0 && values[uuidColumn].Length > 0)
                {
                    channels.Add(new EslChannelInfo(values[uuidColumn], fields));
                }
            }
            else if (uuidColumn == 0 && values[0].Length > 0)
            {
                // FreeSWITCH does not quote values, so a delimiter inside one (an unbracketed application_data) shifts
                // the row; the uuid comes first and is still right, and dropping the row would make the channel
                // look gone to session sync.
                channels.Add(new EslChannelInfo(values[0], new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["uuid"] = values[0],
                }));
            }
        }
        return channels;
    }

    private static bool IsTotalLine(string line) => line.EndsWith(" total.", StringComparison.Ordinal);

    // Channel variables in application_data look like {a=1,b=2}; delimiters inside (), [] or {} are part of the value.
    private static List<string> SplitOutsideGroups(string line, string delimiter)
    {
        var values = new List<string>();
        var depth = 0;
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(line, i, delimiter, 0, delimiter.Length) == 0)
            {
                values.Add(line[start..i]);
                i += delimiter.Length;
                start = i;
                continue;
            }
            i++;
        }
        values.Add(line[start..]);
        return values;
    }
}
