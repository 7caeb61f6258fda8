using NodaTime;
using Xunit;

namespace Obol.Rankings.Tests;

public sealed class RankingTests
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 11, 28, 10, 0);

    private static readonly Dictionary<string, Dictionary<string, decimal>> s_queues = new()
    {
        ["S1"] = new() { ["*acd"] = 30, ["*tcc"] = 5 },
        ["S2"] = new() { ["*acd"] = 30, ["*tcc"] = 9 },
        ["S3"] = new() { ["*tcc"] = 100 },
        ["S4"] = new() { ["*acd"] = 60, ["*tcc"] = 1 },
    };

    private static Ranking Compute(string sorting, params string[] parameters) => Ranking.Compute(new RankingProfileDefinition
    {
        Tenant = "cgrates.org",
        Id = "RNK",
        Schedule = "@hourly",
        StatIds = ["S1", "S2", "S3", "S4"],
        Sorting = sorting,
        SortingParameters = parameters,
    }, id => s_queues[id], s_now, out _)!;

    [Fact]
    public void Compute_DescendingByAcdThenTcc_MissingMetricLastTiesBrokenByNextMetric()
    {
        Assert.Equal(["S4", "S2", "S1", "S3"], Compute("*desc", "*acd", "*tcc").SortedStatIds);
    }

    [Fact]
    public void Compute_AscendingWithReversedSecondMetric_ReversedOnlyThatMetric()
    {
        Assert.Equal(["S2", "S1", "S4", "S3"], Compute("*asc", "*acd", "*tcc:false").SortedStatIds);
    }

    [Fact]
    public void Compute_MetricIdsGiven_OnlyThoseMetricsKept()
    {
        var ranking = Ranking.Compute(new RankingProfileDefinition
        {
            Tenant = "cgrates.org", Id = "RNK", Schedule = "@hourly", StatIds = ["S1", "S3"], MetricIds = ["*acd"], Sorting = "*desc",
            SortingParameters = ["*acd"],
        }, id => s_queues[id], s_now, out _)!;

        Assert.Equal(["S1"], ranking.Metrics.Keys);
        Assert.Equal(["*acd"], ranking.Metrics["S1"].Keys);
    }

    [Fact]
    public void Compute_UnknownQueue_NoRankingAndTheReason()
    {
        var ranking = Ranking.Compute(new RankingProfileDefinition { Tenant = "cgrates.org", Id = "RNK", StatIds = ["NOPE"], Sorting = "*asc" },
            _ => null, s_now, out var error);

        Assert.Null(ranking);
        Assert.Contains("<NOPE>", error, StringComparison.Ordinal);
    }
}
