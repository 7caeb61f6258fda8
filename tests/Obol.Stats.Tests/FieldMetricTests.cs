using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class FieldMetricTests
{
    [Fact]
    public void Sum_UsageField_DurationsCountInNanoseconds()
    {
        var sum = Metric("*sum#~*req.Usage");
        Add(sum, "e1", Req(("Usage", "1m")));
        Add(sum, "e2", Req(("Usage", 30_000_000_000L)));

        Assert.Equal("90000000000", sum.GetStringValue(5));
        Assert.Equal(90_000_000_000m, sum.GetFloatValue(5));
    }

    [Fact]
    public void Sum_NoEventsMinItemsZero_ZeroNotNotAvailable()
    {
        var sum = Metric("*sum#~*req.Cost");

        Assert.Equal("0", sum.GetStringValue(5));
        Assert.Equal(MetricIds.NotAvailable, Metric("*sum#~*req.Cost", minItems: 1).GetStringValue(5));
    }

    [Fact]
    public void Sum_ConstantParameter_CountsEvents()
    {
        var sum = Metric("*sum#1");
        Add(sum, "e1", Req());
        Add(sum, "e2", Req());

        Assert.Equal("2", sum.GetStringValue(5));
    }

    [Fact]
    public void Sum_MissingField_NotFoundAndRemoveSubtracts()
    {
        var sum = Metric("*sum#~*req.Cost");
        Assert.False(sum.TryAddEvent("e1", Req(), out var error));
        Assert.Equal("NOT_FOUND", error);

        Add(sum, "e2", Req(("Cost", "1.5")));
        Add(sum, "e3", Req(("Cost", 2m)));
        sum.RemoveEvent("e2");
        Assert.Equal("2", sum.GetStringValue(5));
    }

    [Fact]
    public void Average_ThreeValues_MeanRounded()
    {
        var avg = Metric("*average#~*req.Score");
        Add(avg, "e1", Req(("Score", 1L)));
        Add(avg, "e2", Req(("Score", "2")));
        Add(avg, "e3", Req(("Score", 2.5m)));

        Assert.Equal("1.83333", avg.GetStringValue(5));
        Assert.False(avg.TryAddEvent("e4", Req(), out var error));
        Assert.Equal("NOT_FOUND:~*req.Score", error);
        Assert.Equal(MetricIds.NotAvailable, Metric("*average#~*req.Score").GetStringValue(5));
    }

    [Fact]
    public void Average_RemoveNegativeValue_StaysInTotalAsInCgrates()
    {
        var avg = Metric("*average#~*req.Score");
        Add(avg, "e1", Req(("Score", -4m)));
        Add(avg, "e2", Req(("Score", 6m)));

        avg.RemoveEvent("e1");

        Assert.Equal("2", avg.GetStringValue(5));
    }

    [Fact]
    public void Ddc_ThreeEventsTwoDestinations_TwoThenOneAfterRemoval()
    {
        var ddc = Metric(MetricIds.Ddc);
        Add(ddc, "e1", Req(("Destination", "1002")));
        Add(ddc, "e2", Req(("Destination", "1003")));
        Add(ddc, "e3", Req(("Destination", "1002")));

        Assert.Equal("2", ddc.GetStringValue(5));
        Assert.Equal(2m, ddc.GetFloatValue(5));
        ddc.RemoveEvent("e1");
        Assert.Equal("2", ddc.GetStringValue(5));
        ddc.RemoveEvent("e3");
        Assert.Equal("1", ddc.GetStringValue(5));
        ddc.RemoveEvent("e2");
        Assert.Equal(MetricIds.NotAvailable, ddc.GetStringValue(5));
    }

    [Fact]
    public void Ddc_MissingDestination_NotFoundDestination()
    {
        Assert.False(Metric(MetricIds.Ddc).TryAddEvent("e1", Req(), out var error));
        Assert.Equal("NOT_FOUND:Destination", error);
    }

    [Fact]
    public void Distinct_AccountField_CountsDistinctAndRequiresReqPath()
    {
        var distinct = Metric("*distinct#~*req.Account", minItems: 2);
        Add(distinct, "e1", Req(("Account", "1001")));
        Assert.Equal(MetricIds.NotAvailable, distinct.GetStringValue(5));
        Add(distinct, "e2", Req(("Account", 1001L)));
        Add(distinct, "e3", Req(("Account", "1002")));

        Assert.Equal("2", distinct.GetStringValue(5));
        Assert.False(Metric("*distinct#Account").TryAddEvent("e1", Req(("Account", "1")), out var error));
        Assert.Equal("invalid format for field <Account>", error);
    }

    [Fact]
    public void Highest_ValuesAndRemoval_MaxRecomputed()
    {
        var highest = Metric("*highest#~*req.Cost");
        Add(highest, "e1", Req(("Cost", 1.5m)));
        Add(highest, "e2", Req(("Cost", 3.25m)));
        Add(highest, "e3", Req(("Cost", 2m)));

        Assert.Equal("3.25", highest.GetStringValue(5));
        highest.RemoveEvent("e2");
        Assert.Equal("2", highest.GetStringValue(5));
        highest.RemoveEvent("e1");
        highest.RemoveEvent("e3");
        Assert.Equal(MetricIds.NotAvailable, highest.GetStringValue(5));
    }

    [Fact]
    public void Highest_OnlyNegativeValues_ReadsZeroAsInCgrates()
    {
        var highest = Metric("*highest#~*req.Cost");
        Add(highest, "e1", Req(("Cost", -2m)));

        Assert.Equal("0", highest.GetStringValue(5));
    }

    [Fact]
    public void Lowest_ValuesAndRemoval_MinRecomputed()
    {
        var lowest = Metric("*lowest#~*req.Usage", minItems: 2);
        Add(lowest, "e1", Req(("Usage", "2s")));
        Assert.Equal(MetricIds.NotAvailable, lowest.GetStringValue(5));
        Add(lowest, "e2", Req(("Usage", "1s")));
        Add(lowest, "e3", Req(("Usage", "3s")));

        Assert.Equal("1000000000", lowest.GetStringValue(5));
        lowest.RemoveEvent("e2");
        Assert.Equal(2_000_000_000m, lowest.GetFloatValue(5));
    }

    [Fact]
    public void TryCreate_UnknownType_Refused()
    {
        Assert.False(StatMetric.TryCreate("*median#~*req.Usage", 0, [], NodaTime.DateTimeZone.Utc, out _, out var error));
        Assert.Equal("unsupported metric type <*median>", error);
    }
}
