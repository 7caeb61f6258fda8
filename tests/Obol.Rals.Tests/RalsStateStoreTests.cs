using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Rals.Tests;

/// <summary>The API's changes to actions, plans and bindings go to the state store and come back over the stored tariff
/// plan on a restart, with the same timing uuids, so spent <c>*asap</c>s stay spent.</summary>
public class RalsStateStoreTests
{
    private const string Account1002 = "cgrates.org:1002";

    private static readonly IReadOnlyList<TariffPlanFile> s_tutorial = Files("tutorial");

    private static IReadOnlyList<TariffPlanFile> Files(string name)
    {
        var (files, errors) = TariffPlanReader.CollectFiles(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", name));
        Assert.Empty(errors);
        return files;
    }

    /// <summary>One engine's durable parts, shared by the RalsService instances a test restarts.</summary>
    private sealed class Disk
    {
        public InMemoryAccountStore Accounts { get; } = new();
        public InMemoryScheduleStore Schedule { get; } = new();
        public FakeStateStore State { get; } = new();
    }

    private static RalsService Start(Disk disk) =>
        new(new RalsOptions(), disk.Accounts, new InProcessAccountLocks(), disk.Schedule, new RecordingEffects(), state: disk.State);

    private static async Task<RalsService> LoadAsync(Disk disk, bool restore)
    {
        var rals = Start(disk);
        var result = await rals.LoadTariffPlanAsync(s_tutorial, "tutorial", applyAccountActions: !restore);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await rals.Scheduler.WhenIdleAsync();
        return rals;
    }

    private static AccountAction TopUp(string id, decimal units) => new()
    {
        Id = id,
        ActionType = "*topup",
        Weight = 10,
        Balance = new BalanceFilter { ID = "test", Type = BalanceTypes.Monetary, Value = units, DestinationIDs = StringMap.Parse("*any") },
    };

    private static ActionPlan AsapPlan(string id, string actionsId) =>
        new(id, [new ActionTiming(AccountService.NewUuid(), ActionTimingSchedule.Asap, actionsId, 10)], new HashSet<string>(StringComparer.Ordinal));

    private static async Task<decimal> MonetaryAsync(RalsService rals, string id) =>
        (await rals.Accounts.GetAsync(id))!.BalanceMap[BalanceTypes.Monetary].Sum(b => b.Value);

    /// <summary>ACT_TOPUP_5 and AP_TOPUP_5 (*asap) set over the API, 1002 bound to it: 10 → 15.</summary>
    private static async Task<ActionPlan> SetUpTopUpAsync(RalsService rals)
    {
        Assert.Null(await rals.SetActionsAsync("ACT_TOPUP_5", [TopUp("ACT_TOPUP_5", 5)], overwrite: false));
        var plan = AsapPlan("AP_TOPUP_5", "ACT_TOPUP_5");
        Assert.Null(await rals.SetActionPlanAsync(plan, overwrite: false));
        Assert.Null(await rals.SetAccountAsync("cgrates.org", "1002", ["AP_TOPUP_5"], false, [], false, null, null));
        await rals.Scheduler.WhenIdleAsync();
        Assert.Equal(15m, await MonetaryAsync(rals, Account1002));
        return plan;
    }

    [Fact]
    public async Task LoadTariffPlanAsync_RestoreAfterApiChanges_ActionsPlansAndBindingsComeBackWithoutRerunningAsap()
    {
        var disk = new Disk();
        ActionPlan plan;
        await using (var rals = await LoadAsync(disk, restore: false))
        {
            plan = await SetUpTopUpAsync(rals);
        }

        await using var restarted = await LoadAsync(disk, restore: true);

        var restored = restarted.GetActionPlan("AP_TOPUP_5");
        Assert.NotNull(restored);
        Assert.Equal(plan.ActionTimings[0].Uuid, Assert.Single(restored.ActionTimings).Uuid);
        Assert.Equal([Account1002], restored.AccountIds);
        Assert.Equal(ActionTimingKind.Asap, restored.ActionTimings[0].Schedule.Kind);
        Assert.Equal(5m, Assert.Single(restarted.GetActions("ACT_TOPUP_5")!).Balance.Value);
        Assert.Equal(15m, await MonetaryAsync(restarted, Account1002));
        // The tariff plan's own plan and list are still there.
        Assert.NotNull(restarted.GetActionPlan("AP_PACKAGE_10"));
        Assert.NotNull(restarted.GetActions("ACT_TOPUP_RST_10"));
    }

    [Fact]
    public async Task SetAccountAsync_BindsAccount_SavesOnlyTheChangedPlan()
    {
        var disk = new Disk();
        await using var rals = await LoadAsync(disk, restore: false);
        Assert.Null(await rals.SetActionPlanAsync(AsapPlan("AP_EMPTY", "ACT_LOG_WARNING"), overwrite: false));
        await rals.Scheduler.WhenIdleAsync();
        disk.State.Saves.Clear();

        Assert.Null(await rals.SetAccountAsync("cgrates.org", "1002", ["AP_EMPTY"], false, [], false, null, null));
        await rals.Scheduler.WhenIdleAsync();

        var save = Assert.Single(disk.State.Saves);
        Assert.Empty(save.Actions);
        var (id, saved) = Assert.Single(save.ActionPlans);
        Assert.Equal("AP_EMPTY", id);
        Assert.Equal([Account1002], saved!.AccountIds);
    }

    [Fact]
    public async Task RemoveActionPlanAsync_TariffPlanPlan_StaysRemovedAfterRestore()
    {
        var disk = new Disk();
        await using (var rals = await LoadAsync(disk, restore: false))
        {
            Assert.Null(await rals.RemoveActionPlanAsync("AP_PACKAGE_10"));
            Assert.Null(await rals.RemoveActionsAsync(["ACT_LOG_WARNING"]));
        }

        await using var restarted = await LoadAsync(disk, restore: true);

        Assert.Null(restarted.GetActionPlan("AP_PACKAGE_10"));
        Assert.Null(restarted.GetActions("ACT_LOG_WARNING"));
        Assert.NotNull(restarted.GetActions("DISABLE_AND_LOG"));
    }

    [Fact]
    public async Task RemoveAccountAsync_BoundAccount_SavesThePlanWithoutIt()
    {
        var disk = new Disk();
        await using (var rals = await LoadAsync(disk, restore: false))
        {
            Assert.Null(await rals.RemoveAccountAsync("cgrates.org", "1002"));
        }

        await using var restarted = await LoadAsync(disk, restore: true);

        Assert.Equal(["cgrates.org:1001", "cgrates.org:1003"], restarted.GetActionPlan("AP_PACKAGE_10")!.AccountIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetActionsAsync_ExistingWithoutOverwrite_SavesNothing()
    {
        var disk = new Disk();
        await using var rals = await LoadAsync(disk, restore: false);

        Assert.Equal(ErrorCodes.Exists, await rals.SetActionsAsync("ACT_LOG_WARNING", [TopUp("ACT_LOG_WARNING", 1)], overwrite: false));

        Assert.Empty(disk.State.Saves);
    }

    [Fact]
    public async Task SetActionsAsync_StoreFails_ChangeNotApplied()
    {
        var disk = new Disk();
        await using var rals = await LoadAsync(disk, restore: false);
        disk.State.FailSaves = true;

        await Assert.ThrowsAsync<IOException>(() => rals.SetActionsAsync("ACT_NEW", [TopUp("ACT_NEW", 1)], overwrite: false));
        await Assert.ThrowsAsync<IOException>(() => rals.RemoveActionPlanAsync("AP_PACKAGE_10"));

        Assert.Null(rals.GetActions("ACT_NEW"));
        Assert.NotNull(rals.GetActionPlan("AP_PACKAGE_10"));
    }

    [Fact]
    public async Task LoadTariffPlanAsync_NewPlan_ClearsTheStoredChanges()
    {
        var disk = new Disk();
        await using (var rals = await LoadAsync(disk, restore: false))
        {
            await SetUpTopUpAsync(rals);
            Assert.False(disk.State.Snapshot().IsEmpty);
            var result = await rals.LoadTariffPlanAsync(s_tutorial, "tutorial", applyAccountActions: true);
            Assert.True(result.Succeeded);
            Assert.True(disk.State.Snapshot().IsEmpty);
            Assert.Null(rals.GetActionPlan("AP_TOPUP_5"));
        }

        await using var restarted = await LoadAsync(disk, restore: true);

        Assert.Null(restarted.GetActionPlan("AP_TOPUP_5"));
        Assert.Null(restarted.GetActions("ACT_TOPUP_5"));
    }

    [Fact]
    public async Task RestoreStateAsync_NoTariffPlanEverLoaded_PutsBackApiPlans()
    {
        var disk = new Disk();
        await using (var rals = Start(disk))
        {
            Assert.Null(await rals.SetActionsAsync("ACT_TOPUP_5", [TopUp("ACT_TOPUP_5", 5)], overwrite: false));
            Assert.Null(await rals.SetActionPlanAsync(AsapPlan("AP_TOPUP_5", "ACT_TOPUP_5"), overwrite: false));
            Assert.Null(await rals.SetAccountAsync("cgrates.org", "1002", ["AP_TOPUP_5"], false, [], false, null, null));
            await rals.Scheduler.WhenIdleAsync();
            Assert.Equal(5m, await MonetaryAsync(rals, Account1002));
        }

        await using var restarted = Start(disk);
        await restarted.RestoreStateAsync();
        await restarted.Scheduler.WhenIdleAsync();

        Assert.Equal([Account1002], restarted.GetActionPlan("AP_TOPUP_5")!.AccountIds);
        Assert.NotNull(restarted.GetActions("ACT_TOPUP_5"));
        Assert.True(restarted.Scheduler.IsRunning);
        Assert.Equal(5m, await MonetaryAsync(restarted, Account1002));
    }

    /// <summary>The port in memory: every save recorded, the merged state kept as a store would.</summary>
    private sealed class FakeStateStore : IRalsStateStore
    {
        private readonly Dictionary<string, IReadOnlyList<AccountAction>?> _actions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ActionPlan?> _plans = new(StringComparer.Ordinal);

        public List<RalsStateChanges> Saves { get; } = [];

        public bool FailSaves { get; set; }

        public Task SaveAsync(RalsStateChanges changes, CancellationToken cancellationToken = default)
        {
            if (FailSaves)
            {
                throw new IOException("disk full");
            }
            Saves.Add(changes);
            foreach (var (id, list) in changes.Actions)
            {
                _actions[id] = list;
            }
            foreach (var (id, plan) in changes.ActionPlans)
            {
                _plans[id] = plan;
            }
            return Task.CompletedTask;
        }

        public Task<RalsStateChanges> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

        public Task ClearAsync(CancellationToken cancellationToken = default)
        {
            _actions.Clear();
            _plans.Clear();
            return Task.CompletedTask;
        }

        public RalsStateChanges Snapshot() => new(new Dictionary<string, IReadOnlyList<AccountAction>?>(_actions, StringComparer.Ordinal),
            new Dictionary<string, ActionPlan?>(_plans, StringComparer.Ordinal));
    }
}
