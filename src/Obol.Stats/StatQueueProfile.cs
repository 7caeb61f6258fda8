using Obol.Events;
using Obol.Filters;
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
/// </summary>
public sealed record StatQueueProfile(string Tenant, string Id) : IEventProfile
{
    public ActivationWindow? Activation { get; init; }

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

    /// <summary>Whether a queue built for <paramref name="other"/> can keep serving this profile: same length, TTL,
    /// minimum and metrics. Anything else (filters, weight, thresholds) changes without losing the counted events.</summary>
    public bool KeepsQueueOf(StatQueueProfile other) =>
        QueueLength == other.QueueLength && Ttl == other.Ttl && MinItems == other.MinItems && Stored == other.Stored
        && Metrics.SequenceEqual(other.Metrics, MetricComparer.Instance);

    private sealed class MetricComparer : IEqualityComparer<MetricWithFilters>
    {
        public static readonly MetricComparer Instance = new();

        public bool Equals(MetricWithFilters? x, MetricWithFilters? y) =>
            x is not null && y is not null && x.MetricId == y.MetricId && x.FilterIds.SequenceEqual(y.FilterIds);

        public int GetHashCode(MetricWithFilters obj) => obj.MetricId.GetHashCode(StringComparison.Ordinal);
    }
}
