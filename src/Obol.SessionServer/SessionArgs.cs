using System.Text.Json.Serialization;
using Obol.Api;

namespace Obol.SessionServer;

/// <summary>sessions.V1AuthorizeArgs: the flags, then the CGREvent's fields flattened beside them.</summary>
public sealed record AuthorizeArgs : EmbeddedEvent
{
    public bool GetAttributes { get; init; }
    public bool AuthorizeResources { get; init; }
    [JsonPropertyName("AuthorizeIP")] public bool AuthorizeIp { get; init; }
    public bool GetMaxUsage { get; init; }
    public bool ForceDuration { get; init; }
    public bool ProcessThresholds { get; init; }
    public bool ProcessStats { get; init; }
    public bool GetRoutes { get; init; }
    public string? RoutesMaxCost { get; init; }
    public bool RoutesIgnoreErrors { get; init; }
    [JsonPropertyName("AttributeIDs")] public List<string>? AttributeIds { get; init; }
    [JsonPropertyName("ThresholdIDs")] public List<string>? ThresholdIds { get; init; }
    [JsonPropertyName("StatIDs")] public List<string>? StatIds { get; init; }
}

/// <summary>sessions.V1InitSessionArgs.</summary>
public sealed record InitiateArgs : EmbeddedEvent
{
    public bool GetAttributes { get; init; }
    public bool AllocateResources { get; init; }
    [JsonPropertyName("AllocateIP")] public bool AllocateIp { get; init; }
    public bool InitSession { get; init; }
    public bool ForceDuration { get; init; }
    public bool ProcessThresholds { get; init; }
    public bool ProcessStats { get; init; }
    [JsonPropertyName("AttributeIDs")] public List<string>? AttributeIds { get; init; }
    [JsonPropertyName("ThresholdIDs")] public List<string>? ThresholdIds { get; init; }
    [JsonPropertyName("StatIDs")] public List<string>? StatIds { get; init; }
}

/// <summary>sessions.V1UpdateSessionArgs.</summary>
public sealed record UpdateArgs : EmbeddedEvent
{
    public bool GetAttributes { get; init; }
    public bool UpdateSession { get; init; }
    public bool ForceDuration { get; init; }
    public bool ProcessThresholds { get; init; }
    public bool ProcessStats { get; init; }
    [JsonPropertyName("AttributeIDs")] public List<string>? AttributeIds { get; init; }
    [JsonPropertyName("ThresholdIDs")] public List<string>? ThresholdIds { get; init; }
    [JsonPropertyName("StatIDs")] public List<string>? StatIds { get; init; }
}

/// <summary>sessions.V1TerminateSessionArgs.</summary>
public sealed record TerminateArgs : EmbeddedEvent
{
    public bool TerminateSession { get; init; }
    public bool ForceDuration { get; init; }
    public bool ReleaseResources { get; init; }
    [JsonPropertyName("ReleaseIP")] public bool ReleaseIp { get; init; }
    public bool ProcessThresholds { get; init; }
    public bool ProcessStats { get; init; }
    [JsonPropertyName("ThresholdIDs")] public List<string>? ThresholdIds { get; init; }
    [JsonPropertyName("StatIDs")] public List<string>? StatIds { get; init; }
}

/// <summary>sessions.V1ProcessMessageArgs.</summary>
public sealed record ProcessMessageArgs : EmbeddedEvent
{
    public bool GetAttributes { get; init; }
    public bool AllocateResources { get; init; }
    [JsonPropertyName("AllocateIP")] public bool AllocateIp { get; init; }
    public bool Debit { get; init; }
    public bool ForceDuration { get; init; }
    public bool ProcessThresholds { get; init; }
    public bool ProcessStats { get; init; }
    public bool GetRoutes { get; init; }
    public string? RoutesMaxCost { get; init; }
    public bool RoutesIgnoreErrors { get; init; }
    [JsonPropertyName("AttributeIDs")] public List<string>? AttributeIds { get; init; }
    [JsonPropertyName("ThresholdIDs")] public List<string>? ThresholdIds { get; init; }
    [JsonPropertyName("StatIDs")] public List<string>? StatIds { get; init; }
}

/// <summary>utils.SessionFilter (GetActiveSessions, ForceDisconnect also carries an Event for the disconnect).</summary>
public sealed record SessionFilterArgs
{
    public int? Limit { get; init; }
    public List<string>? Filters { get; init; }
    public string? Tenant { get; init; }
    [JsonPropertyName("APIOpts")] public Dictionary<string, object?>? ApiOpts { get; init; }
    public Dictionary<string, object?>? Event { get; init; }
}

/// <summary>sessions.V1ProcessEventArgs: the subsystems as flags (<c>*rals:*initiate</c>, <c>*cdrs</c>...) and the event.</summary>
public sealed record ProcessEventRequest : EmbeddedEvent
{
    public List<string>? Flags { get; init; }
}
