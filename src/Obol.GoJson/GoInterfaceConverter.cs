using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Obol.Primitives;

namespace Obol.GoJson;

/// <summary>
/// Go's <c>interface{}</c>: decodes JSON into string, decimal (Go has float64; decimal keeps 0.1 exact and every
/// int64), bool, null, <c>Dictionary&lt;string, object?&gt;</c> and <c>List&lt;object?&gt;</c>; encodes by runtime
/// type, durations as nanoseconds and times as RFC3339 like Go does.
/// </summary>
public sealed class GoInterfaceConverter : JsonConverter<object>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var number) ? number : reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Read(ref reader, typeof(object), options));
                }
                return list;
            case JsonTokenType.StartObject:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    map[key] = Read(ref reader, typeof(object), options);
                }
                return map;
            default:
                throw new JsonException($"unexpected {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
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
            case Usage usage:
                writer.WriteNumberValue(usage.Nanoseconds);
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, map[key], options);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items and not IDictionary:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, options);
                }
                writer.WriteEndArray();
                break;
            default:
                if (value.GetType() == typeof(object))
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                    break;
                }
                JsonSerializer.Serialize(writer, value, value.GetType(), options);
                break;
        }
    }
}
