using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Obol.Stats;

/// <summary>The stored form: CGRateS's StatQueue JSON (StatSv1.GetStatQueue), so a queue survives a restart.</summary>
public sealed partial class StatQueue
{
    /// <summary>Go's RFC3339Nano for UTC times: trailing zeros of the fraction dropped.</summary>
    private static readonly InstantPattern s_rfc3339Nano = InstantPattern.ExtendedIso;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(StoredNames.Tenant, Tenant);
            writer.WriteString(StoredNames.Id, Id);
            writer.WriteStartArray(StoredNames.Items);
            foreach (var item in _items)
            {
                writer.WriteStartObject();
                writer.WriteString(StoredNames.EventId, item.EventId);
                if (item.ExpiryTime is { } expiry)
                {
                    writer.WriteString(StoredNames.ExpiryTime, s_rfc3339Nano.Format(expiry));
                }
                else
                {
                    writer.WriteNull(StoredNames.ExpiryTime);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject(StoredNames.Metrics);
            foreach (var (id, metric) in _metrics)
            {
                writer.WritePropertyName(id);
                metric.WriteTo(writer);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Restores a queue written by <see cref="ToJson"/> (or by CGRateS) for <paramref name="profile"/>; the
    /// metrics are the stored ones, with their stored MinItems and filters, as CGRateS restores them.</summary>
    public static bool TryFromJson(string json, StatQueueProfile profile, DateTimeZone? timezone,
        [NotNullWhen(true)] out StatQueue? queue, [NotNullWhen(false)] out string? error)
    {
        queue = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var restored = new StatQueue(profile);
            if (root.TryGetProperty(StoredNames.Items, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    Instant? expiry = null;
                    if (item.TryGetProperty(StoredNames.ExpiryTime, out var expiryText) && expiryText.ValueKind == JsonValueKind.String)
                    {
                        var parsed = s_rfc3339Nano.Parse(expiryText.GetString() ?? "");
                        if (!parsed.Success)
                        {
                            error = $"invalid ExpiryTime <{expiryText.GetString()}>";
                            return false;
                        }
                        expiry = parsed.Value;
                    }
                    restored._items.Add(new StatQueueItem(JsonState.ReadString(item, StoredNames.EventId), expiry));
                }
            }
            foreach (var property in JsonState.ReadMap(root, StoredNames.Metrics))
            {
                if (!StatMetric.TryCreate(property.Name, 0, [], timezone ?? DateTimeZone.Utc, out var metric, out error))
                {
                    return false;
                }
                metric.ReadFrom(property.Value);
                restored._metrics[property.Name] = metric;
            }
            queue = restored;
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = e.Message;
            return false;
        }
    }
}
