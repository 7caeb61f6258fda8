using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using NodaTime.Text;

namespace Obol.Thresholds;

/// <summary>The stored form: CGRateS's Threshold JSON (ThresholdSv1.GetThreshold), so hits survive a restart.</summary>
public sealed partial class Threshold
{
    /// <summary>Go's RFC3339Nano for UTC times: trailing zeros of the fraction dropped.</summary>
    private static readonly InstantPattern s_rfc3339Nano = InstantPattern.ExtendedIso;

    /// <summary>Go marshals time.Time with its offset; CGRateS data can carry non-UTC snoozes.</summary>
    private static readonly OffsetDateTimePattern s_rfc3339Offset = OffsetDateTimePattern.ExtendedIso;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(Tenant), Tenant);
            writer.WriteString("ID", Id);
            writer.WriteNumber(nameof(Hits), Hits);
            writer.WriteString(nameof(Snooze), s_rfc3339Nano.Format(Snooze));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static bool TryFromJson(string json, [NotNullWhen(true)] out Threshold? threshold, [NotNullWhen(false)] out string? error)
    {
        threshold = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "threshold JSON is not an object";
                return false;
            }
            var restored = new Threshold(ReadString(root, nameof(Tenant)), ReadString(root, "ID"));
            if (root.TryGetProperty(nameof(Hits), out var hits) && hits.ValueKind == JsonValueKind.Number)
            {
                restored.Hits = hits.GetInt32();
            }
            if (root.TryGetProperty(nameof(Snooze), out var snooze) && snooze.ValueKind == JsonValueKind.String)
            {
                var text = snooze.GetString() ?? "";
                var parsed = s_rfc3339Offset.Parse(text);
                if (!parsed.Success)
                {
                    error = $"invalid Snooze <{text}>";
                    return false;
                }
                restored.Snooze = parsed.Value.ToInstant();
            }
            threshold = restored;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static string ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
