using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using NodaTime.Text;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>
/// The stored and wire form, CGRateS's Resource JSON (ResourceSv1.GetResource):
/// <c>{"Tenant","ID","Usages":{id:{"Tenant","ID","ExpiryTime","Units"}},"TTLIdx"}</c>, usages in key order as Go
/// writes maps, numbers as Go writes float64.
/// </summary>
public sealed partial class Resource
{
    private static readonly InstantPattern s_rfc3339Nano = InstantPattern.ExtendedIso;
    private static readonly OffsetDateTimePattern s_rfc3339Offset = OffsetDateTimePattern.ExtendedIso;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the resource as one JSON object (for replies holding several, such as GetResourcesForEvent).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(nameof(Tenant), Tenant);
        writer.WriteString("ID", Id);
        writer.WriteStartObject(nameof(Usages));
        foreach (var id in _usages.Keys.Order(StringComparer.Ordinal))
        {
            var usage = _usages[id];
            writer.WriteStartObject(id);
            writer.WriteString(nameof(Tenant), usage.Tenant);
            writer.WriteString("ID", usage.Id);
            writer.WriteString(nameof(ResourceUsage.ExpiryTime), s_rfc3339Nano.Format(usage.ExpiryTime));
            writer.WritePropertyName(nameof(ResourceUsage.Units));
            writer.WriteRawValue(GoFloat.Format(usage.Units), skipInputValidation: true);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        if (_ttlIndex is null)
        {
            writer.WriteNull("TTLIdx");
        }
        else
        {
            writer.WriteStartArray("TTLIdx");
            foreach (var id in _ttlIndex)
            {
                writer.WriteStringValue(id);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    public static bool TryFromJson(string json, [NotNullWhen(true)] out Resource? resource, [NotNullWhen(false)] out string? error)
    {
        resource = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "resource JSON is not an object";
                return false;
            }
            var restored = new Resource(ReadString(root, nameof(Tenant)), ReadString(root, "ID"));
            if (root.TryGetProperty(nameof(Usages), out var usages) && usages.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in usages.EnumerateObject())
                {
                    if (!TryReadUsage(property.Value, out var usage, out error))
                    {
                        error = $"usage {property.Name}: {error}";
                        return false;
                    }
                    if (restored._usages.TryGetValue(property.Name, out var repeated))
                    {
                        restored._total -= repeated.Units;
                    }
                    restored._usages[property.Name] = usage;
                    restored._total += usage.Units;
                }
            }
            if (root.TryGetProperty("TTLIdx", out var index) && index.ValueKind == JsonValueKind.Array)
            {
                restored._ttlIndex = [.. index.EnumerateArray().Select(e => e.GetString() ?? "")];
            }
            resource = restored;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool TryReadUsage(JsonElement element, [NotNullWhen(true)] out ResourceUsage? usage, [NotNullWhen(false)] out string? error)
    {
        usage = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "not an object";
            return false;
        }
        var expiry = ResourceUsage.NoExpiry;
        if (element.TryGetProperty(nameof(ResourceUsage.ExpiryTime), out var time) && time.ValueKind == JsonValueKind.String)
        {
            var text = time.GetString() ?? "";
            var parsed = s_rfc3339Offset.Parse(text);
            if (!parsed.Success)
            {
                error = $"invalid ExpiryTime <{text}>";
                return false;
            }
            expiry = parsed.Value.ToInstant();
        }
        decimal units = 0;
        if (element.TryGetProperty(nameof(ResourceUsage.Units), out var number) && number.ValueKind == JsonValueKind.Number
            && !number.TryGetDecimal(out units))
        {
            error = $"invalid Units {number.GetRawText()}";
            return false;
        }
        usage = new ResourceUsage(ReadString(element, nameof(Tenant)), ReadString(element, "ID"), expiry, units);
        error = null;
        return true;
    }

    private static string ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
