using Obol.Events;
using Obol.Primitives;
using Xunit;
using static Obol.Stats.Tests.TutorialPlan;

namespace Obol.Stats.Tests;

public class StatServiceTests
{
    [Fact]
    public void GetStringMetrics_TutorialStats2BeforeEvents_NotAvailable()
    {
        var service = StatService();

        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "N/A", ["*tcd"] = "N/A" }, service.GetStringMetrics("cgrates.org", "Stats2"));
    }

    [Fact]
    public async Task ProcessEventAsync_TutorialCdrsOf1001And1002_Stats2ReportsTccAndTcd()
    {
        var service = StatService();

        var first = await service.ProcessEventAsync(Cdr("cdr1", "1001", "1002", "1m7s", 1.01346m), Now);
        var second = await service.ProcessEventAsync(Cdr("cdr2", "1002", "1001", "80s", 0.34m), Now);

        Assert.Null(first.Error);
        // The fraud queues (weight 40) come before Stats2, a blocker of weight 30.
        Assert.Equal(["STATS_FRAUD_1001", "Stats2"], first.QueueIds);
        Assert.Equal(["STATS_FRAUD_1002", "Stats2"], second.QueueIds);
        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "1.35346", ["*tcd"] = "2m27s" }, service.GetStringMetrics("cgrates.org", "Stats2"));
        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "N/A", ["*tcd"] = "N/A" }, service.GetStringMetrics("cgrates.org", "Stats2_1"));
    }

    [Fact]
    public async Task ProcessEventAsync_1003CallingTo1001_Stats2_1AndFraudQueueCount()
    {
        var service = StatService();

        var result = await service.ProcessEventAsync(Cdr("cdr1", "1003", "1001", "35s", 0.6m), Now);

        Assert.Equal(["STATS_FRAUD_1003", "Stats2_1"], result.QueueIds);
        Assert.Equal(new Dictionary<string, string> { ["*tcc"] = "0.6", ["*tcd"] = "35s" }, service.GetStringMetrics("cgrates.org", "Stats2_1"));
    }

    [Fact]
    public async Task ProcessEventAsync_NoQueueMatches_NotFound()
    {
        var service = StatService();

        var result = await service.ProcessEventAsync(Cdr("cdr1", "2001", "1001", "35s", 0.6m), Now);

        Assert.Equal(ErrorCodes.NotFound, result.Error);
        Assert.Empty(result.QueueIds);
    }

    [Fact]
    public async Task ProcessEventAsync_ProfileIdsOption_UsesNamedQueueWithItsFilters()
    {
        var service = StatService();
        var ev = Cdr("cdr1", "1003", "1001", "35s", 0.6m);
        ev.ApiOpts[EventOptions.StatIds] = new List<object?> { "Stats2", "Stats2_1" };

        var result = await service.ProcessEventAsync(ev, Now);

        Assert.Equal(["Stats2_1"], result.QueueIds);
    }

    [Fact]
    public async Task ProcessEventAsync_StoredQueue_SavedAndRestoredWithItsMetrics()
    {
        var store = new MemoryQueueStore();
        var stored = new StatQueueProfile("cgrates.org", "ACC_1001")
        {
            FilterIds = ["*string:~*req.Account:1001"],
            QueueLength = 10,
            Ttl = new Usage(-1),
            Metrics = [new MetricWithFilters("*acc"), new MetricWithFilters("*sum#~*req.Cost")],
            Stored = true,
            ThresholdIds = ["*none"],
        };
        var service = StatService(store, [stored]);
        await service.ProcessEventAsync(Cdr("cdr1", "1001", "2001", "10s", 2m), Now);
        await service.ProcessEventAsync(Cdr("cdr2", "1001", "2001", "10s", 3m), Now);

        var restarted = StatService(extra: [stored]);
        Assert.True(restarted.TryRestore("cgrates.org", "ACC_1001", store.Saved[("cgrates.org", "ACC_1001")], out var error), error);

        Assert.Equal(new Dictionary<string, string> { ["*acc"] = "2.5", ["*sum#~*req.Cost"] = "5" }, restarted.GetStringMetrics("cgrates.org", "ACC_1001"));
        Assert.DoesNotContain(("cgrates.org", "Stats2"), store.Saved.Keys);
    }

    [Fact]
    public async Task ProcessEventAsync_QueueWithThresholds_SendsStatUpdateWithMetricValues()
    {
        var sink = new RecordingSink();
        var profile = new StatQueueProfile("cgrates.org", "FRAUD_1001")
        {
            FilterIds = ["*string:~*req.Account:1001"],
            QueueLength = 10,
            Ttl = new Usage(-1),
            Metrics = [new MetricWithFilters("*acc"), new MetricWithFilters("*tcd")],
            ThresholdIds = ["THD_FRAUD"],
        };
        var service = StatService(extra: [profile]);
        service.Thresholds = sink;

        await service.ProcessEventAsync(Cdr("cdr1", "1001", "2001", "1m", 12.5m), Now);

        var ev = Assert.Single(sink.Events, e => (string?)e.Event["StatID"] == "FRAUD_1001");
        Assert.Equal("StatUpdate", ev.Event["EventType"]);
        Assert.Equal(12.5m, ev.Event["*acc"]);
        Assert.Equal(Usage.FromSeconds(60), ev.Event["*tcd"]);
        Assert.Equal(["THD_FRAUD"], (IEnumerable<string>)ev.ApiOpts[EventOptions.ThresholdIds]!);
        Assert.DoesNotContain(sink.Events, e => (string?)e.Event["StatID"] == "Stats2");
    }

    [Fact]
    public async Task ResetAsync_CountedQueue_BackToNotAvailable()
    {
        var service = StatService();
        await service.ProcessEventAsync(Cdr("cdr1", "1003", "1001", "35s", 0.6m), Now);

        Assert.True(await service.ResetAsync("cgrates.org", "Stats2_1"));

        Assert.Equal("N/A", service.GetStringMetrics("cgrates.org", "Stats2_1")!["*tcc"]);
        Assert.False(await service.ResetAsync("cgrates.org", "NOPE"));
    }

    [Fact]
    public async Task ProcessEventAsync_PositiveStoreInterval_StoredQueueWrittenOnceByTheBackup()
    {
        var store = new MemoryQueueStore();
        var service = StatService(store, options: new StatServiceOptions { StoreInterval = Usage.FromSeconds(10) });

        await service.ProcessEventAsync(Cdr("cdr1", "1001", "1002", "1m", 1.5m), Now);
        await service.ProcessEventAsync(Cdr("cdr2", "1001", "1002", "1m", 2m), Now);
        var savesBefore = store.Saves;
        var stored = await service.StoreDirtyAsync();
        var again = await service.StoreDirtyAsync();

        Assert.Equal((0, 1, 0, 1), (savesBefore, stored, again, store.Saves));
        Assert.True(StatService().TryRestore("cgrates.org", "STATS_FRAUD_1001", store.Saved[("cgrates.org", "STATS_FRAUD_1001")], out var error), error);
        Assert.Contains("cdr2", store.Saved[("cgrates.org", "STATS_FRAUD_1001")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessEventAsync_ZeroStoreInterval_NeverStoredWhileRunning()
    {
        var store = new MemoryQueueStore();
        var service = StatService(store, options: new StatServiceOptions { StoreInterval = Usage.Zero });

        await service.ProcessEventAsync(Cdr("cdr1", "1001", "1002", "1m", 1.5m), Now);

        Assert.Equal(0, await service.StoreDirtyAsync());
        Assert.Equal(0, store.Saves);
    }

    [Fact]
    public async Task ProcessEventAsync_NegativeStoreInterval_StoredWithEveryChange()
    {
        var store = new MemoryQueueStore();
        var service = StatService(store, options: new StatServiceOptions { StoreInterval = new Usage(-1) });

        await service.ProcessEventAsync(Cdr("cdr1", "1001", "1002", "1m", 1.5m), Now);
        await service.ProcessEventAsync(Cdr("cdr2", "1001", "1002", "1m", 2m), Now);

        Assert.Equal((2, 0), (store.Saves, await service.StoreDirtyAsync()));
    }

    [Fact]
    public void GetQueueIds_Tutorial_AllQueuesSorted()
    {
        Assert.Equal(["STATS_FRAUD_1001", "STATS_FRAUD_1002", "STATS_FRAUD_1003", "Stats2", "Stats2_1"], StatService().GetQueueIds("cgrates.org"));
    }

    private sealed class MemoryQueueStore : IStatQueueStore
    {
        public Dictionary<(string, string), string> Saved { get; } = [];

        public int Saves { get; private set; }

        public ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken)
        {
            Saves++;
            Saved[(tenant, id)] = json;
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken)
        {
            Saved.Remove((tenant, id));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingSink : IStatThresholdSink
    {
        public List<CgrEvent> Events { get; } = [];

        public ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken)
        {
            Events.Add(thresholdEvent);
            return ValueTask.FromResult<string?>(null);
        }
    }
}
