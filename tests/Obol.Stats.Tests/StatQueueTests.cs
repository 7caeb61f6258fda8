using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class StatQueueTests
{
    private static readonly Instant s_start = Instant.FromUtc(2024, 3, 1, 12, 0);

    private static StatQueue Queue(StatQueueProfile profile)
    {
        Assert.True(StatQueue.TryCreate(profile, null, out var queue, out var error), error);
        return queue;
    }

    private static void Process(StatQueue queue, string eventId, MapStatEvent statEvent, Instant now, MetricFilter? filter = null) =>
        Assert.True(queue.TryProcessEvent(eventId, statEvent, now, filter, out var error), error);

    /// <summary>Stats2 of samples/tariffplans/tutorial/Stats.csv: QueueLength 100, TTL -1, MinItems 0, *tcc;*tcd.</summary>
    private static StatQueueProfile TutorialStats2() => new("cgrates.org", "Stats2")
    {
        FilterIds = ["FLTR_ACNT_1001_1002"],
        QueueLength = 100,
        Ttl = new Usage(-1),
        Metrics = [new MetricWithFilters(MetricIds.Tcc), new MetricWithFilters(MetricIds.Tcd)],
        Blocker = true,
        Weight = 30,
        ThresholdIds = [Meta.None],
    };

    [Fact]
    public void GetStringMetrics_TutorialStats2BeforeAndAfterTwoCdrs_TccAndTcd()
    {
        var queue = Queue(TutorialStats2());
        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "N/A", ["*tcd"] = "N/A" }, queue.GetStringMetrics());

        Process(queue, "cdr1", Req(("Account", "1001"), ("Usage", "1m7s"), ("Cost", 1.01346m)), s_start);
        Process(queue, "cdr2", Req(("Account", "1002"), ("Usage", 80_000_000_000L), ("Cost", "0.34")), s_start + Duration.FromMinutes(3));

        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "1.35346", ["*tcd"] = "2m27s" }, queue.GetStringMetrics());
        Assert.Equal(new Dictionary<string, decimal> { ["*tcc"] = 1.35346m, ["*tcd"] = 147_000_000_000m }, queue.GetFloatMetrics());
        Assert.All(queue.Items, item => Assert.Null(item.ExpiryTime));
    }

    [Fact]
    public void TryProcessEvent_TtlPassed_ExpiredEventsLeaveMetrics()
    {
        var queue = Queue(new StatQueueProfile("cgrates.org", "TTL")
        {
            Ttl = Usage.FromMinutes(1),
            Metrics = [new MetricWithFilters(MetricIds.Tcd), new MetricWithFilters(MetricIds.Asr)],
        });
        Process(queue, "e1", Req(("Usage", "10s"), ("AnswerTime", "2024-03-01T12:00:00Z")), s_start);
        Process(queue, "e2", Req(("Usage", "20s")), s_start + Duration.FromSeconds(30));

        Assert.Equal(s_start + Duration.FromMinutes(1), queue.Items[0].ExpiryTime);

        // Exactly at e1's expiry: "not after now" expires it.
        Process(queue, "e3", Req(("Usage", "5s")), s_start + Duration.FromMinutes(1));

        Assert.Equal(["e2", "e3"], queue.Items.Select(i => i.EventId));
        Assert.Equal("25s", queue.GetStringMetrics()["*tcd"]);
        Assert.Equal("0%", queue.GetStringMetrics()["*asr"]);

        Assert.Equal(2, queue.RemoveExpired(s_start + Duration.FromMinutes(5)));
        Assert.Equal("N/A", queue.GetStringMetrics()["*tcd"]);
    }

    [Fact]
    public void TryProcessEvent_QueueFull_OldestEvicted()
    {
        var queue = Queue(new StatQueueProfile("cgrates.org", "LEN")
        {
            QueueLength = 2,
            Metrics = [new MetricWithFilters(MetricIds.Acc), new MetricWithFilters(MetricIds.Ddc)],
        });
        Process(queue, "e1", Req(("Cost", 1m), ("Destination", "1001")), s_start);
        Process(queue, "e2", Req(("Cost", 2m), ("Destination", "1002")), s_start);
        Process(queue, "e3", Req(("Cost", 4m), ("Destination", "1002")), s_start);

        Assert.Equal(["e2", "e3"], queue.Items.Select(i => i.EventId));
        Assert.Equal("3", queue.GetStringMetrics()["*acc"]);
        Assert.Equal("1", queue.GetStringMetrics()["*ddc"]);
    }

    [Fact]
    public void TryProcessEvent_MetricFilterFails_MetricSkipped()
    {
        var queue = Queue(new StatQueueProfile("cgrates.org", "FLT")
        {
            Metrics = [new MetricWithFilters(MetricIds.Tcc, ["FLTR_EXPENSIVE"]), new MetricWithFilters("*sum#1")],
        });
        MetricFilter expensiveOnly = (_, ev) => ev.TryGet("*req.Cost", out var cost) && cost is decimal d && d > 1;

        Process(queue, "e1", Req(("Cost", 0.5m)), s_start, expensiveOnly);
        Process(queue, "e2", Req(("Cost", 2m)), s_start, expensiveOnly);

        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "2", ["*sum#1"] = "2" }, queue.GetStringMetrics());
    }

    [Fact]
    public void TryProcessEvent_MetricCannotRead_ErrorAndItemStillQueued()
    {
        var queue = Queue(TutorialStats2());

        Assert.False(queue.TryProcessEvent("e1", Req(("Usage", "1s")), s_start, null, out var error));

        Assert.Equal("NOT_FOUND:Cost", error);
        Assert.Single(queue.Items);
    }

    [Fact]
    public void TryProcessEvent_TtlAndLengthMinusOne_AggregatesWithoutItems()
    {
        var queue = Queue(new StatQueueProfile("cgrates.org", "ONE")
        {
            QueueLength = -1,
            Ttl = new Usage(-1),
            Metrics = [new MetricWithFilters(MetricIds.Tcd)],
        });
        Process(queue, "e1", Req(("Usage", "1s")), s_start);
        Process(queue, "e2", Req(("Usage", "2s")), s_start);

        Assert.Empty(queue.Items);
        Assert.Equal("3s", queue.GetStringMetrics()["*tcd"]);
    }

    [Fact]
    public void TryCreate_UnknownMetric_Refused()
    {
        var profile = new StatQueueProfile("cgrates.org", "BAD") { Metrics = [new MetricWithFilters("*nope")] };

        Assert.False(StatQueue.TryCreate(profile, null, out _, out var error));
        Assert.Equal("unsupported metric type <*nope>", error);
    }
}
