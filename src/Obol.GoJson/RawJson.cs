using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.GoJson;

/// <summary>
/// A value already written as JSON (UTF-8), copied into the surrounding document as it is: replies that have their own
/// exact writer (CGRateS's account JSON) skip a parse and a second serialisation.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(ReadOnlyMemory<byte> Utf8)
{
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>What <paramref name="write"/> writes, escaped as Go escapes strings.</summary>
    public static RawJson Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = GoJsonEncoder.Instance }))
        {
            write(writer);
        }
        return new RawJson(buffer.WrittenMemory);
    }
}

/// <summary>Writes <see cref="RawJson"/> verbatim; reads any JSON value into one.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(doc.RootElement));
    }

    // The writer produced valid JSON already; validating it again would cost what this type saves.
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
