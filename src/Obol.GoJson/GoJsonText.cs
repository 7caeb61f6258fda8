using System.Text;
using System.Text.Json;

namespace Obol.GoJson;

/// <summary>JSON text as Go's json.Marshal writes a <c>map[string]any</c> tree: compact, every object's keys sorted,
/// strings escaped as Go escapes them.</summary>
public static class GoJsonText
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = GoJsonEncoder.Instance };

    public static string Sorted(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            Write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
