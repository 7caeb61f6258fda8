using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// JSON as the OpenSIPS cgrates module writes and reads it through json-c: <c>json_object_to_json_string</c> spaces
/// its output (<c>{ "a": 1, "b": [ 2 ] }</c>), escapes <c>/</c> and keeps keys in insertion order; a number read
/// without fraction or exponent is <c>json_type_int</c>, which is all the module accepts for DialogID, DialogEntry and
/// InitiateSession's MaxUsage.
/// </summary>
internal static class JsonC
{
    /// <summary>A value the module took from the script with <c>:=</c>: sent as the JSON it parses to.</summary>
    public sealed record Raw(string Json);

    public static string Serialize(object? value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    /// <summary>json-c's <c>json_type_int</c>: a JSON number written without fraction or exponent.</summary>
    public static bool IsInt(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    private static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long:
                text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case Raw raw:
                using (var document = JsonDocument.Parse(raw.Json))
                {
                    Write(text, document.RootElement);
                }
                break;
            case JsonElement element:
                WriteElement(text, element);
                break;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                WriteObject(text, fields.Select(f => (f.Key, (object?)f.Value)));
                break;
            case IEnumerable<object?> items:
                WriteArray(text, items.ToList(), Write);
                break;
            default:
                throw new ArgumentException($"json-c has no type for {value.GetType()}", nameof(value));
        }
    }

    private static void WriteElement(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(text, element.EnumerateObject().Select(p => (p.Name, (object?)p.Value)));
                break;
            case JsonValueKind.Array:
                WriteArray(text, element.EnumerateArray().ToList(), WriteElement);
                break;
            case JsonValueKind.String:
                WriteString(text, element.GetString()!);
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    private static void WriteArray<T>(StringBuilder text, List<T> items, Action<StringBuilder, T> write)
    {
        text.Append('[');
        foreach (var (item, i) in items.Select((item, i) => (item, i)))
        {
            text.Append(i == 0 ? " " : ", ");
            write(text, item);
        }
        text.Append(" ]");
    }

    private static void WriteObject(StringBuilder text, IEnumerable<(string Key, object? Value)> fields)
    {
        var first = true;
        text.Append('{');
        foreach (var (key, value) in fields)
        {
            text.Append(first ? " " : ", ");
            first = false;
            WriteString(text, key);
            text.Append(": ");
            Write(text, value);
        }
        text.Append(" }");
    }

    // json-c's json_escape_str: the JSON escapes plus "\/"; everything else, non-ASCII included, goes out as is.
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '/' => "\\/",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        text.Append('"');
    }
}
