using NodaTime;
using Obol.Primitives;

namespace Obol.Trends;

/// <summary>
/// The runs of one trend profile (engine.Trend): each run's time and the metrics read from the StatS queue then, oldest
/// first. Changed only under its lock by <see cref="Add"/>; readers get copies.
/// </summary>
public sealed class Trend(string tenant, string id)
{
    private readonly List<(Instant Time, Dictionary<string, MetricWithTrend> Metrics)> _runs = [];

    public string Tenant { get; } = tenant;

    public string Id { get; } = id;

    public Lock Gate { get; } = new();

    public int RunCount => _runs.Count;

    public IReadOnlyList<(Instant Time, IReadOnlyDictionary<string, MetricWithTrend> Metrics)> Runs =>
        [.. _runs.Select(r => (r.Time, (IReadOnlyDictionary<string, MetricWithTrend>)r.Metrics))];

    /// <summary>Restores a stored run (oldest first).</summary>
    public void Restore(Instant time, Dictionary<string, MetricWithTrend> metrics) => _runs.Add((time, metrics));

    /// <summary>
    /// engine/trends.go computeTrend: drops the runs the TTL and queue length no longer keep, then adds a run at
    /// <paramref name="now"/> with each followed metric's value, its growth in percent against the last value or the
    /// average (rounded <c>*middle</c> to <paramref name="decimals"/>) and its label. A metric the queue lacks is left
    /// out of the run. Returns false when there is nothing to follow.
    /// </summary>
    public bool Add(TrendProfileDefinition profile, IReadOnlyDictionary<string, decimal> queueMetrics, Instant now, int decimals)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(queueMetrics);
        Cleanup(profile.Ttl, profile.QueueLength, now);
        var followed = profile.Metrics is { Count: > 0 } metrics ? metrics : [.. queueMetrics.Keys.Order(StringComparer.Ordinal)];
        if (followed.Count == 0)
        {
            return false;
        }
        var run = new Dictionary<string, MetricWithTrend>(StringComparer.Ordinal);
        foreach (var metricId in followed)
        {
            if (!queueMetrics.TryGetValue(metricId, out var value))
            {
                continue;
            }
            run[metricId] = Previous(metricId, profile.CorrelationType) is { } previous && previous != 0
                ? Labelled(metricId, value, Rounding.Round((value - previous) * 100 / previous, decimals, RoundingMethod.Middle), profile.Tolerance)
                : new MetricWithTrend(metricId, value, -1, MetricWithTrend.NotAvailable);
        }
        _runs.Add((now, run));
        return true;
    }

    /// <summary>The last run as TrendSv1.GetTrendSummary answers it.</summary>
    public TrendSummary Summary() => _runs.Count == 0
        ? new TrendSummary(Tenant, Id, null, new Dictionary<string, MetricWithTrend>())
        : new TrendSummary(Tenant, Id, _runs[^1].Time, new Dictionary<string, MetricWithTrend>(_runs[^1].Metrics, StringComparer.Ordinal));

    /// <summary>The value the growth is measured against; null when no kept run has the metric (no growth, "N/A").
    /// CGRateS divides by a previous zero and gets an infinite growth its JSON cannot carry; here it is "N/A" too.</summary>
    private decimal? Previous(string metricId, string correlation)
    {
        var values = _runs.Where(r => r.Metrics.ContainsKey(metricId)).Select(r => r.Metrics[metricId].Value).ToList();
        if (values.Count == 0)
        {
            return null;
        }
        return correlation == TrendProfile.Average ? values.Sum() / values.Count : values[^1];
    }

    private static MetricWithTrend Labelled(string metricId, decimal value, decimal growth, decimal tolerance)
    {
        var label = Math.Abs(growth) <= tolerance ? MetricWithTrend.Constant
            : growth > 0 ? MetricWithTrend.Positive
            : growth < 0 ? MetricWithTrend.Negative
            : MetricWithTrend.Constant;
        return new MetricWithTrend(metricId, value, growth, label);
    }

    /// <summary>Trend.cleanup: with a TTL of zero or more, the runs not newer than <c>now - TTL</c> go (so a zero TTL keeps
    /// none, as in CGRateS); then the oldest beyond the queue length.</summary>
    private void Cleanup(Usage ttl, int queueLength, Instant now)
    {
        if (ttl.Nanoseconds >= 0)
        {
            var expiry = now - Duration.FromNanoseconds(ttl.Nanoseconds);
            _runs.RemoveAll(r => r.Time <= expiry);
        }
        if (queueLength > 0 && _runs.Count > queueLength)
        {
            _runs.RemoveRange(0, _runs.Count - queueLength);
        }
    }
}

/// <summary>engine.TrendSummary: the last run's time and metrics.</summary>
public sealed record TrendSummary(string Tenant, string Id, Instant? Time, Dictionary<string, MetricWithTrend> Metrics);
