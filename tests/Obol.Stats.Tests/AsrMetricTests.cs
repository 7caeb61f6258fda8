using Obol.Primitives;
using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class AsrMetricTests
{
    [Fact]
    public void GetStringValue_TwoOfThreeAnswered_PercentRoundedToFiveDecimals()
    {
        var asr = Metric(MetricIds.Asr);
        Add(asr, "e1", Req(("AnswerTime", "2014-07-14T14:25:00Z")));
        Add(asr, "e2", Req(("AnswerTime", "0001-01-01T00:00:00Z")));
        Add(asr, "e3", Req(("AnswerTime", "2014-07-14T14:26:00Z")));

        Assert.Equal("66.66667%", asr.GetStringValue(5));
        Assert.Equal(66.66667m, asr.GetFloatValue(5));
        Assert.Equal("66.67%", asr.GetStringValue(2));
    }

    [Fact]
    public void TryAddEvent_NoAnswerTime_CountsUnanswered()
    {
        var asr = Metric(MetricIds.Asr);
        Add(asr, "e1", Req(("Usage", "10s")));
        Add(asr, "e2", Req(("AnswerTime", "2014-07-14T14:25:00Z")));

        Assert.Equal("50%", asr.GetStringValue(5));
    }

    [Fact]
    public void TryAddEvent_AnswerTimeNotATime_RefusedAndUnchanged()
    {
        var asr = Metric(MetricIds.Asr);

        Assert.False(asr.TryAddEvent("e1", Req(("AnswerTime", "yesterday-ish")), out var error));
        Assert.NotNull(error);
        Assert.Equal(0, asr.Count);
    }

    [Fact]
    public void GetValue_BelowMinItems_NotAvailable()
    {
        var asr = Metric(MetricIds.Asr, minItems: 2);
        Add(asr, "e1", Req(("AnswerTime", "2014-07-14T14:25:00Z")));

        Assert.Equal(MetricIds.NotAvailable, asr.GetStringValue(5));
        Assert.Equal(-1m, asr.GetFloatValue(5));

        Add(asr, "e2", Req());
        Assert.Equal("50%", asr.GetStringValue(5));
    }

    [Fact]
    public void RemoveEvent_AnsweredEvent_RatioRecomputed()
    {
        var asr = Metric(MetricIds.Asr);
        Add(asr, "e1", Req(("AnswerTime", "2014-07-14T14:25:00Z")));
        Add(asr, "e2", Req());

        asr.RemoveEvent("e1");

        Assert.Equal("0%", asr.GetStringValue(5));
        asr.RemoveEvent("e2");
        Assert.Equal(MetricIds.NotAvailable, asr.GetStringValue(5));
        asr.RemoveEvent("unknown");
        Assert.Equal(0, asr.Count);
    }

    [Fact]
    public void TryAddEvent_SameIdTwice_CompressedAndRemovedOneAtATime()
    {
        var asr = (AsrMetric)Metric(MetricIds.Asr);
        Add(asr, "e1", Req(("AnswerTime", "2014-07-14T14:25:00Z")));
        Add(asr, "e1", Req());

        Assert.Equal(2, asr.Events["e1"].CompressFactor);
        Assert.Equal(0.5m, asr.Events["e1"].Stat);
        asr.RemoveEvent("e1");
        // A half-answered id is not "more than half" answered: the unanswered occurrence goes first.
        Assert.Equal("100%", asr.GetStringValue(5));
        Assert.Equal(1, asr.Count);
    }

    [Fact]
    public void TryAddEvent_InstantAnswerTime_Answered()
    {
        var asr = Metric(MetricIds.Asr);
        Add(asr, "e1", Req(("AnswerTime", GoTime.Zero.ToInstant())));
        Add(asr, "e2", Req(("AnswerTime", NodaTime.Instant.FromUtc(2024, 1, 1, 0, 0))));

        Assert.Equal("50%", asr.GetStringValue(5));
    }
}
