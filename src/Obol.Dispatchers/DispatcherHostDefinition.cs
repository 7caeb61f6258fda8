using System.Text.Json.Serialization;
using Obol.Primitives;

namespace Obol.Dispatchers;

/// <summary>
/// A dispatcher host as CGRateS puts it on the wire (engine.DispatcherHost, which embeds config.RemoteHost): where a
/// dispatcher forwards requests. Durations are Go's <c>time.Duration</c>, nanoseconds on the wire.
/// </summary>
public sealed record DispatcherHostDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    /// <summary><c>host:port</c>, or <c>*internal</c> for this engine's own services.</summary>
    public string Address { get; init; } = "";

    /// <summary><c>*json</c> (the default), <c>*birpc_json</c> or <c>*http_jsonrpc</c>; Go's <c>*gob</c> is not spoken here.</summary>
    public string Transport { get; init; } = "";

    public int ConnectAttempts { get; init; }

    public int Reconnects { get; init; }

    public Usage MaxReconnectInterval { get; init; }

    public Usage ConnectTimeout { get; init; }

    public Usage ReplyTimeout { get; init; }

    [JsonPropertyName("TLS")]
    public bool Tls { get; init; }

    public string ClientKey { get; init; } = "";

    public string ClientCertificate { get; init; } = "";

    public string CaCertificate { get; init; } = "";
}
