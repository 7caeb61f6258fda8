using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;

namespace Obol.SessionServer;

/// <summary>
/// A session cost as <c>session_costs</c> keeps it: the run's EventCost JSON, and, where <c>store_session_costs</c>
/// keeps costs, the fields CGRateS's SMCost adds to it (OriginHost, OriginID, CostSource, CreatedAt) in front.
/// </summary>
internal static class StoredSessionCost
{
    private const string CreatedAt = "CreatedAt";
    private static readonly string[] s_origin = ["OriginHost", "OriginID", "CostSource", CreatedAt];
    private static readonly JsonSerializerOptions s_verbatim = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WithOrigin(string eventCostJson, string originHost, string originId, Instant createdAt, string costSource = "*sessions") =>
        $"{{\"OriginHost\":{Quote(originHost)},\"OriginID\":{Quote(originId)},\"CostSource\":{Quote(costSource)},\"{CreatedAt}\":" +
        $"{Quote(InstantPattern.ExtendedIso.Format(createdAt))},{eventCostJson.AsSpan(1)}";

    /// <summary>The EventCost alone, as a CDR carries it.</summary>
    public static string EventCostOf(string json, JsonElement root)
    {
        if (!root.TryGetProperty(CreatedAt, out _))
        {
            return json;
        }
        var node = JsonObject.Create(root)!;
        foreach (var name in s_origin)
        {
            node.Remove(name);
        }
        return node.ToJsonString(s_verbatim);
    }

    /// <summary>The SMCost's CostSource of a kept or posted cost; <c>*sessions</c> for SessionS's own, which carry none.</summary>
    public static string CostSourceOf(JsonElement root) =>
        root.TryGetProperty(CreatedAt, out _) && root.TryGetProperty("CostSource", out var source) && source.ValueKind == JsonValueKind.String
            ? source.GetString()!
            : "*sessions";

    /// <summary>The fields a <see cref="SessionCostFilter"/> looks at; false for a document that is not an object.</summary>
    public static bool TryRead(string key, string json, out SessionCostRecord record)
    {
        record = null!;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            var usage = root.TryGetProperty("Usage", out var u) && u.TryGetInt64(out var ns) ? new Usage(ns) : Usage.Zero;
            Instant? created = InstantPattern.ExtendedIso.Parse(Text(CreatedAt)) is { Success: true } parsed ? parsed.Value : null;
            record = new SessionCostRecord(slash < 0 ? key : key[..slash], slash < 0 ? "" : key[(slash + 1)..], Text("OriginHost"), Text("OriginID"),
                CostSourceOf(root), usage, created);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, s_verbatim);
}
