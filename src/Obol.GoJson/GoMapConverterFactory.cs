using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.GoJson;

/// <summary>
/// String-keyed dictionaries (<see cref="Dictionary{TKey,TValue}"/>, <see cref="IDictionary{TKey,TValue}"/>,
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/>) written with keys sorted by UTF-8 bytes, as Go's encoding/json
/// writes a <c>map[string]T</c>; System.Text.Json would keep insertion order. Reading yields a
/// <see cref="Dictionary{TKey,TValue}"/>, a repeated key keeping its last value as in Go.
/// </summary>
public sealed class GoMapConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => TryGetValueType(typeToConvert, out _);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        if (!TryGetValueType(typeToConvert, out var valueType))
        {
            return null;
        }
        var converterType = typeof(GoMapConverter<,>).MakeGenericType(typeToConvert, valueType);
        return (JsonConverter?)Activator.CreateInstance(converterType);
    }

    private static bool TryGetValueType(Type type, [NotNullWhen(true)] out Type? valueType)
    {
        valueType = null;
        if (!type.IsGenericType)
        {
            return false;
        }
        var definition = type.GetGenericTypeDefinition();
        if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>))
        {
            return false;
        }
        var arguments = type.GetGenericArguments();
        if (arguments[0] != typeof(string))
        {
            return false;
        }
        valueType = arguments[1];
        return true;
    }
}

[SuppressMessage("Performance", "CA1812", Justification = "Instantiated by GoMapConverterFactory through reflection.")]
internal sealed class GoMapConverter<TMap, TValue> : JsonConverter<TMap>
    where TMap : IEnumerable<KeyValuePair<string, TValue>>
{
    private const int AddedFieldsRoom = 4;

    public override TMap? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"cannot read a map from JSON {reader.TokenType}");
        }
        // The entries are gathered first so the map is made at its final size: grown entry by entry, an event's map of a
        // dozen fields was allocated four times over.
        var entries = ArrayPool<KeyValuePair<string, TValue>>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                reader.Read();
                var value = JsonSerializer.Deserialize<TValue>(ref reader, options)!;
                if (count == entries.Length)
                {
                    var larger = ArrayPool<KeyValuePair<string, TValue>>.Shared.Rent(count * 2);
                    entries.AsSpan(0, count).CopyTo(larger);
                    Array.Clear(entries, 0, count);
                    ArrayPool<KeyValuePair<string, TValue>>.Shared.Return(entries);
                    entries = larger;
                }
                entries[count++] = new(key, value);
            }
            // Room for the few fields a service adds to an event it read (SessionS its CGRID), which would otherwise
            // rebuild the map.
            var map = new Dictionary<string, TValue>(count + AddedFieldsRoom);
            for (var i = 0; i < count; i++)
            {
                map[entries[i].Key] = entries[i].Value;
            }
            return (TMap)(object)map;
        }
        finally
        {
            Array.Clear(entries, 0, count);
            ArrayPool<KeyValuePair<string, TValue>>.Shared.Return(entries);
        }
    }

    public override void Write(Utf8JsonWriter writer, TMap value, JsonSerializerOptions options)
    {
        // Sorted in a pooled copy: a map is written at every journal write and reply.
        var count = value is ICollection<KeyValuePair<string, TValue>> sized ? sized.Count : value.Count();
        var entries = ArrayPool<KeyValuePair<string, TValue>>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var n = 0;
            foreach (var entry in value)
            {
                entries[n++] = entry;
            }
            var sorted = entries.AsSpan(0, n);
            sorted.Sort(static (a, b) => GoStringComparer.Instance.Compare(a.Key, b.Key));
            writer.WriteStartObject();
            foreach (var (key, item) in sorted)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }
            writer.WriteEndObject();
        }
        finally
        {
            Array.Clear(entries, 0, count);
            ArrayPool<KeyValuePair<string, TValue>>.Shared.Return(entries);
        }
    }
}
