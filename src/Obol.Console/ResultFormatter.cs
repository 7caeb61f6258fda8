using System.Globalization;
using System.Text;
using System.Text.Json;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.Console;

/// <summary>Prints an RPC result the way the command's GetFormatedResult does (console/command_executer.go).</summary>
internal static class ResultFormatter
{
    public static string Format(CommandSpec command, ReadOnlySpan<byte> result)
    {
        if (result.IsEmpty)
        {
            result = "null"u8;
        }
        var json = GoJsonSyntax.Parse(Encoding.UTF8.GetString(result));
        var durations = command.DurationFields.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return command.Format switch
        {
            ResultFormat.SortedMap when json is GoJsonObject map => Indent(MapAsString(map, durations)),
            ResultFormat.SortedSlice when json is List<object?> items => Indent(SliceAsString(items, durations)),
            ResultFormat.Duration when json is GoJsonNumber ns && long.TryParse(ns.Text, CultureInfo.InvariantCulture, out var value)
                => $"\"{new Usage(value)}\"",
            _ => Indent(json),
        };
    }

    /// <summary>json.MarshalIndent(v, "", " "): numbers as received, strings re-escaped as Go does.</summary>
    public static string Indent(object? json)
    {
        var text = new StringBuilder();
        Write(text, json, 0);
        return text.ToString();
    }

    // json.Indent over the hand-built text: that text is not always valid JSON (strings are not escaped), and Go then
    // prints what json.Indent wrote before it gave up; re-parsing leniently is not worth it, so it is shown as built.
    private static string Indent(string text)
    {
        try
        {
            return Indent(GoJsonSyntax.Parse(text));
        }
        catch (FormatException)
        {
            return text;
        }
    }

    private static void Write(StringBuilder text, object? json, int depth)
    {
        switch (json)
        {
            case null:
                text.Append("null");
                break;
            case string value:
                text.Append('"').Append(JsonEncodedText.Encode(value, GoJsonEncoder.Instance).Value).Append('"');
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case GoJsonNumber number:
                text.Append(number.Text);
                break;
            case List<object?> items when items.Count == 0:
                text.Append("[]");
                break;
            case List<object?> items:
                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append(' ', depth + 1);
                    Write(text, items[i], depth + 1);
                }
                text.Append('\n').Append(' ', depth).Append(']');
                break;
            case GoJsonObject members when members.Count == 0:
                text.Append("{}");
                break;
            case GoJsonObject members:
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append(' ', depth + 1);
                    Write(text, members[i].Key, depth + 1);
                    text.Append(": ");
                    Write(text, members[i].Value, depth + 1);
                }
                text.Append('\n').Append(' ', depth).Append('}');
                break;
        }
    }

    // getStringValue: numbers through fmt's %v of a float64, strings quoted without escaping, maps with sorted members.
    private static string ValueAsString(object? json, HashSet<string> durations) => json switch
    {
        null => "null",
        GoJsonNumber number => GoFloat.General(double.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        string text => $"\"{text}\"",
        GoJsonObject map => MapAsString(map, durations),
        List<object?> items => SliceAsString(items, durations),
        bool flag => flag ? "true" : "false",
        _ => "null",
    };

    private static string SliceAsString(List<object?> items, HashSet<string> durations) =>
        "[" + string.Join(',', items.Select(item => ValueAsString(item, durations))) + "]";

    private static string MapAsString(GoJsonObject map, HashSet<string> durations)
    {
        // Unmarshalled into a Go map first, so a repeated key keeps its last value.
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            members[key] = value;
        }
        var pairs = members.Select(m => durations.Contains(m.Key) && AsDuration(m.Value) is { } duration
            ? $"\"{m.Key}\":\"{duration}\""
            : $"\"{m.Key}\":{ValueAsString(m.Value, durations)}").ToList();
        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', pairs) + "}";
    }

    // utils.IfaceAsDuration: a number is nanoseconds, a string is parsed as ParseDurationWithNanosecs.
    private static Usage? AsDuration(object? value) => value switch
    {
        GoJsonNumber number => new Usage((long)double.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        string text when Usage.TryParse(text, out var usage) => usage,
        _ => null,
    };
}
