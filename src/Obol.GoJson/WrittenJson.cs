using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.GoJson;

/// <summary>
/// A value with its own exact JSON writer, written where the surrounding document is being written: a JSON-RPC reply
/// takes it straight into its buffer, without the intermediate copy a <see cref="RawJson"/> needs.
/// </summary>
[JsonConverter(typeof(WrittenJsonConverter))]
public readonly struct WrittenJson
{
    private readonly object _value;
    private readonly Action<object, IBufferWriter<byte>> _write;

    /// <summary><paramref name="write"/> is called with <paramref name="value"/>; a static lambda costs no allocation.</summary>
    public WrittenJson(object value, Action<object, IBufferWriter<byte>> write)
    {
        _value = value;
        _write = write;
    }

    public void WriteTo(IBufferWriter<byte> output) => _write(_value, output);

    /// <summary>The JSON on its own, where there is no surrounding output to write it into.</summary>
    public ReadOnlyMemory<byte> ToUtf8()
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(output);
        return output.WrittenMemory;
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToUtf8().Span);
}

/// <summary>Writes <see cref="WrittenJson"/> with its own writer; it is never read.</summary>
public sealed class WrittenJsonConverter : JsonConverter<WrittenJson>
{
    public override WrittenJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("WrittenJson is written only.");

    public override void Write(Utf8JsonWriter writer, WrittenJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToUtf8().Span, skipInputValidation: true);
}
