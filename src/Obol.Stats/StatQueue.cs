using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Obol.Stats;

/// <summary>
/// A stat queue (CGRateS engine/libstats.go StatQueue): the last events of a profile and the metrics computed over
/// them. Events leave when their TTL passes or when the queue is full; each metric forgets them as they leave.
/// Not thread-safe: StatS locks a queue while it processes an event.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "CGRateS's StatQueue, the domain name; not a .NET queue collection.")]
public sealed partial class StatQueue
{
    private readonly List<StatQueueItem> _items = [];
    private readonly Dictionary<string, StatMetric> _metrics = new(StringComparer.Ordinal);

    private StatQueue(StatQueueProfile profile)
    {
        Profile = profile;
    }

    public StatQueueProfile Profile { get; }

    public string Tenant => Profile.Tenant;

    public string Id => Profile.Id;

    /// <summary>Held events, oldest first.</summary>
    public IReadOnlyList<StatQueueItem> Items => _items;

    /// <summary>The metrics by full id (<c>*tcc</c>, <c>*sum#~*req.Usage</c>), in profile order.</summary>
    public IReadOnlyDictionary<string, StatMetric> Metrics => _metrics;

    /// <summary>An empty queue for <paramref name="profile"/>; zone-less AnswerTime strings are read in
    /// <paramref name="timezone"/> (general.default_timezone, UTC when null).</summary>
    public static bool TryCreate(StatQueueProfile profile, DateTimeZone? timezone,
        [NotNullWhen(true)] out StatQueue? queue, [NotNullWhen(false)] out string? error)
    {
        queue = new StatQueue(profile);
        foreach (var metric in profile.Metrics)
        {
            if (!StatMetric.TryCreate(metric.MetricId, profile.MinItems, metric.FilterIds, timezone ?? DateTimeZone.Utc,
                    out var created, out error))
            {
                queue = null;
                return false;
            }
            queue._metrics[metric.MetricId] = created;
        }
        error = null;
        return true;
    }

    /// <summary>
    /// Counts the event: drops expired items, makes room when the queue is full, then adds the event to every metric
    /// whose filters it passes (all when <paramref name="filter"/> is null). False with the first metric's error when
    /// a metric cannot read the event; as in CGRateS the item stays queued and metrics before it keep the event.
    /// </summary>
    public bool TryProcessEvent(string eventId, IStatEvent statEvent, Instant now, MetricFilter? filter,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (Profile.AggregatesOnly)
        {
            foreach (var metric in _metrics.Values)
            {
                if (Passes(metric, statEvent, filter) && !metric.TryAddOneEvent(statEvent, out error))
                {
                    return false;
                }
            }
            return true;
        }
        RemoveExpired(now);
        RemoveOnQueueLength();
        Instant? expiry = Profile.Ttl.Nanoseconds > 0 ? now + Duration.FromNanoseconds(Profile.Ttl.Nanoseconds) : null;
        _items.Add(new StatQueueItem(eventId, expiry));
        foreach (var metric in _metrics.Values)
        {
            if (Passes(metric, statEvent, filter) && !metric.TryAddEvent(eventId, statEvent, out error))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Drops the items whose expiry is not after <paramref name="now"/>; returns how many went.</summary>
    public int RemoveExpired(Instant now)
    {
        var removed = 0;
        // Items are in arrival order and share one TTL, so the first unexpired one ends the scan.
        while (removed < _items.Count && _items[removed].ExpiryTime is { } expiry && expiry <= now)
        {
            RemoveEventFromMetrics(_items[removed].EventId);
            removed++;
        }
        _items.RemoveRange(0, removed);
        return removed;
    }

    /// <summary>GetQueueStringMetrics: each metric's string value.</summary>
    public Dictionary<string, string> GetStringMetrics(int roundingDecimals = MetricIds.DefaultRoundingDecimals) =>
        _metrics.ToDictionary(m => m.Key, m => m.Value.GetStringValue(roundingDecimals), StringComparer.Ordinal);

    /// <summary>GetQueueFloatMetrics: each metric's float value (durations in nanoseconds, -1 when N/A).</summary>
    public Dictionary<string, decimal> GetFloatMetrics(int roundingDecimals = MetricIds.DefaultRoundingDecimals) =>
        _metrics.ToDictionary(m => m.Key, m => m.Value.GetFloatValue(roundingDecimals), StringComparer.Ordinal);

    private static bool Passes(StatMetric metric, IStatEvent statEvent, MetricFilter? filter) =>
        filter is null || metric.FilterIds.Count == 0 || filter(metric.FilterIds, statEvent);

    private void RemoveOnQueueLength()
    {
        // CGRateS parity: remOnQueueLength drops one item when the queue is exactly full, making room for the new one.
        if (Profile.QueueLength <= 0 || _items.Count != Profile.QueueLength)
        {
            return;
        }
        RemoveEventFromMetrics(_items[0].EventId);
        _items.RemoveAt(0);
    }

    private void RemoveEventFromMetrics(string eventId)
    {
        foreach (var metric in _metrics.Values)
        {
            metric.RemoveEvent(eventId);
        }
    }
}
