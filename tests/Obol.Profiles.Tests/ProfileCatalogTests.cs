using Obol.Profiles.Testing;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.Stats;
using Obol.TariffPlans;
using Obol.Thresholds;
using Xunit;

namespace Obol.Profiles.Tests;

public sealed class ProfileCatalogTests : IDisposable
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 1, 12, 0);
    private static readonly TariffPlanReadOptions s_options = new(DateTimeZone.Utc, s_now);

    private readonly MemoryDocumentStore _store = new();
    private readonly List<ProfileCatalog> _catalogs = [];

    public void Dispose() => _catalogs.ForEach(c => c.Dispose());

    private (ProfileCatalog Catalog, StatService Stats, ThresholdService Thresholds,
        ProfileKind<StatQueueProfileDefinition, StatQueueProfile> StatKind) Start()
    {
        var catalog = new ProfileCatalog(FilterEnvironment.Default, _store);
        _catalogs.Add(catalog);
        var stats = new StatService(catalog.Filters);
        var thresholds = new ThresholdService(catalog.Filters, new NoActions());
        var statKind = catalog.AddStats(stats);
        catalog.AddThresholds(thresholds);
        return (catalog, stats, thresholds, statKind);
    }

    private static TariffPlan Tutorial()
    {
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"), s_options);
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
        return read.Plan;
    }

    private static CgrEvent Cdr(string account, string destination) => new()
    {
        Tenant = "cgrates.org",
        Id = "cdr1",
        Event = { ["Account"] = account, ["Destination"] = destination, ["RunID"] = "*default", ["Usage"] = "30s", ["Cost"] = 0.3m },
    };

    [Fact]
    public async Task Prepare_TutorialPlan_ServicesMatchAfterCommitOnly()
    {
        var (catalog, stats, _, _) = Start();

        var load = catalog.Prepare(Tutorial(), s_options, restoring: false);
        Assert.Empty(load.Errors);
        Assert.Equal(ErrorCodes.NotFound, (await stats.ProcessEventAsync(Cdr("1001", "1002"), s_now)).Error);
        await load.Commit(CancellationToken.None);

        Assert.Equal(["STATS_FRAUD_1001", "Stats2"], (await stats.ProcessEventAsync(Cdr("1001", "1002"), s_now)).QueueIds);
        Assert.Equal(["FLTR_ACNT_1001", "FLTR_ACNT_1001_1002", "FLTR_ACNT_1002", "FLTR_ACNT_1003", "FLTR_ACNT_1003_1001", "FLTR_DST_FS", "FLTR_FRAUD_ACC", "FLTR_RES"],
            catalog.FilterIds("cgrates.org"));
    }

    [Fact]
    public async Task RestoreAsync_AfterLoadAndApiChange_SameProfilesFromStore()
    {
        var (catalog, _, _, statKind) = Start();
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);
        Assert.Null(await catalog.SetAsync(statKind, new StatQueueProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = "ACC_1003",
            FilterIds = ["FLTR_ACNT_1003"],
            QueueLength = 10,
            Metrics = [new MetricDefinition { MetricId = "*acc" }],
            Weight = 50,
            ThresholdIds = ["*none"],
        }));

        var (restarted, stats, thresholds, restartedKind) = Start();
        await restarted.RestoreAsync();

        Assert.Equal(["ACC_1003", "STATS_FRAUD_1001", "STATS_FRAUD_1002", "STATS_FRAUD_1003", "Stats2", "Stats2_1"], stats.GetQueueIds("cgrates.org"));
        Assert.Equal(["THD_ACNT_1001", "THD_ACNT_1002", "THD_FRAUD"], thresholds.GetThresholdIds("cgrates.org"));
        // Stats2_1 is a blocker (weight 30): the heavier queues come first and still count.
        Assert.Equal(["ACC_1003", "STATS_FRAUD_1003", "Stats2_1"], (await stats.ProcessEventAsync(Cdr("1003", "1001"), s_now)).QueueIds);
        Assert.Equal(["*acc"], restartedKind.Find("cgrates.org", "ACC_1003")!.Metrics!.Select(m => m.MetricId));
        Assert.Same(PreparedPlanLoadNothing(), restarted.Prepare(Tutorial(), s_options, restoring: true));
    }

    private static Rals.PreparedPlanLoad PreparedPlanLoadNothing() => Rals.PreparedPlanLoad.Nothing;

    [Fact]
    public async Task SetAsync_UnknownFilter_RefusedAndNothingChanges()
    {
        var (catalog, stats, _, statKind) = Start();
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);
        var before = _store.Documents.Count;

        var error = await catalog.SetAsync(statKind, new StatQueueProfileDefinition { Tenant = "cgrates.org", Id = "BROKEN", FilterIds = ["FLTR_NOPE"] });

        Assert.StartsWith("SERVER_ERROR: broken filter reference \"FLTR_NOPE\"", error, StringComparison.Ordinal);
        Assert.Equal(before, _store.Documents.Count);
        Assert.DoesNotContain("BROKEN", stats.GetQueueIds("cgrates.org"));
    }

    [Fact]
    public async Task RemoveFilterAsync_UsedByProfile_RefusedWhileUsed()
    {
        var (catalog, _, _, statKind) = Start();
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);

        var refused = await catalog.RemoveFilterAsync("cgrates.org", "FLTR_ACNT_1003_1001");
        Assert.Null(await catalog.RemoveAsync(statKind, "cgrates.org", "Stats2_1"));
        var removed = await catalog.RemoveFilterAsync("cgrates.org", "FLTR_ACNT_1003_1001");

        Assert.NotNull(refused);
        Assert.Contains("FLTR_ACNT_1003_1001", refused, StringComparison.Ordinal);
        Assert.Null(removed);
        Assert.Null(catalog.GetFilter("cgrates.org", "FLTR_ACNT_1003_1001"));
        Assert.Equal(ErrorCodes.NotFound, await catalog.RemoveFilterAsync("cgrates.org", "FLTR_ACNT_1003_1001"));
    }

    [Fact]
    public async Task SetFilterAsync_ChangedValues_ProfilesMatchTheNewFilter()
    {
        var (catalog, stats, _, _) = Start();
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);

        Assert.Null(await catalog.SetFilterAsync(new FilterDefinition
        {
            Tenant = "cgrates.org",
            Id = "FLTR_ACNT_1003_1001",
            Rules = [new FilterRuleDefinition { Type = "*string", Element = "~*req.Account", Values = ["2001"] }],
        }));

        Assert.Equal(["Stats2_1"], (await stats.ProcessEventAsync(Cdr("2001", "555"), s_now)).QueueIds);
        Assert.Equal(["STATS_FRAUD_1003"], (await stats.ProcessEventAsync(Cdr("1003", "1001"), s_now)).QueueIds);
    }

    [Fact]
    public void Prepare_BadMetricInStatsCsv_ErrorAtFileAndLine()
    {
        var (catalog, _, _, _) = Start();
        var plan = Tutorial();
        var bad = plan.Stats[0] with { Metrics = [new TpStatMetric("*nosuch", [])] };
        var broken = new TariffPlan { Filters = plan.Filters, Stats = [bad] };

        var load = catalog.Prepare(broken, s_options, restoring: false);

        var error = Assert.Single(load.Errors);
        Assert.Equal(("Stats.csv", bad.Location.Line), (error.File, error.Line));
        Assert.Contains("*nosuch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessEventAsync_TutorialFraudChain_ThirdExpensiveCdrDisablesAndLogsTheAccount()
    {
        var actions = new NoActions();
        var catalog = new ProfileCatalog(FilterEnvironment.Default, _store);
        _catalogs.Add(catalog);
        var stats = new StatService(catalog.Filters);
        var thresholds = new ThresholdService(catalog.Filters, actions);
        stats.Thresholds = new Sink(thresholds);
        catalog.AddStats(stats);
        catalog.AddThresholds(thresholds);
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            var cdr = Cdr("1001", "1002");
            cdr.Event["Cost"] = 2.5m;
            await stats.ProcessEventAsync(cdr, s_now);
            Assert.Equal(i < 2 ? 0 : 1, actions.Requests.Count);
        }

        var request = Assert.Single(actions.Requests);
        Assert.Equal(("THD_FRAUD", "DISABLE_AND_LOG", "cgrates.org:1001"), (request.ThresholdId, request.ActionSetId, request.AccountTenantId));
        Assert.Equal("2.5", stats.GetStringMetrics("cgrates.org", "STATS_FRAUD_1001")!["*acc"]);
    }

    [Fact]
    public async Task ProcessEventAsync_CheapCdrs_FraudThresholdStaysQuiet()
    {
        var actions = new NoActions();
        var catalog = new ProfileCatalog(FilterEnvironment.Default, _store);
        _catalogs.Add(catalog);
        var stats = new StatService(catalog.Filters);
        var thresholds = new ThresholdService(catalog.Filters, actions);
        stats.Thresholds = new Sink(thresholds);
        catalog.AddStats(stats);
        catalog.AddThresholds(thresholds);
        await catalog.Prepare(Tutorial(), s_options, restoring: false).Commit(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            await stats.ProcessEventAsync(Cdr("1002", "1001"), s_now);
        }

        Assert.Empty(actions.Requests);
        Assert.Equal(0, thresholds.GetThreshold("cgrates.org", "THD_FRAUD")!.Hits);
    }

    private sealed class NoActions : IThresholdActions
    {
        public List<ThresholdActionRequest> Requests { get; } = [];

        public ValueTask<string?> ExecuteAsync(ThresholdActionRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult<string?>(null);
        }
    }

    private sealed class Sink(ThresholdService thresholds) : IStatThresholdSink
    {
        public async ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken) =>
            (await thresholds.ProcessEventAsync(thresholdEvent, s_now, cancellationToken)).Error;
    }
}
