using System.Text.Json.Serialization;
using NodaTime;
using Obol.GoJson;
using Obol.Trends;

namespace Obol.Engine;

/// <summary>engine.Trend on the wire and in the store: the run times, and the runs' metrics under each time's RFC 3339
/// text (Go marshals a <c>map[time.Time]</c> by the keys' text).</summary>
internal sealed record TrendWire(
    string Tenant,
    [property: JsonPropertyName("ID")] string Id,
    List<Instant> RunTimes,
    Dictionary<string, Dictionary<string, MetricWithTrend>> Metrics,
    string? CompressedMetrics = null)
{
    public static TrendWire Of(Trend trend, Func<Instant, bool>? keep = null)
    {
        var runs = trend.Runs.Where(r => keep?.Invoke(r.Time) ?? true).ToList();
        return new TrendWire(trend.Tenant, trend.Id, [.. runs.Select(r => r.Time)],
            runs.ToDictionary(r => GoJsonTimes.FormatRfc3339Nano(r.Time), r => new Dictionary<string, MetricWithTrend>(r.Metrics, StringComparer.Ordinal),
                StringComparer.Ordinal));
    }

    /// <summary>The stored trend back; runs whose key does not read as a time are dropped.</summary>
    public Trend ToTrend()
    {
        var trend = new Trend(Tenant, Id);
        var runs = new List<(Instant, Dictionary<string, MetricWithTrend>)>();
        foreach (var (key, metrics) in Metrics ?? [])
        {
            if (GoJsonTimes.TryParseRfc3339(key, out var time))
            {
                runs.Add((time.ToInstant(), metrics));
            }
        }
        foreach (var (time, metrics) in runs.OrderBy(r => r.Item1))
        {
            trend.Restore(time, metrics);
        }
        return trend;
    }
}

/// <summary>engine.TrendSummary on the wire; no run yet is Go's zero time.</summary>
internal sealed record TrendSummaryWire(string Tenant, [property: JsonPropertyName("ID")] string Id, Instant Time,
    Dictionary<string, MetricWithTrend> Metrics)
{
    public static TrendSummaryWire Of(TrendSummary summary) =>
        new(summary.Tenant, summary.Id, summary.Time ?? GoJsonTimes.ZeroInstant, summary.Metrics);
}

/// <summary>utils.ScheduledTrend.</summary>
internal sealed record ScheduledTrendWire([property: JsonPropertyName("TrendID")] string TrendId, Instant Next, Instant Previous);

/// <summary>utils.ScheduledRanking.</summary>
internal sealed record ScheduledRankingWire([property: JsonPropertyName("RankingID")] string RankingId, Instant Next, Instant Previous);

/// <summary>utils.ArgGetTrend.</summary>
internal sealed record GetTrendArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public int RunIndexStart { get; init; }

    public int RunIndexEnd { get; init; }

    public string? RunTimeStart { get; init; }

    public string? RunTimeEnd { get; init; }
}

/// <summary>utils.ArgScheduleTrendQueries / ArgScheduleRankingQueries and ArgScheduledTrends / ArgScheduledRankings.</summary>
internal sealed record ScheduleArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("TrendIDs")]
    public List<string>? TrendIds { get; init; }

    [JsonPropertyName("RankingIDs")]
    public List<string>? RankingIds { get; init; }

    [JsonPropertyName("TrendIDPrefixes")]
    public List<string>? TrendIdPrefixes { get; init; }

    [JsonPropertyName("RankingIDPrefixes")]
    public List<string>? RankingIdPrefixes { get; init; }
}
