using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Accounting.Tests.Debit;

/// <summary>
/// The max-usage dry run pays runs of equal increments in one step; these check it against the increment-by-increment
/// real debit on the tutorial plan (1001 → 1002: connect fee 0.4, 0.2 for the first minute, then 0.00167 a second).
/// </summary>
public class MaxUsageTests
{
    private static readonly Instant s_start = Instant.FromUtc(2026, 1, 5, 10, 0);
    private static readonly Duration s_threeHours = Duration.FromHours(3);

    private static async Task<DebitFixture> FixtureAsync(params decimal[] balances)
    {
        var f = new DebitFixture("tutorial", 5);
        var money = balances.Select((value, i) => (BalanceTypes.Monetary, DebitFixture.Money("m" + i, value, weight: 20 - i))).ToArray();
        await f.SaveAsync(DebitFixture.Account("cgrates.org", "1001", money));
        return f;
    }

    private static DebitRequest Call(string destination, Duration usage) =>
        new(DebitFixture.Call("cgrates.org", "call", "1001", "1001", destination, s_start, s_start + usage));

    private static async Task<Usage> MaxUsageAsync(DebitFixture f, string destination, Duration asked)
    {
        var (usage, error) = await f.Service.GetMaxUsageAsync(Call(destination, asked));
        Assert.Null(error);
        return usage;
    }

    [Fact]
    public async Task GetMaxUsageAsync_TenUnitsForThreeHours_PaysWholeSecondsAfterTheFirstMinute()
    {
        var f = await FixtureAsync(10);
        // 10 − 0.4 − 0.2 = 9.4 left for seconds at 0.00167: 5,628 of them (5,628.74).
        Assert.Equal(Usage.FromSeconds(60 + 5_628), await MaxUsageAsync(f, "1002", s_threeHours));
    }

    [Fact]
    public async Task GetMaxUsageAsync_TwoBalances_SecondContinuesWhereTheFirstRanOut()
    {
        var f = await FixtureAsync(1, 5);
        // The first pays the fee, the first minute and 239 seconds (0.4 / 0.00167 = 239.5); the second 2,994 (2,994.01).
        Assert.Equal(Usage.FromSeconds(60 + 239 + 2_994), await MaxUsageAsync(f, "1002", s_threeHours));
    }

    [Fact]
    public async Task GetMaxUsageAsync_EnoughForTheWholeCall_ReturnsWhatWasAsked()
    {
        var f = await FixtureAsync(100);
        Assert.Equal(Usage.FromSeconds(3 * 3600), await MaxUsageAsync(f, "1002", s_threeHours));
    }

    [Fact]
    public async Task GetMaxUsageAsync_MaxCostDisconnect_StopsAtTheCap()
    {
        var f = await FixtureAsync(10);
        // 1003 costs 0.01 a second with MaxCost 0.12 *disconnect.
        Assert.Equal(Usage.FromSeconds(12), await MaxUsageAsync(f, "1003", s_threeHours));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0.6)]
    [InlineData(0.61)]
    [InlineData(0.60167)]
    [InlineData(1.2345678)]
    [InlineData(7.0000049)]
    [InlineData(3.3)]
    public async Task GetMaxUsageAsync_AnyBalance_IsTheLongestCallTheBalanceAlonePays(decimal value)
    {
        var max = (await MaxUsageAsync(await FixtureAsync(value), "1002", s_threeHours)).Nanoseconds;
        if (max > 0)
        {
            var paid = await FixtureAsync(value);
            Assert.Null((await paid.Service.DebitAsync(Call("1002", Duration.FromNanoseconds(max)))).Error);
            var account = await paid.GetAsync("cgrates.org:1001");
            Assert.DoesNotContain(account.BalanceMap[BalanceTypes.Monetary], b => b.IsDefault);
            Assert.True(account.BalanceMap[BalanceTypes.Monetary][0].Value >= 0);
        }
        var over = await FixtureAsync(value);
        Assert.Null((await over.Service.DebitAsync(Call("1002", Duration.FromNanoseconds(max) + Duration.FromSeconds(1)))).Error);
        Assert.Contains((await over.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary], b => b.IsDefault && b.Value < 0);
    }

    [Theory]
    [InlineData(1, 0.3, 100, 3)]
    [InlineData(0.9, 0.3, 100, 3)]
    [InlineData(0.89999, 0.3, 100, 2)]
    [InlineData(10, 0.001, 5, 5)]
    [InlineData(0.1, 0.3, 100, 0)]
    [InlineData(9.4, 0.00167, 100000, 5628)]
    public void WholeTimes_ValueAndCost_CountsWholeFits(decimal value, decimal cost, decimal limit, decimal expected) =>
        Assert.Equal(expected, AccountDebitor.WholeTimes(value, cost, limit));
}
