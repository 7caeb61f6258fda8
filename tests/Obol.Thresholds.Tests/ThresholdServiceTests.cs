using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Thresholds.Tests;

public class ThresholdServiceTests
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 1, 12, 0);

    private readonly RecordingActions _actions = new();
    private readonly MemoryStore _store = new();

    private ThresholdService Service(params ThresholdProfile[] extra) => Service(null, extra);

    private ThresholdService Service(ThresholdServiceOptions? options, params ThresholdProfile[] extra)
    {
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
            new TariffPlanReadOptions(DateTimeZone.Utc, s_now));
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
        var filters = new FilterService(FilterTable.FromTp(read.Plan.Filters, DateTimeZone.Utc, s_now));
        var service = new ThresholdService(filters, _actions, options, _store);
        var profiles = read.Plan.Thresholds.Select(tp => ThresholdProfileDefinition.FromTp(tp, DateTimeZone.Utc, s_now)).Concat(extra);
        service.SetProfiles(IndexedProfiles.Build(profiles, filters, service.IndexOptions));
        return service;
    }

    private static CgrEvent Event(string account, string id = "ev1") => new()
    {
        Tenant = "cgrates.org",
        Id = id,
        Time = s_now,
        Event = { ["Account"] = account },
    };

    [Fact]
    public async Task ProcessEventAsync_Thd1001WithMaxHitsOne_FiresOnceThenNotReported()
    {
        var service = Service();

        var first = await service.ProcessEventAsync(Event("1001"), s_now);
        var second = await service.ProcessEventAsync(Event("1001", "ev2"), s_now + Duration.FromSeconds(5));

        Assert.Equal(["THD_ACNT_1001"], first.ThresholdIds);
        Assert.Empty(second.ThresholdIds);
        var request = Assert.Single(_actions.Requests);
        Assert.Equal(("ACT_LOG_WARNING", "cgrates.org:1001"), (request.ActionSetId, request.AccountTenantId));
        Assert.Equal(1, service.GetThreshold("cgrates.org", "THD_ACNT_1001")!.Hits);
    }

    [Fact]
    public async Task ProcessEventAsync_Thd1002_FiresEveryTimeAfterMinSleep()
    {
        var service = Service();

        await service.ProcessEventAsync(Event("1002"), s_now);
        await service.ProcessEventAsync(Event("1002", "ev2"), s_now + Duration.FromMilliseconds(500));
        await service.ProcessEventAsync(Event("1002", "ev3"), s_now + Duration.FromSeconds(2));
        await service.ProcessEventAsync(Event("1002", "ev4"), s_now + Duration.FromSeconds(4));

        Assert.Equal(4, service.GetThreshold("cgrates.org", "THD_ACNT_1002")!.Hits);
        Assert.Equal(3, _actions.Requests.Count);
    }

    [Fact]
    public async Task ProcessEventAsync_Hit_StoredStateRestoresHits()
    {
        var service = Service();
        await service.ProcessEventAsync(Event("1002"), s_now);

        var restarted = Service();
        Assert.True(restarted.TryRestore(_store.Saved[("cgrates.org", "THD_ACNT_1002")], out var error), error);

        Assert.Equal(1, restarted.GetThreshold("cgrates.org", "THD_ACNT_1002")!.Hits);
    }

    [Fact]
    public async Task ProcessEventAsync_UnknownAccount_NotFound()
    {
        var result = await Service().ProcessEventAsync(Event("2001"), s_now);

        Assert.Equal(ErrorCodes.NotFound, result.Error);
    }

    [Fact]
    public async Task ProcessEventAsync_ProfileIdsOption_IgnoresIndexButKeepsFilters()
    {
        var fraud = new ThresholdProfile("cgrates.org", "THD_FRAUD")
        {
            FilterIds = ["*gte:~*req.*acc:10"],
            MaxHits = -1,
            ActionIds = ["ACT_FRAUD"],
        };
        var service = Service(fraud);
        var low = new CgrEvent { Tenant = "cgrates.org", Id = "s1", Event = { ["StatID"] = "ACC", ["*acc"] = 2m, ["Account"] = "1001" } };
        low.ApiOpts[EventOptions.ThresholdIds] = new List<string> { "THD_FRAUD" };
        var high = new CgrEvent { Tenant = "cgrates.org", Id = "s2", Event = { ["StatID"] = "ACC", ["*acc"] = 12m, ["Account"] = "1001" } };
        high.ApiOpts[EventOptions.ThresholdIds] = new List<string> { "THD_FRAUD" };

        var notYet = await service.ProcessEventAsync(low, s_now);
        var fired = await service.ProcessEventAsync(high, s_now);

        Assert.Equal(ErrorCodes.NotFound, notYet.Error);
        Assert.Equal(["THD_FRAUD"], fired.ThresholdIds);
        Assert.Equal("ACT_FRAUD", Assert.Single(_actions.Requests).ActionSetId);
    }

    [Fact]
    public void GetThresholdsForEvent_1002_ZeroHitsNeverSnoozed()
    {
        var (thresholds, error) = Service().GetThresholdsForEvent(Event("1002"), s_now);

        Assert.Null(error);
        var threshold = Assert.Single(thresholds);
        Assert.Equal(("THD_ACNT_1002", 0, Threshold.NeverSnoozed), (threshold.Id, threshold.Hits, threshold.Snooze));
    }

    [Fact]
    public async Task ResetAsync_AfterHits_ZeroAgain()
    {
        var service = Service();
        await service.ProcessEventAsync(Event("1001"), s_now);

        Assert.True(await service.ResetAsync("cgrates.org", "THD_ACNT_1001"));

        Assert.Equal(0, service.GetThreshold("cgrates.org", "THD_ACNT_1001")!.Hits);
        Assert.Equal(["THD_ACNT_1001", "THD_ACNT_1002", "THD_FRAUD"], service.GetThresholdIds("cgrates.org"));
    }

    [Fact]
    public async Task ProcessEventAsync_PositiveStoreInterval_HitsWrittenOnceByTheBackup()
    {
        var service = Service(new ThresholdServiceOptions { StoreInterval = Usage.FromSeconds(10) });

        await service.ProcessEventAsync(Event("1002", "ev1"), s_now);
        await service.ProcessEventAsync(Event("1002", "ev2"), s_now);
        var savesBefore = _store.Saves;
        var stored = await service.StoreDirtyAsync();
        var again = await service.StoreDirtyAsync();

        Assert.Equal((0, 1, 0), (savesBefore, stored, again));
        Assert.True(Threshold.TryFromJson(_store.Saved[("cgrates.org", "THD_ACNT_1002")], out var saved, out var error), error);
        Assert.Equal(2, saved!.Hits);
    }

    [Fact]
    public async Task ProcessEventAsync_ZeroStoreInterval_NeverStoredWhileRunning()
    {
        var service = Service(new ThresholdServiceOptions { StoreInterval = Usage.Zero });

        await service.ProcessEventAsync(Event("1002"), s_now);

        Assert.Equal((0, 0), (await service.StoreDirtyAsync(), _store.Saves));
    }

    [Fact]
    public async Task ProcessEventAsync_UnsetStoreInterval_StoredWithEveryChange()
    {
        var service = Service();

        await service.ProcessEventAsync(Event("1002", "ev1"), s_now);
        await service.ProcessEventAsync(Event("1002", "ev2"), s_now);

        Assert.Equal((2, 0), (_store.Saves, await service.StoreDirtyAsync()));
    }

    private sealed class MemoryStore : IThresholdStore
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
}
