using Obol.Primitives;
using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class DurationMetricTests
{
    [Fact]
    public void Acd_ThreeCalls_AverageAsGoDurationAndNanoseconds()
    {
        var acd = Metric(MetricIds.Acd);
        Add(acd, "e1", Req(("Usage", "10s")));
        Add(acd, "e2", Req(("Usage", 20_000_000_000L)));
        Add(acd, "e3", Req(("Usage", Usage.FromMinutes(1))));

        Assert.Equal("30s", acd.GetStringValue(5));
        Assert.Equal(30_000_000_000m, acd.GetFloatValue(5));
    }

    [Fact]
    public void Acd_AverageWithFraction_RoundedToTenMicroseconds()
    {
        var acd = Metric(MetricIds.Acd);
        Add(acd, "e1", Req(("Usage", "1s")));
        Add(acd, "e2", Req(("Usage", "1s")));
        Add(acd, "e3", Req(("Usage", "2s")));

        // 4s / 3 = 1.333333333s, rounded to 10^(9-5) ns.
        Assert.Equal("1.33333s", acd.GetStringValue(5));
        Assert.Equal(1_333_330_000m, acd.GetFloatValue(5));
        Assert.Equal("1.3s", acd.GetStringValue(1));
    }

    [Fact]
    public void Tcd_TwoCalls_TotalAndRemoval()
    {
        var tcd = Metric(MetricIds.Tcd);
        Add(tcd, "e1", Req(("Usage", "1m")));
        Add(tcd, "e2", Req(("Usage", "30s")));

        Assert.Equal("1m30s", tcd.GetStringValue(5));
        Assert.Equal(90_000_000_000m, tcd.GetFloatValue(5));

        tcd.RemoveEvent("e1");
        Assert.Equal("30s", tcd.GetStringValue(5));
        tcd.RemoveEvent("e2");
        Assert.Equal(MetricIds.NotAvailable, tcd.GetStringValue(5));
        Assert.Equal(-1m, tcd.GetFloatValue(5));
    }

    [Fact]
    public void Tcd_MissingUsage_NotFoundUsage()
    {
        var tcd = Metric(MetricIds.Tcd);

        Assert.False(tcd.TryAddEvent("e1", Req(("Cost", 1m)), out var error));
        Assert.Equal("NOT_FOUND:Usage", error);
    }

    [Fact]
    public void Pdd_ReadsPddField_BelowMinItemsNotAvailable()
    {
        var pdd = Metric(MetricIds.Pdd, minItems: 2);
        Add(pdd, "e1", Req(("PDD", "3s")));
        Assert.Equal(MetricIds.NotAvailable, pdd.GetStringValue(5));

        Add(pdd, "e2", Req(("PDD", "5s")));
        Assert.Equal("4s", pdd.GetStringValue(5));
        Assert.False(pdd.TryAddEvent("e3", Req(("Usage", "5s")), out var error));
        Assert.Equal("NOT_FOUND:PDD", error);
    }

    [Theory]
    [InlineData(1_333_333_333L, 5, 1_333_330_000L)]
    [InlineData(1_333_335_000L, 5, 1_333_340_000L)]
    [InlineData(-1_333_335_000L, 5, -1_333_340_000L)]
    [InlineData(1_500_000_000L, 0, 2_000_000_000L)]
    [InlineData(123L, 12, 123L)]
    public void RoundStatDuration_GoDurationRound_HalvesAwayFromZero(long value, int decimals, long expected) =>
        Assert.Equal(expected, DurationMetric.RoundStatDuration(value, decimals));
}
