using System.Text.Json.Serialization;
using Obol.Events;

namespace Obol.Chargers;

/// <summary>
/// A charger profile as CGRateS puts it on the wire (APIerSv1.SetChargerProfile, ChargerProfile): Go's property
/// names, so System.Text.Json reads and writes it directly. <see cref="ChargerProfile.Compile"/> validates it.
/// </summary>
public sealed record ChargerProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    /// <summary>The run the forked event gets in its <c>RunID</c> field (<c>*default</c>, <c>*raw</c>...).</summary>
    [JsonPropertyName("RunID")]
    public string RunId { get; init; } = "";

    /// <summary>Attribute profile IDs or inline attributes for AttributeS; <c>[*none]</c> skips AttributeS, an
    /// empty list lets AttributeS choose by its filters in context <c>*chargers</c>.</summary>
    [JsonPropertyName("AttributeIDs")]
    public IReadOnlyList<string>? AttributeIds { get; init; }

    public decimal Weight { get; init; }
}
