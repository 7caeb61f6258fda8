using NodaTime;

namespace Obol.Rankings;

/// <summary>
/// One ranking (engine.Ranking): the metrics read from each queue at the last run and the queues sorted by them.
/// Immutable; each run makes a new one, so a run that fails half-way leaves the previous ranking whole (CGRateS clears
/// it before reading the queues).
/// </summary>
public sealed record Ranking(
    string Tenant,
    string Id,
    Instant? LastUpdate,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Metrics,
    string Sorting,
    IReadOnlyList<string> SortingParameters,
    IReadOnlyList<string> SortedStatIds)
{
    /// <summary>
    /// engine/rankings.go computeRanking: each queue's metrics (only <c>MetricIDs</c>' when the profile names some), then
    /// the queues sorted. Null with the reason when a queue cannot be read.
    /// </summary>
    public static Ranking? Compute(RankingProfileDefinition profile, Func<string, IReadOnlyDictionary<string, decimal>?> queueMetrics, Instant now,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(queueMetrics);
        var kept = profile.MetricIds is { Count: > 0 } ids ? ids.ToHashSet(StringComparer.Ordinal) : null;
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var statId in profile.StatIds ?? [])
        {
            if (queueMetrics(statId) is not { } values)
            {
                error = $"computing Ranking with ID: <{profile.Tenant}:{profile.Id}> for Stats <{statId}> error: <NOT_FOUND>";
                return null;
            }
            // CGRateS's filter looks the stat ID up in MetricIDs (a slip that drops every metric); the metric ID is meant.
            var selected = values.Where(v => kept is null || kept.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            if (selected.Count != 0)
            {
                metrics[statId] = selected;
            }
        }
        error = null;
        var parameters = profile.SortingParameters ?? [];
        return new Ranking(profile.Tenant, profile.Id, now, metrics, profile.Sorting, parameters,
            Sort(metrics, profile.Sorting == RankingProfile.Descending, parameters));
    }

    /// <summary>The last run without its metrics (engine.RankingSummary).</summary>
    public RankingSummary Summary() => new(Tenant, Id, LastUpdate, SortedStatIds);

    /// <summary>
    /// rankingDescSorter / rankingAscSorter: compared metric by metric in the parameters' order; a queue lacking a metric
    /// goes after one that has it; <c>metric:false</c> reverses that metric. Queues equal on every metric keep stat ID
    /// order, where CGRateS picks at random.
    /// </summary>
    private static List<string> Sort(Dictionary<string, IReadOnlyDictionary<string, decimal>> metrics, bool descending, IReadOnlyList<string> parameters)
    {
        var comparisons = parameters.Select(p => p.Split(':') is [var id, "false", ..] ? (Id: id, Reversed: true) : (Id: p.Split(':')[0], Reversed: false)).ToList();
        var ids = metrics.Keys.Order(StringComparer.Ordinal).ToList();
        ids.Sort((a, b) =>
        {
            foreach (var (metricId, reversed) in comparisons)
            {
                var hasA = metrics[a].TryGetValue(metricId, out var valueA);
                var hasB = metrics[b].TryGetValue(metricId, out var valueB);
                if (!hasA && !hasB)
                {
                    continue;
                }
                if (hasA != hasB)
                {
                    return hasA ? -1 : 1;
                }
                if (valueA == valueB)
                {
                    continue;
                }
                var order = descending ? valueB.CompareTo(valueA) : valueA.CompareTo(valueB);
                return reversed ? -order : order;
            }
            return string.CompareOrdinal(a, b);
        });
        return ids;
    }
}

/// <summary>engine.RankingSummary.</summary>
public sealed record RankingSummary(string Tenant, string Id, Instant? LastUpdate, IReadOnlyList<string> SortedStatIds);
