using System.Buffers;
using System.Text.Json;

namespace Obol.Evapi;

/// <summary>
/// Decodes Kamailio's flat JSON object into a string map with Utf8JsonReader, following Go's json.Unmarshal into
/// map[string]string: null stores "", any other non-string value fails the event, a repeated key keeps the last value.
/// </summary>
internal static class KamEventParser
{
    // Kamailio's templates carry 7 to 12 fields; 16 avoids a resize for all of them.
    private const int ExpectedFields = 16;

    public static KamEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return Parse(ref reader);
    }

    public static KamEvent Parse(in ReadOnlySequence<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return Parse(ref reader);
    }

    private static KamEvent Parse(ref Utf8JsonReader reader)
    {
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new EvapiProtocolException("a Kamailio event must be a JSON object");
            }
            var fields = new Dictionary<string, string>(ExpectedFields, StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = ReadString(ref reader);
                reader.Read();
                fields[key] = reader.TokenType switch
                {
                    JsonTokenType.String => ReadString(ref reader),
                    JsonTokenType.Null => "",
                    _ => throw new EvapiProtocolException(
                        $"Kamailio event field '{key}' is a JSON {reader.TokenType}; only strings are expected"),
                };
            }
            // Reading past the closing brace makes the reader reject anything but trailing whitespace.
            if (reader.Read())
            {
                throw new EvapiProtocolException("unexpected data after the Kamailio event object");
            }
            return new KamEvent(fields);
        }
        catch (JsonException ex)
        {
            throw new EvapiProtocolException($"Kamailio event is not valid JSON: {ex.Message}", ex);
        }
    }

    internal static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                throw new EvapiProtocolException($"JSON string is not valid text: {ex.Message}", ex);
            }
        }
        return reader.HasValueSequence ? KamStrings.Get(reader.ValueSequence.ToArray()) : KamStrings.Get(reader.ValueSpan);
    }
}
