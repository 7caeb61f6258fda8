using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Trends.Tests;

public sealed class TrendTests
{
    private static readonly Instant s_start = Instant.FromUtc(2026, 11, 28, 10, 0);

    private static TrendProfileDefinition Profile(string correlation = "*last", long ttlSeconds = -1, int queueLength = 0, decimal tolerance = 0) => new()
    {
        Tenant = "cgrates.org",
        Id = "TR_1",
        Schedule = "@every 1s",
        StatId = "Stats1",
        Metrics = ["*acd", "*tcc"],
        Ttl = ttlSeconds < 0 ? Usage.Unlimited : new Usage(ttlSeconds * Usage.NanosecondsPerSecond),
        QueueLength = queueLength,
        CorrelationType = correlation,
        Tolerance = tolerance,
    };

    [Fact]
    public void Add_LastCorrelation_GrowthAgainstPreviousRoundedMiddle()
    {
        var trend = new Trend("cgrates.org", "TR_1");

        trend.Add(Profile(), new Dictionary<string, decimal> { ["*acd"] = 30, ["*tcc"] = 3 }, s_start, 2);
        trend.Add(Profile(), new Dictionary<string, decimal> { ["*acd"] = 40, ["*tcc"] = 1 }, s_start + Duration.FromSeconds(1), 2);

        var last = trend.Summary().Metrics;
        Assert.Equal((33.33m, MetricWithTrend.Positive), (last["*acd"].TrendGrowth, last["*acd"].TrendLabel));
        Assert.Equal((-66.67m, MetricWithTrend.Negative), (last["*tcc"].TrendGrowth, last["*tcc"].TrendLabel));
    }

    [Fact]
    public void Add_FirstRunOrPreviousZero_NotAvailableWithGrowthMinusOne()
    {
        var trend = new Trend("cgrates.org", "TR_1");

        trend.Add(Profile(), new Dictionary<string, decimal> { ["*acd"] = 0 }, s_start, 2);
        var first = trend.Summary().Metrics["*acd"];
        trend.Add(Profile(), new Dictionary<string, decimal> { ["*acd"] = 10 }, s_start + Duration.FromSeconds(1), 2);

        Assert.Equal((-1m, MetricWithTrend.NotAvailable), (first.TrendGrowth, first.TrendLabel));
        Assert.Equal(MetricWithTrend.NotAvailable, trend.Summary().Metrics["*acd"].TrendLabel);
        Assert.False(trend.Summary().Metrics.ContainsKey("*tcc"));
    }

    [Fact]
    public void Add_AverageCorrelationWithinTolerance_Constant()
    {
        var trend = new Trend("cgrates.org", "TR_1");
        var profile = Profile("*average", tolerance: 10);

        trend.Add(profile, new Dictionary<string, decimal> { ["*acd"] = 10 }, s_start, 4);
        trend.Add(profile, new Dictionary<string, decimal> { ["*acd"] = 30 }, s_start + Duration.FromSeconds(1), 4);
        trend.Add(profile, new Dictionary<string, decimal> { ["*acd"] = 21 }, s_start + Duration.FromSeconds(2), 4);

        var metric = trend.Summary().Metrics["*acd"];
        Assert.Equal((5m, MetricWithTrend.Constant), (metric.TrendGrowth, metric.TrendLabel));
    }

    [Fact]
    public void Add_QueueLengthAndTtl_OldRunsDropped()
    {
        var byLength = new Trend("cgrates.org", "TR_1");
        var byTtl = new Trend("cgrates.org", "TR_1");
        for (var i = 0; i < 5; i++)
        {
            byLength.Add(Profile(queueLength: 2), new Dictionary<string, decimal> { ["*acd"] = i + 1 }, s_start + Duration.FromSeconds(i), 2);
            byTtl.Add(Profile(ttlSeconds: 2), new Dictionary<string, decimal> { ["*acd"] = i + 1 }, s_start + Duration.FromSeconds(i), 2);
        }

        Assert.Equal(3, byLength.RunCount);
        Assert.Equal([3m, 4m, 5m], byLength.Runs.Select(r => r.Metrics["*acd"].Value));
        Assert.Equal([4m, 5m], byTtl.Runs.Select(r => r.Metrics["*acd"].Value));
    }

    [Fact]
    public void Compile_UnknownCorrelationOrBadSchedule_Refused()
    {
        Assert.Throws<TrendDefinitionException>(() => TrendProfile.Compile(Profile("*median")));
        Assert.Throws<TrendDefinitionException>(() => TrendProfile.Compile(Profile() with { Schedule = "61 * * * *" }));
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", Assert.Throws<TrendDefinitionException>(() => TrendProfile.Compile(Profile() with { Id = "" })).WireError);
    }
}
