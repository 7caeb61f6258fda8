using System.Text.Json;

namespace Obol.Storage.Sqlite;

/// <summary>Reading and writing helpers of the stored JSON documents: absent properties are nulls, and any shape the
/// writers do not produce is <see cref="InvalidDataException"/>.</summary>
internal static class StoredJson
{
    public static T Parse<T>(string text, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NodaTime.Text.UnparsableValueException
            or KeyNotFoundException or ArgumentException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    public static string? String(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetString() : null;

    public static decimal? Decimal(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetDecimal() : null;

    public static bool? Bool(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetBoolean() : null;

    public static void WriteIfNotNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteIfNotEmpty(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0)
        {
            json.WriteString(name, value);
        }
    }
}
