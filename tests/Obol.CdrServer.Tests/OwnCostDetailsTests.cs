using Obol.Cdrs;
using Obol.Primitives;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>A CDR whose CostDetails SessionS of this process wrote (<see cref="CostDetailsJson"/>) with their usage and cost.</summary>
public sealed class OwnCostDetailsTests
{
    // Two minutes at 0.2 a minute, naming no balance.
    private const string TwoMinutes =
        """{"Usage":120000000000,"Cost":0.4,"Charges":[{"RatingID":"r","Increments":[{"Usage":60000000000,"Cost":0.2,"AccountingID":"","CompressFactor":2}],"CompressFactor":1}]}""";

    [Fact]
    public async Task ProcessEvent_OwnCostDetailsCoveringTheUsage_KeepsTheirCostAndChargesNothing()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);

        Assert.Null(await cdrs.ProcessCallAsync("1001", "*prepaid", "s1", "2021-02-02T16:15:00Z", "2m",
            costDetails: new CostDetailsJson(TwoMinutes, new Usage(120_000_000_000), 0.4m)));

        var cdr = await cdrs.SingleCdrAsync("s1");
        Assert.Equal((0.4m, TwoMinutes), (cdr.Cost, cdr.CostDetails));
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessEvent_OwnCostDetailsCoveringLessThanTheUsage_ReadAsStoredCostsAreToRefundThem()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);

        await cdrs.ProcessCallAsync("1001", "*prepaid", "s1", "2021-02-02T16:15:00Z", "3m",
            costDetails: new CostDetailsJson(TwoMinutes, new Usage(120_000_000_000), 0.4m));

        // The third minute is not covered: the two paid ones must be given back first, and this cost names no balance.
        var cdr = await cdrs.SingleCdrAsync("s1");
        Assert.Equal(-1m, cdr.Cost);
        Assert.Equal("CostDetails name no balance to refund", cdr.ExtraInfo);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }
}
