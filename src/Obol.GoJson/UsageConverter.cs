using System.Text.Json;
using System.Text.Json.Serialization;
using Obol.Primitives;

namespace Obol.GoJson;

/// <summary>
/// <see cref="Usage"/> as Go's <c>time.Duration</c>: written as integer nanoseconds. Reading also takes duration
/// strings (<c>"1m25s"</c>, <c>"20s"</c>, bare digits = nanoseconds, <c>"*unlimited"</c>) because CGRateS APIs
/// accept them in events.
/// </summary>
public sealed class UsageConverter : JsonConverter<Usage>
{
    public override Usage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var nanoseconds))
                {
                    return new Usage(nanoseconds);
                }
                // Fractions and exponents (1.5e9) truncate towards zero, as a float64-to-int64 conversion does in Go.
                if (reader.TryGetDecimal(out var number) && decimal.Truncate(number) is var whole
                    && whole >= long.MinValue && whole <= long.MaxValue)
                {
                    return new Usage((long)whole);
                }
                throw new JsonException("JSON number is out of range for a duration in nanoseconds");
            case JsonTokenType.String:
                var text = reader.GetString();
                if (Usage.TryParse(text, out var usage))
                {
                    return usage;
                }
                throw new JsonException($"invalid duration \"{text}\"");
            case JsonTokenType.Null:
                return Usage.Zero;
            default:
                throw new JsonException($"cannot read a duration from JSON {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, Usage value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Nanoseconds);
}
