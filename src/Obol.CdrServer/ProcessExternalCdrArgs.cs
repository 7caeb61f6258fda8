using System.Text.Json.Serialization;
using Obol.Cdrs;

namespace Obol.CdrServer;

/// <summary>engine.ExternalCDRWithAPIOpts: the ExternalCDR's fields flattened beside APIOpts.</summary>
public sealed record ProcessExternalCdrArgs : ExternalCdr
{
    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}
