using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>CDRsV1.ProcessEvents, CDRsV1.ReprocessCDRs and APIerSv1.RemoveCDRs through their wire shapes.</summary>
public sealed class CdrBatchMethodsTests
{
    private static string Call(string originId, string usage) => $$$"""
        {"Tenant":"","ID":"","Event":{"RunID":"*default","OriginID":"{{{originId}}}","OriginHost":"10.0.0.1","ToR":"*voice",
         "RequestType":"*postpaid","Tenant":"cgrates.org","Category":"call","Account":"1001","Destination":"1002",
         "SetupTime":"2021-02-02T16:15:00Z","AnswerTime":"2021-02-02T16:15:00Z","Usage":"{{{usage}}}"}}
        """;

    [Fact]
    public async Task ProcessEvents_TwoEventsWithoutIdOrTenant_RatesAndStoresBoth()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);

        var reply = await cdrs.ResultAsync("CDRsV1.ProcessEvents", $$"""{"Flags":["*rals"],"CGREvents":[{{Call("batch1", "2m")}},{{Call("batch2", "1m")}}]}""");

        Assert.Equal("OK", reply.GetString());
        Assert.Equal((0.4m, 0.2m), ((await cdrs.SingleCdrAsync("batch1")).Cost, (await cdrs.SingleCdrAsync("batch2")).Cost));
        Assert.Equal(9.4m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessEvents_OptionThatIsNoBoolean_FailsWithGoText()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));

        var error = await cdrs.ErrorAsync("CDRsV1.ProcessEvents", $$$"""{"CGREvents":[{{{Call("batch1", "2m")}}}],"APIOpts":{"*ralS":"maybe"}}""");

        Assert.StartsWith("failed to configure processing args: ", error, StringComparison.Ordinal);
        Assert.Empty(await cdrs.Store.GetAsync(new Cdrs.CdrQuery()));
    }

    [Fact]
    public async Task ReprocessCdrs_RerateAndStoreAfterAPriceChange_RefundsChargesAndRewritesTheCdr()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        var before = await cdrs.SingleCdrAsync("call1");
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.3m));

        var reply = await cdrs.ResultAsync("CDRsV1.ReprocessCDRs", """{"Flags":["*rerate","*store"],"OriginIDs":["call1"]}""");
        var none = await cdrs.ErrorAsync("CDRsV1.ReprocessCDRs", """{"Flags":["*store"],"OriginIDs":["nosuch"]}""");

        Assert.Equal(("OK", "NOT_FOUND"), (reply.GetString(), none));
        var after = await cdrs.SingleCdrAsync("call1");
        Assert.Equal((before.OrderId, 0.6m), (after.OrderId, after.Cost));
        Assert.Equal(9.4m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ReprocessCdrs_NoFlags_IgnoresTheSectionsDefaultsAndChangesNothing()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.3m));

        // RateCDRs would take the section's *rals and *store; ReprocessCDRs takes only the flags it is given.
        var reply = await cdrs.ResultAsync("CDRsV1.ReprocessCDRs", """{"OriginIDs":["call1"],"APIOpts":{"*rerate":true}}""");

        Assert.Equal("OK", reply.GetString());
        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("call1")).Cost);
    }

    [Fact]
    public async Task RemoveCdrs_Filter_DeletesOnlyTheSelectedAndAnswersOkWhenNoneMatch()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call2", "2021-02-02T17:15:00Z", "1m"));

        var removed = await cdrs.ResultAsync("APIerSv1.RemoveCDRs", """{"OriginIDs":["call1"]}""");
        var nothing = await cdrs.ResultAsync("APIerSv1.RemoveCDRs", """{"OriginIDs":["nosuch"]}""");

        Assert.Equal(("OK", "OK"), (removed.GetString(), nothing.GetString()));
        Assert.Equal(["call2"], (await cdrs.Store.GetAsync(new Cdrs.CdrQuery())).Select(c => c.OriginId));
    }
}
