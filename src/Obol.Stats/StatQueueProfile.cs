using Obol.Primitives;

namespace Obol.Stats;

/// <summary>A metric of a profile with the filters an event must pass to be counted by it (Stats.csv MetricFilterIDs).</summary>
public sealed record MetricWithFilters(string MetricId, IReadOnlyList<string> FilterIds)
{
    public MetricWithFilters(string metricId)
        : this(metricId, [])
    {
    }
}

/// <summary>
/// A StatS queue profile (CGRateS StatQueueProfile, one Stats.csv row group). <see cref="QueueLength"/> ≤ 0 is
/// unbounded; <see cref="Ttl"/> ≤ 0 never expires; both -1 make a queue that aggregates without remembering events.
/// Profile filters and activation are matched by the caller.
/// </summary>
public sealed record StatQueueProfile(string Tenant, string Id)
{
    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public int QueueLength { get; init; }

    public Usage Ttl { get; init; }

    public int MinItems { get; init; }

    public IReadOnlyList<MetricWithFilters> Metrics { get; init; } = [];

    public bool Stored { get; init; }

    public bool Blocker { get; init; }

    public decimal Weight { get; init; }

    public IReadOnlyList<string> ThresholdIds { get; init; } = [];

    /// <summary>Queues with TTL and QueueLength both -1 keep only the aggregates (CGRateS isOneEvent).</summary>
    public bool AggregatesOnly => Ttl.Nanoseconds == -1 && QueueLength == -1;
}
