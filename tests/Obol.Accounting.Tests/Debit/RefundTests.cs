using NodaTime;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Accounting.Tests.Debit;

/// <summary>Refunds give each increment back to the balances that paid it (rating-semantics.md §9).</summary>
public class RefundTests
{
    private static Account RefundAccount() => DebitFixture.Account("test", "ref",
        (BalanceTypes.Monetary, DebitFixture.Money("moneya", 100)),
        (BalanceTypes.Voice, DebitFixture.Units("minutea", 10_000_000_000m, weight: 20, destinations: "NAT")),
        (BalanceTypes.Voice, DebitFixture.Units("minuteb", 10_000_000_000m, destinations: "RET")));

    /// <summary>The tutorial plan, 1001 with 10 on a monetary balance, and a two-minute call from it to 1002.</summary>
    private static async Task<(DebitFixture Fixture, CallDescriptor Call)> TwoMinuteCallOf1001(bool disabled = false)
    {
        var f = new DebitFixture("tutorial", 5);
        var account = DebitFixture.Account("cgrates.org", "1001", (BalanceTypes.Monetary, DebitFixture.Money("test", 10)));
        account.Disabled = disabled;
        await f.SaveAsync(account);
        var start = Instant.FromUtc(2014, 8, 4, 13, 0);
        return (f, DebitFixture.Call("cgrates.org", "call", "1001", "1001", "1002", start, start + Duration.FromMinutes(2)));
    }

    private static UnitDebit Unit(string uuid) => new(uuid, uuid, "", 0, 1, "", Meta.Voice, null);

    [Fact]
    public async Task RefundIncrementsAsync_MoneyAndUnits_ReturnToTheirBalances()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(RefundAccount());
        var money = new MonetaryDebit("moneya", "moneya", null);
        Increment[] increments =
        [
            new(Usage.Zero, 2, 1, new DebitInfo(null, money, "test:ref")),
            new(Usage.FromSeconds(3), 2, 1, new DebitInfo(Unit("minutea"), money, "test:ref")),
            new(Usage.FromSeconds(4), 0, 1, new DebitInfo(Unit("minuteb"), null, "test:ref")),
        ];
        var warnings = await f.Service.RefundIncrementsAsync(increments, Meta.Voice, CounterContext.None);
        Assert.Empty(warnings);
        var account = await f.GetAsync("test:ref");
        Assert.Equal(104m, account.BalanceMap[BalanceTypes.Monetary][0].Value);
        Assert.Equal(13_000_000_000m, account.BalanceMap[BalanceTypes.Voice][0].Value);
        Assert.Equal(14_000_000_000m, account.BalanceMap[BalanceTypes.Voice][1].Value);
    }

    [Fact]
    public async Task RefundIncrementsAsync_NoBalanceInfo_ChangesNothing()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(RefundAccount());
        Increment[] increments =
        [
            new(Usage.Zero, 0, 1, new DebitInfo(null, null, "test:ref")),
            new(Usage.FromSeconds(3), 0, 1, new DebitInfo(null, null, "test:ref")),
        ];
        await f.Service.RefundIncrementsAsync(increments, Meta.Voice, CounterContext.None);
        var account = await f.GetAsync("test:ref");
        Assert.Equal(100m, account.BalanceMap[BalanceTypes.Monetary][0].Value);
        Assert.Equal(10_000_000_000m, account.BalanceMap[BalanceTypes.Voice][0].Value);
    }

    [Fact]
    public async Task RefundIncrementsAsync_CompressedIncrement_RefundsEveryUnit()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(RefundAccount());
        var money = new MonetaryDebit("moneya", "moneya", null);
        await f.Service.RefundIncrementsAsync([new Increment(Usage.FromSeconds(1), 0.5m, 10, new DebitInfo(null, money, "test:ref"))],
            Meta.Voice, CounterContext.None);
        Assert.Equal(105m, (await f.GetAsync("test:ref")).BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task DebitThenRefundTail_PrepaidCall_ReturnsUnusedSeconds()
    {
        var (f, cd) = await TwoMinuteCallOf1001();
        var (cc, _) = await f.Service.DebitAsync(new DebitRequest(cd));
        Assert.Equal(10m - 0.7002m, (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary][0].Value);
        // The call ended at 1m30s: the last 30 one-second increments go back.
        var perSecond = cc!.Timespans[^1].Increments[^1];
        await f.Service.RefundIncrementsAsync([perSecond with { CompressFactor = 30 }], Meta.Voice, CounterContext.None);
        Assert.Equal(10m - 0.7002m + (30 * 0.00167m), (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task DebitAndSettleAsync_RoundingIncrement_TakenOffTheBalanceThatPaidInTheSameChange()
    {
        var (f, cd) = await TwoMinuteCallOf1001();
        var settled = 0;
        AccountSummary? summary = null;

        var (cc, error) = await f.Service.DebitAndSettleAsync(new DebitRequest(cd), cost =>
        {
            settled++;
            var paidBy = cost.Timespans[^1].Increments[^1].BalanceInfo;
            return [new Increment(Usage.Zero, 0.0003m, 1, paidBy)];
        }, cost =>
        {
            summary = cost.AccountSummary;
            return [new JournalWrite("test", "k", "{}")];
        }, CounterContext.None);

        Assert.Null(error);
        Assert.Equal(1, settled);
        Assert.Equal(0.7002m, cc!.Cost);
        Assert.Equal(10m - 0.7002m - 0.0003m, (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary][0].Value);
        // The documents see the account as the rounding left it, each balance with its value before the debit.
        var balance = Assert.Single(summary!.BalanceSummaries!);
        Assert.Equal(("cgrates.org", "1001"), (summary.Tenant, summary.AccountID));
        Assert.Equal((10m, 10m - 0.7002m - 0.0003m, BalanceTypes.Monetary), (balance.Initial, balance.Value, balance.Type));
    }

    [Fact]
    public async Task DebitAndSettleAsync_DisabledAccount_NeitherDebitsNorSettles()
    {
        var (f, cd) = await TwoMinuteCallOf1001(disabled: true);
        var settled = 0;

        var (_, error) = await f.Service.DebitAndSettleAsync(new DebitRequest(cd), _ =>
        {
            settled++;
            return [];
        }, _ =>
        {
            settled++;
            return [];
        }, CounterContext.None);

        Assert.Equal(ErrorCodes.AccountDisabled, error);
        Assert.Equal(0, settled);
        Assert.Equal(10m, (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary][0].Value);
    }
}
