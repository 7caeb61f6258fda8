using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class CostMetricTests
{
    [Fact]
    public void Acc_ThreeCosts_AverageRoundedMiddle()
    {
        var acc = Metric(MetricIds.Acc);
        Add(acc, "e1", Req(("Cost", 1m)));
        Add(acc, "e2", Req(("Cost", "0.5")));
        Add(acc, "e3", Req(("Cost", 0.6)));

        Assert.Equal("0.7", acc.GetStringValue(5));
        Assert.Equal(0.7m, acc.GetFloatValue(5));
    }

    [Fact]
    public void Acc_RepeatingFraction_FiveDecimals()
    {
        var acc = Metric(MetricIds.Acc);
        Add(acc, "e1", Req(("Cost", 1m)));
        Add(acc, "e2", Req(("Cost", 1m)));
        Add(acc, "e3", Req(("Cost", 0m)));

        Assert.Equal("0.66667", acc.GetStringValue(5));
    }

    [Fact]
    public void Tcc_SumAndRemove_TotalFollows()
    {
        var tcc = Metric(MetricIds.Tcc);
        Add(tcc, "e1", Req(("Cost", 1.01m)));
        Add(tcc, "e2", Req(("Cost", 2.5m)));

        Assert.Equal("3.51", tcc.GetStringValue(5));
        tcc.RemoveEvent("e1");
        Assert.Equal("2.5", tcc.GetStringValue(5));
        Assert.Equal(2.5m, tcc.GetFloatValue(5));
    }

    [Fact]
    public void Tcc_NegativeCost_RefusedWithNegativeCost()
    {
        var tcc = Metric(MetricIds.Tcc);

        Assert.False(tcc.TryAddEvent("e1", Req(("Cost", -1m)), out var error));
        Assert.Equal("NEGATIVE:Cost", error);
        Assert.Equal(MetricIds.NotAvailable, tcc.GetStringValue(5));
    }

    [Fact]
    public void Acc_MissingCost_NotFoundCost()
    {
        var acc = Metric(MetricIds.Acc);

        Assert.False(acc.TryAddEvent("e1", Req(("Usage", "1s")), out var error));
        Assert.Equal("NOT_FOUND:Cost", error);
    }

    [Fact]
    public void Acc_BelowMinItems_NotAvailableThenValue()
    {
        var acc = Metric(MetricIds.Acc, minItems: 2);
        Add(acc, "e1", Req(("Cost", 2m)));

        Assert.Equal(MetricIds.NotAvailable, acc.GetStringValue(5));
        Assert.Equal(-1m, acc.GetFloatValue(5));
        Add(acc, "e2", Req(("Cost", 3m)));
        Assert.Equal("2.5", acc.GetStringValue(5));
    }
}
