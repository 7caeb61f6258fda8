using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Obol.GoJson;

/// <summary>
/// <see cref="Instant"/> as Go's <c>time.Time</c> in UTC: RFC 3339 with nanoseconds. An offset in the input is
/// applied and then dropped; use <see cref="GoZonedTimeConverter"/> where the offset has to come back out.
/// JSON null reads as <see cref="GoJsonTimes.ZeroInstant"/>.
/// </summary>
public sealed class GoTimeConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        GoJsonTimes.Read(ref reader).ToInstant();

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        GoJsonTimes.Write(writer, value.WithOffset(Offset.Zero));
}
