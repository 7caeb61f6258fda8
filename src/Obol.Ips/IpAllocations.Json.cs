using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime.Text;

namespace Obol.Ips;

/// <summary>
/// The stored and wire form, CGRateS's IPAllocations JSON (IPsV1.GetIPAllocations):
/// <c>{"Tenant","ID","Allocations":{id:{"PoolID","Address","Time"}},"TTLIndex":[…]}</c>, allocations in key order as
/// Go writes maps, TTLIndex oldest first (null when empty, as a fresh one is in Go).
/// </summary>
public sealed partial class IpAllocations
{
    private static readonly InstantPattern s_rfc3339Nano = InstantPattern.ExtendedIso;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(nameof(Tenant), Tenant);
        writer.WriteString("ID", Id);
        writer.WriteStartObject(nameof(Allocations));
        foreach (var id in _allocations.Keys.Order(StringComparer.Ordinal))
        {
            var allocation = _allocations[id];
            writer.WriteStartObject(id);
            writer.WriteString("PoolID", allocation.PoolId);
            writer.WriteString(nameof(PoolAllocation.Address), allocation.Address.ToString());
            writer.WriteString(nameof(PoolAllocation.Time), s_rfc3339Nano.Format(allocation.Time));
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        if (_ttlOrder.Count == 0)
        {
            writer.WriteNull("TTLIndex");
        }
        else
        {
            writer.WriteStartArray("TTLIndex");
            foreach (var id in _ttlOrder)
            {
                writer.WriteStringValue(id);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads <see cref="ToJson"/>'s form back; the TTL order is TTLIndex's, then any allocation it left out by
    /// time.</summary>
    public static bool TryFromJson(string json, [NotNullWhen(true)] out IpAllocations? allocations, [NotNullWhen(false)] out string? error)
    {
        allocations = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var result = new IpAllocations(root.GetProperty(nameof(Tenant)).GetString() ?? "", root.GetProperty("ID").GetString() ?? "");
            var read = new Dictionary<string, PoolAllocation>(StringComparer.Ordinal);
            if (root.TryGetProperty(nameof(Allocations), out var items) && items.ValueKind == JsonValueKind.Object)
            {
                foreach (var item in items.EnumerateObject())
                {
                    var address = item.Value.GetProperty("Address").GetString() ?? "";
                    var time = item.Value.GetProperty("Time").GetString() ?? "";
                    if (!IPAddress.TryParse(address, out var parsed))
                    {
                        error = $"allocation {item.Name}: Address <{address}> is not an IP address";
                        return false;
                    }
                    if (OffsetDateTimePattern.ExtendedIso.Parse(time) is not { Success: true } at)
                    {
                        error = $"allocation {item.Name}: Time <{time}> is not an RFC 3339 time";
                        return false;
                    }
                    read[item.Name] = new PoolAllocation(item.Value.GetProperty("PoolID").GetString() ?? "", parsed, at.Value.ToInstant());
                }
            }
            if (root.TryGetProperty("TTLIndex", out var order) && order.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in order.EnumerateArray().Select(e => e.GetString() ?? ""))
                {
                    if (read.Remove(id, out var allocation))
                    {
                        result.Record(id, allocation);
                    }
                }
            }
            foreach (var (id, allocation) in read.OrderBy(a => a.Value.Time))
            {
                result.Record(id, allocation);
            }
            allocations = result;
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = e.Message;
            return false;
        }
    }
}
