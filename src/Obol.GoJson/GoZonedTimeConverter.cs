using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Obol.GoJson;

/// <summary>
/// <see cref="OffsetDateTime"/> as Go's <c>time.Time</c>, keeping the offset: <c>2014-08-04T15:00:00+02:00</c>.
/// JSON null reads as <see cref="GoJsonTimes.ZeroOffsetDateTime"/>.
/// </summary>
public sealed class GoZonedTimeConverter : JsonConverter<OffsetDateTime>
{
    public override OffsetDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        GoJsonTimes.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, OffsetDateTime value, JsonSerializerOptions options) =>
        GoJsonTimes.Write(writer, value);
}
