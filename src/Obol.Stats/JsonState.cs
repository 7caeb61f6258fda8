using System.Globalization;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>Go-compatible JSON pieces of the stored metric form: float64 numbers as Go prints them.</summary>
internal static class JsonState
{
    /// <summary>math.MaxFloat64 as Go's encoding/json prints it: the empty *lowest starts there.</summary>
    public const string MaxFloat64 = "1.7976931348623157e+308";

    public static void WriteFloat(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(GoFloat.Format(value));
    }

    public static decimal ReadFloat(JsonElement element) =>
        decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A float that may be Go's ±MaxFloat64 sentinel, which decimal cannot hold: null then.</summary>
    public static decimal? ReadFloatOrSentinel(JsonElement element) =>
        decimal.TryParse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static decimal ReadFloat(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? ReadFloat(value) : 0;

    public static string ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    public static IEnumerable<JsonProperty> ReadMap(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : [];
}
