using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>Go-shaped JSON pieces shared by the CDR and query forms: event values as Go's interface{} decodes and
/// encodes them, float64 numbers as Go prints them, times as RFC3339Nano.</summary>
internal static class JsonValues
{
    /// <summary>Go's encoding/json leaves non-ASCII as is; only what JSON needs is escaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>time.Time's MarshalJSON for UTC times: RFC3339 with the fraction's trailing zeros dropped.</summary>
    public static readonly InstantPattern Rfc3339Nano = InstantPattern.ExtendedIso;

    /// <summary>time.RFC3339 (ExternalCDR's times): whole seconds.</summary>
    public static readonly InstantPattern Rfc3339 = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteFloat(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(GoFloat.Format(value));
    }

    /// <summary>A JSON value as CgrEvent holds decoded values: string, decimal, bool, null, ordinal-keyed
    /// dictionaries and lists.</summary>
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        _ => null,
    };

    /// <summary>Writes an event value back as JSON: the inverse of <see cref="ToObject"/>, plus the typed values
    /// subsystems put into events (usage as nanoseconds, times as RFC3339Nano).</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case decimal d:
                writer.WriteRawValue(GoFloat.Format(d));
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double f:
                writer.WriteNumberValue(f);
                break;
            case Usage u:
                writer.WriteNumberValue(u.Nanoseconds);
                break;
            case Instant t:
                writer.WriteStringValue(Rfc3339Nano.Format(t));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Obol.Events.EventValues.AsString(value));
                break;
        }
    }
}
