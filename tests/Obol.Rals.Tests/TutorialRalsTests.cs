using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Rals.Tests;

/// <summary>The seed's walk-through at the RALs level: load the tutorial plan, check the accounts, charge a call, and
/// trip the fraud detection (rating-semantics.md §11, cgrates-reference.md §7).</summary>
public class TutorialRalsTests
{
    private static string Plan(string name) => Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", name);

    private static async Task<(RalsService Rals, RecordingEffects Effects, InMemoryAccountStore Store)> LoadTutorialAsync(
        InMemoryAccountStore? store = null, IScheduleStore? schedule = null)
    {
        store ??= new InMemoryAccountStore();
        var effects = new RecordingEffects();
        var rals = new RalsService(new RalsOptions(), store, new InProcessAccountLocks(), schedule ?? new InMemoryScheduleStore(), effects);
        var result = await rals.LoadTariffPlanAsync(Plan("tutorial"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await rals.Scheduler.WhenIdleAsync();
        return (rals, effects, store);
    }

    private static decimal Monetary(Account account) => account.BalanceMap[BalanceTypes.Monetary].Sum(b => b.Value);

    [Fact]
    public async Task LoadTariffPlanAsync_Tutorial_TopsUpThreeAccountsWithTen()
    {
        var (rals, _, _) = await LoadTutorialAsync();
        await using var _ = rals;
        foreach (var id in new[] { "1001", "1002", "1003" })
        {
            var account = await rals.Accounts.GetAsync("cgrates.org:" + id);
            var balance = Assert.Single(account!.BalanceMap[BalanceTypes.Monetary]);
            Assert.Equal("test", balance.ID);
            Assert.Equal(10m, balance.Value);
            Assert.Equal(10m, balance.Weight);
            Assert.Equal(2, account.ActionTriggers.Count);
            Assert.False(account.Disabled);
        }
    }

    [Fact]
    public async Task SetBalanceAsync_Over20_LogsWarningOnce()
    {
        var (rals, effects, _) = await LoadTutorialAsync();
        await using var _ = rals;
        Assert.Null(await rals.SetBalanceAsync("cgrates.org", "1003", BalanceTypes.Monetary, 23, new BalanceFilter { ID = "MonetaryBalance" }));
        var logged = Assert.Single(effects.LoggedAccounts);
        Assert.Equal("cgrates.org:1003", logged.AccountId);
        Assert.Contains("\"MonetaryBalance\"", logged.Json, StringComparison.Ordinal);
        var account = await rals.Accounts.GetAsync("cgrates.org:1003");
        Assert.False(account!.Disabled);
        Assert.Equal(33m, Monetary(account));
    }

    [Fact]
    public async Task SetBalanceAsync_Over100_LogsAndDisablesAccount()
    {
        var (rals, effects, _) = await LoadTutorialAsync();
        await using var _ = rals;
        Assert.Null(await rals.SetBalanceAsync("cgrates.org", "1001", BalanceTypes.Monetary, 101, new BalanceFilter { ID = "MonetaryBalance" }));
        Assert.Equal(2, effects.LoggedAccounts.Count(l => l.AccountId == "cgrates.org:1001"));
        Assert.True((await rals.Accounts.GetAsync("cgrates.org:1001"))!.Disabled);
        // A disabled account can no longer be charged: its prepaid calls are refused.
        var start = Instant.FromUtc(2014, 8, 4, 13, 0);
        var call = new CallDescriptor
        {
            Tenant = "cgrates.org",
            Category = "call",
            Subject = "1001",
            Account = "1001",
            Destination = "1002",
            TimeStart = start,
            TimeEnd = start + Duration.FromSeconds(60),
        };
        Assert.Equal(ErrorCodes.AccountDisabled, (await rals.Accounts.MaxDebitAsync(new DebitRequest(call))).Error);
    }

    [Fact]
    public async Task DebitAsync_TwoMinuteCallAfterLoad_Costs0_7002()
    {
        var (rals, _, _) = await LoadTutorialAsync();
        await using var _ = rals;
        var start = Instant.FromUtc(2014, 8, 4, 13, 0);
        var call = new CallDescriptor
        {
            Tenant = "cgrates.org",
            Category = "call",
            Subject = "1001",
            Account = "1001",
            Destination = "1002",
            TimeStart = start,
            TimeEnd = start + Duration.FromMinutes(2),
        };
        var (cc, error) = await rals.Accounts.DebitAsync(new DebitRequest(call));
        Assert.Null(error);
        Assert.Equal(0.7002m, cc!.Cost);
        Assert.Equal(9.2998m, Monetary((await rals.Accounts.GetAsync("cgrates.org:1001"))!));
    }

    [Fact]
    public async Task LoadTariffPlanAsync_Restart_DoesNotRepeatTheAsapTopUp()
    {
        var store = new InMemoryAccountStore();
        var scheduleFile = Path.Combine(Path.GetTempPath(), $"obol-schedule-{Guid.NewGuid():N}.json");
        try
        {
            using (var schedule = new FileScheduleStore(scheduleFile))
            {
                var (first, _, _) = await LoadTutorialAsync(store, schedule);
                await using (first)
                {
                    Assert.Null(await first.DebitBalanceAsync("cgrates.org", "1002", BalanceTypes.Monetary, 4, new BalanceFilter { ID = "test" }));
                }
            }
            using var reopened = new FileScheduleStore(scheduleFile);
            var (second, _, _) = await LoadTutorialAsync(store, reopened);
            await using var _ = second;
            Assert.Equal(6m, Monetary((await second.Accounts.GetAsync("cgrates.org:1002"))!));
        }
        finally
        {
            File.Delete(scheduleFile);
        }
    }

    [Fact]
    public async Task LoadTariffPlanAsync_BrokenPlan_AppliesNothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"obol-broken-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.GetFiles(Plan("tutorial")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            await File.AppendAllTextAsync(Path.Combine(folder, "Rates.csv"), "\nRT_BAD,0,abc,60s,60s,0s\n");
            var store = new InMemoryAccountStore();
            await using var rals = new RalsService(new RalsOptions(), store, new InProcessAccountLocks(), new InMemoryScheduleStore(), new RecordingEffects());
            var result = await rals.LoadTariffPlanAsync(folder);
            Assert.False(result.Succeeded);
            Assert.True(result.Errors.Any(e => e.File == "Rates.csv" && e.Column == "Rate"), string.Join("; ", result.Errors));
            Assert.Equal(0, store.Count);
            Assert.Empty(((RatingDataHolder)rals.Rating.Data).Current.RatingPlans);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
