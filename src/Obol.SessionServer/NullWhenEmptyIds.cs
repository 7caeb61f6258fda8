using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.SessionServer;

/// <summary>
/// The IDs ThresholdS or StatS matched, as SessionS's replies carry them (<c>*[]string</c> set to what the call filled):
/// a subsystem that matched nothing (NOT_FOUND) leaves a nil slice, which Go writes as <c>null</c>, not <c>[]</c>.
/// </summary>
internal sealed class NullWhenEmptyIds : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var id in value)
        {
            writer.WriteStringValue(id);
        }
        writer.WriteEndArray();
    }
}
