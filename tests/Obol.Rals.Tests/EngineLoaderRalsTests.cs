using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Rals.Tests;

/// <summary>Max-usage vectors of CGRateS engine/calldesc_test.go that run the plan's own actions first
/// (engine_loader_csv plan, 6 global decimals; rating-semantics.md §8).</summary>
public class EngineLoaderRalsTests
{
    private static async Task<RalsService> LoadAsync()
    {
        var rals = new RalsService(new RalsOptions { RoundingDecimals = 6 }, new InMemoryAccountStore(), new InProcessAccountLocks(),
            new InMemoryScheduleStore(), new RecordingEffects());
        var result = await rals.LoadTariffPlanAsync(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", "engine_loader_csv"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Where(e => !e.IsWarning)));
        await rals.Scheduler.WhenIdleAsync();
        return rals;
    }

    private static DebitRequest Call(string subject, string account, string destination, Instant start, Duration length) => new(new CallDescriptor
    {
        Tenant = "cgrates.org",
        Category = "call",
        Subject = subject,
        Account = account,
        Destination = destination,
        TimeStart = start,
        TimeEnd = start + length,
    });

    [Theory]
    [InlineData("block", "0723", 17)]
    [InlineData("block", "444", 30)]
    [InlineData("block_empty", "0723", 0)]
    [InlineData("block_empty", "444", 30)]
    public async Task GetMaxUsageAsync_BlockerBalance_StopsWhereTheBlockerRunsOut(string account, string destination, int minutes)
    {
        // The plan's BLOCK_AT / BLOCK_EMPTY_AT (*asap) gave the account a NAT blocker (1 or 0) and 20 of free money.
        await using var rals = await LoadAsync();
        var balances = (await rals.Accounts.GetAsync("cgrates.org:" + account))!.BalanceMap[BalanceTypes.Monetary];
        Assert.True(balances.Single(b => b.ID == "bblocker").Blocker);
        var (usage, error) = await rals.Accounts.GetMaxUsageAsync(Call("block", account, destination, Instant.FromUtc(2016, 1, 13, 14, 0), Duration.FromMinutes(30)));
        Assert.Null(error);
        Assert.Equal(Usage.FromMinutes(minutes), usage);
    }

    [Fact]
    public async Task MaxDebitAsync_ForceDurationBeyondCredit_InsufficientCredit()
    {
        await using var rals = await LoadAsync();
        Assert.Null(await rals.ExecuteActionAsync("cgrates.org", "12345", "TOPUP10_AC"));
        Assert.Null(await rals.ExecuteActionAsync("cgrates.org", "12345", "TOPUP10_AC1"));
        var request = new DebitRequest(Call("12345", "12345", "447956", Instant.FromUtc(2014, 3, 4, 6, 0), Duration.FromMinutes(1)).Call) { ForceDuration = true };
        Assert.Equal(ErrorCodes.InsufficientCredit, (await rals.Accounts.MaxDebitAsync(request)).Error);
    }

    [Fact]
    public async Task MaxDebitAsync_TopUpTenPlan_Pays49SecondsFor0_91()
    {
        await using var rals = await LoadAsync();
        Assert.Null(await rals.ExecuteActionAsync("cgrates.org", "12345", "TOPUP10_AC"));
        Assert.Null(await rals.ExecuteActionAsync("cgrates.org", "12345", "TOPUP10_AC1"));
        var (cc, error) = await rals.Accounts.MaxDebitAsync(Call("12345", "12345", "447956", Instant.FromUtc(2014, 3, 4, 6, 0), Duration.FromMinutes(1)));
        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(49), cc!.RatedUsage);
        Assert.Equal(0.91m, cc.Cost);
    }
}
