using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Obol.Primitives;

namespace Obol.GoJson;

/// <summary>
/// Writes a <see cref="decimal"/> the way Go's encoding/json writes the float64 of the same value, and reads JSON
/// numbers as well as strings holding numbers (some CGRateS clients quote them).
/// </summary>
/// <remarks>
/// Up to 15 significant digits survive a float64 unchanged, so the output is Go's. Deliberate difference beyond
/// that: we print every digit of the decimal, where Go prints the nearest float64 (123456789012345678 comes out of
/// Go as 123456789012345680). The decimal is what was charged; float noise would misreport it.
/// </remarks>
public sealed class GoDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var number))
                {
                    return number;
                }
                throw new JsonException($"JSON number {RawText(ref reader)} does not fit in a decimal");
            case JsonTokenType.String:
                var text = reader.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                throw new JsonException($"invalid number \"{text}\"");
            case JsonTokenType.Null:
                // Go leaves a float64 untouched on null; for a freshly decoded value that is zero.
                return 0m;
            default:
                throw new JsonException($"cannot read a number from JSON {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[GoFloat.MaxLength];
        writer.WriteRawValue(buffer[..GoFloat.Format(value, buffer)], skipInputValidation: true);
    }

    /// <summary>The text Go's encoding/json would write for <paramref name="value"/>: <c>0.1</c>, <c>10</c>, <c>1e-7</c>, <c>1e+21</c>.</summary>
    public static string Format(decimal value) => GoFloat.Format(value);

    private static string RawText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}
