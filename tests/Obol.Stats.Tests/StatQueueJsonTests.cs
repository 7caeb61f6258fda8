using System.Text.Json;
using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Stats.Tests.Events;

namespace Obol.Stats.Tests;

public class StatQueueJsonTests
{
    private static readonly Instant s_start = Instant.FromUtc(2024, 3, 1, 12, 0);

    private static readonly StatQueueProfile s_profile = new("cgrates.org", "ALL")
    {
        QueueLength = 10,
        Ttl = Usage.FromHours(1),
        MinItems = 1,
        Metrics =
        [
            new MetricWithFilters(MetricIds.Asr), new MetricWithFilters(MetricIds.Acd), new MetricWithFilters(MetricIds.Tcd),
            new MetricWithFilters(MetricIds.Acc), new MetricWithFilters(MetricIds.Tcc), new MetricWithFilters(MetricIds.Pdd),
            new MetricWithFilters(MetricIds.Ddc), new MetricWithFilters("*sum#~*req.Usage"),
            new MetricWithFilters("*average#~*req.Cost"), new MetricWithFilters("*distinct#~*req.Account"),
            new MetricWithFilters("*highest#~*req.Cost", ["FLTR_1"]), new MetricWithFilters("*lowest#~*req.Cost"),
        ],
    };

    private static MapStatEvent Cdr(string account, string usage, decimal cost, string destination) => Req(
        ("Account", account), ("Usage", usage), ("Cost", cost), ("PDD", "2s"), ("Destination", destination),
        ("AnswerTime", "2024-03-01T11:59:00Z"));

    private static StatQueue Filled()
    {
        Assert.True(StatQueue.TryCreate(s_profile, null, out var queue, out var error), error);
        Assert.True(queue.TryProcessEvent("e1", Cdr("1001", "1m", 0.6m, "1002"), s_start, null, out error), error);
        Assert.True(queue.TryProcessEvent("e2", Cdr("1002", "30s", 0.1234567m, "1003"), s_start, null, out error), error);
        Assert.True(queue.TryProcessEvent("e3", Req(("Usage", "5s"), ("Cost", 1m), ("PDD", 0L), ("Destination", "1002"),
            ("Account", "1001")), s_start + Duration.FromSeconds(1), null, out error), error);
        return queue;
    }

    [Fact]
    public void TryFromJson_FilledQueue_SameItemsAndMetrics()
    {
        var queue = Filled();

        var json = queue.ToJson();
        Assert.True(StatQueue.TryFromJson(json, s_profile, null, out var restored, out var error), error);

        Assert.Equal(queue.Items, restored.Items);
        Assert.Equal(queue.GetStringMetrics(), restored.GetStringMetrics());
        Assert.Equal(queue.GetFloatMetrics(), restored.GetFloatMetrics());
        Assert.Equal(["FLTR_1"], restored.Metrics["*highest#~*req.Cost"].FilterIds);
        Assert.Equal(1, restored.Metrics[MetricIds.Acc].MinItems);
        Assert.Equal(json, restored.ToJson());
    }

    [Fact]
    public void TryFromJson_RestoredQueue_KeepsEvictingAndCounting()
    {
        Assert.True(StatQueue.TryFromJson(Filled().ToJson(), s_profile, null, out var restored, out var error), error);

        restored.RemoveExpired(s_start + Duration.FromMinutes(60));

        Assert.Equal(["e3"], restored.Items.Select(i => i.EventId));
        var metrics = restored.GetStringMetrics();
        Assert.Equal("5s", metrics[MetricIds.Tcd]);
        Assert.Equal("1", metrics[MetricIds.Acc]);
        Assert.Equal("1", metrics[MetricIds.Ddc]);
        Assert.Equal("0%", metrics[MetricIds.Asr]);
        Assert.Equal("1", metrics["*lowest#~*req.Cost"]);
    }

    [Fact]
    public void ToJson_Queue_CgratesFieldNames()
    {
        using var document = JsonDocument.Parse(Filled().ToJson());
        var root = document.RootElement;

        Assert.Equal("ALL", root.GetProperty("ID").GetString());
        Assert.Equal("2024-03-01T13:00:00Z", root.GetProperty("SQItems")[0].GetProperty("ExpiryTime").GetString());
        var tcd = root.GetProperty("SQMetrics").GetProperty("*tcd");
        Assert.Equal(95_000_000_000L, tcd.GetProperty("Sum").GetInt64());
        Assert.Equal(60_000_000_000L, tcd.GetProperty("Events").GetProperty("e1").GetProperty("Duration").GetInt64());
        Assert.Equal(2, root.GetProperty("SQMetrics").GetProperty("*asr").GetProperty("Answered").GetInt32());
        Assert.Equal("~*req.Usage", root.GetProperty("SQMetrics").GetProperty("*sum#~*req.Usage").GetProperty("Fields")[0].GetProperty("Rules").GetString());
    }

    [Fact]
    public void TryFromJson_EmptyLowest_MaxFloatSentinelRoundTrips()
    {
        var profile = new StatQueueProfile("cgrates.org", "LOW") { Metrics = [new MetricWithFilters("*lowest#~*req.Cost")] };
        Assert.True(StatQueue.TryCreate(profile, null, out var queue, out var error), error);

        var json = queue.ToJson();
        Assert.Contains("1.7976931348623157e+308", json, StringComparison.Ordinal);
        Assert.True(StatQueue.TryFromJson(json, profile, null, out var restored, out error), error);
        Assert.True(restored.TryProcessEvent("e1", Req(("Cost", 7m)), s_start, null, out error), error);
        Assert.Equal("7", restored.GetStringMetrics()["*lowest#~*req.Cost"]);
    }

    [Fact]
    public void TryFromJson_Garbage_Refused()
    {
        Assert.False(StatQueue.TryFromJson("{not json", s_profile, null, out _, out var error));
        Assert.NotEmpty(error);
    }
}
