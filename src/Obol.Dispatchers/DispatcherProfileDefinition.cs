using System.Text.Json;
using System.Text.Json.Serialization;
using Obol.Events;

namespace Obol.Dispatchers;

/// <summary>
/// A dispatcher profile as CGRateS puts it on the wire (APIerSv1.SetDispatcherProfile, engine.DispatcherProfile):
/// Go's property names, so System.Text.Json reads and writes it directly. <see cref="DispatcherProfile.Compile"/>
/// validates it.
/// </summary>
public sealed record DispatcherProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    /// <summary>The subsystems whose requests the profile dispatches (<c>*sessions</c>, <c>*attributes</c>...), or <c>*any</c>.</summary>
    public IReadOnlyList<string>? Subsystems { get; init; }

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public string Strategy { get; init; } = "";

    /// <summary>Go's <c>map[string]any</c>: <c>*default_ratio</c> makes a load dispatcher; values kept as sent.</summary>
    public IReadOnlyDictionary<string, JsonElement>? StrategyParams { get; init; }

    public decimal Weight { get; init; }

    public IReadOnlyList<DispatcherHostProfileDefinition>? Hosts { get; init; }
}

/// <summary>One host of a profile (engine.DispatcherHostProfile): the host's ID, when it applies and its order.</summary>
public sealed record DispatcherHostProfileDefinition
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public decimal Weight { get; init; }

    /// <summary><c>*ratio</c> gives the host's share under a load dispatcher.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Params { get; init; }

    /// <summary>No host after this one is tried.</summary>
    public bool Blocker { get; init; }
}
