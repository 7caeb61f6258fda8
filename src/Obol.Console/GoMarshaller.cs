using System.Text;
using System.Text.Json;
using Obol.GoJson;

namespace Obol.Console;

/// <summary>json.Marshal of the values <see cref="GoUnmarshaller"/> builds: compact, fields in declaration order.</summary>
internal static class GoMarshaller
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = GoJsonEncoder.Instance, SkipValidation = true };

    public static byte[] Marshal(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            Write(writer, value);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static string MarshalString(object? value) => Encoding.UTF8.GetString(Marshal(value));

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteRawValue(GoFloat.Json(number), skipInputValidation: true);
                break;
            case GoTime time:
                writer.WriteStringValue(time.Text);
                break;
            case List<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case SortedDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case GoStruct structure:
                writer.WriteStartObject();
                foreach (var field in structure.Type.JsonFields)
                {
                    if (!TryGet(structure, field, out var item) || (field.Field.OmitEmpty && IsEmpty(item)))
                    {
                        continue;
                    }
                    writer.WritePropertyName(field.JsonName);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"internal bug: cannot marshal {value.GetType()}");
        }
    }

    /// <summary>A promoted field behind a nil embedded pointer is not marshalled at all.</summary>
    private static bool TryGet(GoStruct structure, GoJsonField field, out object? value)
    {
        var holder = structure;
        foreach (var step in field.Path.SkipLast(1))
        {
            if (holder.Values[step.Index] is not GoStruct next)
            {
                value = null;
                return false;
            }
            holder = next;
        }
        value = holder.Values[field.Field.Index];
        return true;
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        bool flag => !flag,
        long number => number == 0,
        double number => number == 0,
        List<object?> items => items.Count == 0,
        SortedDictionary<string, object?> map => map.Count == 0,
        _ => false,
    };
}
