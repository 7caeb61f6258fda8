using System.Text.Json.Serialization;
using NodaTime;
using Obol.GoJson;
using Obol.Rankings;

namespace Obol.Engine;

/// <summary>engine.Ranking on the wire and in the store; no run yet is Go's zero time.</summary>
internal sealed record RankingWire(
    string Tenant,
    [property: JsonPropertyName("ID")] string Id,
    Instant LastUpdate,
    Dictionary<string, Dictionary<string, decimal>> Metrics,
    string Sorting,
    List<string> SortingParameters,
    [property: JsonPropertyName("SortedStatIDs")] List<string> SortedStatIds)
{
    public static RankingWire Of(Ranking ranking) => new(ranking.Tenant, ranking.Id, ranking.LastUpdate ?? GoJsonTimes.ZeroInstant,
        ranking.Metrics.ToDictionary(m => m.Key, m => m.Value.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        ranking.Sorting, [.. ranking.SortingParameters], [.. ranking.SortedStatIds]);

    public Ranking ToRanking() => new(Tenant, Id, LastUpdate == GoJsonTimes.ZeroInstant ? null : LastUpdate,
        (Metrics ?? []).ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, decimal>)m.Value, StringComparer.Ordinal),
        Sorting ?? "", SortingParameters ?? [], SortedStatIds ?? []);
}

/// <summary>engine.RankingSummary on the wire.</summary>
internal sealed record RankingSummaryWire(string Tenant, [property: JsonPropertyName("ID")] string Id, Instant LastUpdate,
    [property: JsonPropertyName("SortedStatIDs")] IReadOnlyList<string> SortedStatIds)
{
    public static RankingSummaryWire Of(RankingSummary summary) =>
        new(summary.Tenant, summary.Id, summary.LastUpdate ?? GoJsonTimes.ZeroInstant, summary.SortedStatIds);
}
