using System.Text.Json.Serialization;
using Obol.Api;
using Obol.Routes;

namespace Obol.SessionServer;

/// <summary>sessions.V1AuthorizeReply (every field omitempty); also V1ProcessMessageReply's shape. MaxUsage in nanoseconds.</summary>
public sealed record AuthorizeReply
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AttributeReply? Attributes { get; set; }
    [JsonPropertyName("AllocatedIP"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AllocatedIpWire? AllocatedIp { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ResourceAllocation { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? MaxUsage { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<SortedRoutes>? RouteProfiles { get; set; }
    // Omitted when not asked for; asked for and matching nothing, null.
    [JsonPropertyName("ThresholdIDs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(NullWhenEmptyIds))]
    public IReadOnlyList<string>? ThresholdIds { get; set; }
    [JsonPropertyName("StatQueueIDs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(NullWhenEmptyIds))]
    public IReadOnlyList<string>? StatQueueIds { get; set; }
}

/// <summary>V1AuthorizeReplyWithDigest: one-level strings (null when not asked for), MaxUsage in seconds (a float).</summary>
public sealed record DigestReply
{
    public string? AttributesDigest { get; init; }
    [JsonPropertyName("AllocatedIP")] public string? AllocatedIp { get; init; }
    public string? ResourceAllocation { get; init; }
    public double MaxUsage { get; init; }
    public string? RoutesDigest { get; init; }
    public string? Thresholds { get; init; }
    public string? StatQueues { get; init; }
}

/// <summary>V1InitReplyWithDigest: as <see cref="DigestReply"/> without routes.</summary>
public sealed record InitDigestReply
{
    public string? AttributesDigest { get; init; }
    [JsonPropertyName("AllocatedIP")] public string? AllocatedIp { get; init; }
    public string? ResourceAllocation { get; init; }
    public double MaxUsage { get; init; }
    public string? Thresholds { get; init; }
    public string? StatQueues { get; init; }
}

/// <summary>sessions.ExternalSession: one entry per session run in GetActiveSessions.</summary>
public sealed record ExternalSession
{
    [JsonPropertyName("CGRID")] public required string CgrId { get; init; }
    [JsonPropertyName("RunID")] public required string RunId { get; init; }
    public string ToR { get; init; } = "";
    [JsonPropertyName("OriginID")] public string OriginId { get; init; } = "";
    public string OriginHost { get; init; } = "";
    public string Source { get; init; } = "";
    public string RequestType { get; init; } = "";
    public string Tenant { get; init; } = "";
    public string Category { get; init; } = "";
    public string Account { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Destination { get; init; } = "";
    public NodaTime.Instant SetupTime { get; init; }
    public NodaTime.Instant AnswerTime { get; init; }
    public long Usage { get; init; }
    public Dictionary<string, string> ExtraFields { get; init; } = [];
    [JsonPropertyName("NodeID")] public string NodeId { get; init; } = "";
    public int LoopIndex { get; init; }
    public long DurationIndex { get; init; }
    public decimal MaxRate { get; init; }
    public long MaxRateUnit { get; init; }
    public decimal MaxCostSoFar { get; init; }
    public long DebitInterval { get; init; }
    public NodaTime.Instant NextAutoDebit { get; init; }
}

/// <summary>sessions.V1ProcessEventReply: every answer keyed by run (<c>*raw</c> unless <c>*derived_reply</c>).</summary>
public sealed record ProcessEventReply
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, long>? MaxUsage { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, decimal>? Cost { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, string>? ResourceAllocation { get; set; }
    [JsonPropertyName("AllocatedIP"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, AllocatedIpWire?>? AllocatedIp { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, AttributeReply>? Attributes { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, IReadOnlyList<SortedRoutes>>? RouteProfiles { get; set; }
    [JsonPropertyName("ThresholdIDs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, IReadOnlyList<string>?>? ThresholdIds { get; set; }
    [JsonPropertyName("StatQueueIDs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, IReadOnlyList<string>?>? StatQueueIds { get; set; }
    [JsonPropertyName("STIRIdentity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, string>? StirIdentity { get; set; }

    /// <summary>Every map is omitempty in Go: one left empty (a flag whose subsystem answered nothing) is left out.</summary>
    internal ProcessEventReply WithoutEmptyMaps()
    {
        static Dictionary<string, T>? Kept<T>(Dictionary<string, T>? map) => map is { Count: > 0 } ? map : null;
        MaxUsage = Kept(MaxUsage);
        Cost = Kept(Cost);
        ResourceAllocation = Kept(ResourceAllocation);
        AllocatedIp = Kept(AllocatedIp);
        Attributes = Kept(Attributes);
        RouteProfiles = Kept(RouteProfiles);
        ThresholdIds = Kept(ThresholdIds);
        StatQueueIds = Kept(StatQueueIds);
        StirIdentity = Kept(StirIdentity);
        return this;
    }
}

/// <summary>sessions.V1GetCostReply.</summary>
public sealed record GetCostReply(AttributeReply? Attributes, Rating.EventCost? EventCost);
