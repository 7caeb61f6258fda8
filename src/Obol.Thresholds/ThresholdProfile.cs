using Obol.Primitives;

namespace Obol.Thresholds;

/// <summary>
/// A ThresholdS profile (CGRateS ThresholdProfile, one Thresholds.csv row group). Filters are matched by the caller;
/// the activation window is checked against the event time while processing.
/// </summary>
public sealed record ThresholdProfile(string Tenant, string Id) : Obol.Events.IEventProfile
{
    /// <summary>The MaxHits value meaning "fire on every hit".</summary>
    public const int UnlimitedHits = -1;

    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public ActivationInterval? ActivationInterval { get; init; }

    public int MaxHits { get; init; } = UnlimitedHits;

    public int MinHits { get; init; }

    public Usage MinSleep { get; init; }

    public bool Blocker { get; init; }

    public decimal Weight { get; init; }

    /// <summary>Action set IDs, each executed on its own when the threshold fires.</summary>
    public IReadOnlyList<string> ActionIds { get; init; } = [];

    public bool Async { get; init; }

    /// <summary>Exporters to send hits to (EEs); kept so a profile reads back as it was set.</summary>
    public IReadOnlyList<string> EeIds { get; init; } = [];

    /// <summary>Once Hits reaches MaxHits the threshold is spent: further events neither count nor report it.</summary>
    public bool IsExhausted(int hits) => MaxHits != UnlimitedHits && hits >= MaxHits;
}
