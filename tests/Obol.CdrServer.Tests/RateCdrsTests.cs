using System.Text.Json;
using Obol.Accounting;
using Obol.Cdrs;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>CDRsV1.RateCDRs (engine/cdrs.go V1RateCDRs): re-rating stored CDRs after a tariff change refunds what each
/// was charged and charges the new price, once per call however often or concurrently it is asked.</summary>
public sealed class RateCdrsTests
{
    private const string Rerate = """{"Flags":["*rerate"]}""";

    private static async Task<CdrHarness> ChargedCallAsync(string requestType = "*prepaid")
    {
        var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", requestType, "call1", "2021-02-02T16:15:00Z", "2m"));
        return cdrs;
    }

    [Fact]
    public async Task RateCdrs_RerateAfterTariffChange_RefundsOldCostAndChargesNewOne()
    {
        await using var cdrs = await ChargedCallAsync();
        var before = await cdrs.SingleCdrAsync("call1");
        Assert.Equal(0.4m, before.Cost);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));

        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));
        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate)).GetString());

        var after = await cdrs.SingleCdrAsync("call1");
        Assert.Equal(1.0m, after.Cost);
        Assert.Equal(before.OrderId, after.OrderId);
        Assert.Equal("*cdrs", after.CostSource);
        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
        Assert.Empty(cdrs.Warnings);
    }

    [Fact]
    public async Task RateCdrs_RerateTwice_LeavesBalanceAsAfterOnce()
    {
        await using var cdrs = await ChargedCallAsync();
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);
        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);

        Assert.Equal(1.0m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task RateCdrs_RoundedCosts_RefundsTheRoundingWithTheIncrements()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerSecondToCents(0.1m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call1", "2021-02-02T16:15:00Z", "61s"));
        Assert.Equal(0.11m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.89m, await cdrs.BalanceAsync("1001"));
        await cdrs.LoadPlanAsync(TestPlans.PerSecondToCents(0.2m));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);
        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);

        Assert.Equal(0.21m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.79m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task RateCdrs_ConcurrentReratings_RefundEachStoredCostOnce()
    {
        // Slow reads: every call selects the CDR (with its first cost) before any of them has re-rated it.
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m), new DelayedCdrStore(new InMemoryCdrStore(), TimeSpan.FromMilliseconds(20)));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*prepaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await cdrs.Cdrs.RateCdrsAsync(CdrQuery.All, ["*rerate"], null, CancellationToken.None)));
        Assert.All(await Task.WhenAll(calls), Assert.Null);

        Assert.Equal(1.0m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task RateCdrs_RatedCdr_RepricedWithoutTouchingBalance()
    {
        await using var cdrs = await ChargedCallAsync("*rated");
        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));

        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));
        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);

        Assert.Equal(1.0m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task RateCdrs_AccountsFilter_RatesOnlyTheMatchingCdrs()
    {
        await using var cdrs = await ChargedCallAsync();
        await cdrs.SetMonetaryAsync("1002", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1002", "*prepaid", "call2", "2021-02-02T16:20:00Z", "2m"));
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"Accounts":["1001"]}""");

        Assert.Equal(1.0m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("call2")).Cost);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1002"));
    }

    [Fact]
    public async Task RateCdrs_NothingMatches_AnswersNotFound()
    {
        await using var cdrs = await ChargedCallAsync();

        Assert.Equal("NOT_FOUND", await cdrs.ErrorAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"Accounts":["1003"]}"""));
    }

    [Fact]
    public async Task RateCdrs_WithoutRerate_AnswersExistsAndChargesNothing()
    {
        await using var cdrs = await ChargedCallAsync();
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        Assert.Equal("SERVER_ERROR: EXISTS", await cdrs.ErrorAsync("CDRsV1.RateCDRs", "{}"));

        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task RateCdrs_BadOption_AnswersProcessingArgsError()
    {
        await using var cdrs = await ChargedCallAsync();

        Assert.Equal("failed to configure processing args: strconv.ParseBool: parsing \"maybe\": invalid syntax",
            await cdrs.ErrorAsync("CDRsV1.RateCDRs", """{"APIOpts":{"*rerate":"maybe"}}"""));
    }

    [Fact]
    public async Task RateCdrs_FlagsNotAList_AnswersGoDecodingError()
    {
        await using var cdrs = await ChargedCallAsync();

        Assert.Equal("json: cannot unmarshal string into Go struct field ArgRateCDRs.Flags of type []string",
            await cdrs.ErrorAsync("CDRsV1.RateCDRs", """{"Flags":"*rerate"}"""));
    }

    [Fact]
    public async Task RateCdrs_V2Name_RatesAsV1()
    {
        await using var cdrs = await ChargedCallAsync();
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV2.RateCDRs", Rerate)).GetString());

        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
    }

    /// <summary>general_tests/rerate_cdrs_it_test.go TestRerateCDRs: all refunds come before the charges, and the
    /// charges follow OrderBy, so the earlier call now gets the free minute.</summary>
    [Fact]
    public async Task RateCdrs_OrderedByAnswerTime_ChargesTheVoiceBalanceToTheEarliestCall()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.RerateCdrs);
        Assert.Null(await cdrs.Rals.SetBalanceAsync("cgrates.org", "1001", "*voice", 60_000_000_000m, new BalanceFilter { ID = "voiceBalance1" }));
        const string cgrId = "5ed5d5a9a6c3f6a6b9fb8f0e4b1e6e2c0c9a7d11";
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*pseudoprepaid", "processCDR1", "2021-02-02T16:15:00Z", "2m", "run_1", cgrId));
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*pseudoprepaid", "processCDR2", "2021-02-02T15:15:00Z", "2m", "run_2", cgrId));
        Assert.Equal(0.6m, (await cdrs.SingleCdrAsync("processCDR1")).Cost);
        Assert.Equal(1.2m, (await cdrs.SingleCdrAsync("processCDR2")).Cost);
        Assert.Equal(-1.8m, Math.Round(await cdrs.BalanceAsync("1001"), 1));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", $$"""{"Flags":["*rerate"],"OrderBy":"AnswerTime","CGRIDs":["{{cgrId}}"]}""");

        var rerated = await cdrs.Store.GetAsync(new CdrQuery { Cgrids = [cgrId] });
        Assert.Equal(1.2m, rerated.Single(c => c.RunId == "run_1").Cost);
        Assert.Equal(0.6m, rerated.Single(c => c.RunId == "run_2").Cost);
        Assert.Equal(-1.8m, Math.Round(await cdrs.BalanceAsync("1001"), 1));
        Assert.Equal(0m, await cdrs.BalanceAsync("1001", "*voice"));
    }

    [Fact]
    public async Task RateCdrs_StoredCostNamingNoBalance_KeepsCostAndBalance()
    {
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        // A prepaid CDR whose cost came from elsewhere without the balances that paid it: refunding is impossible,
        // and charging again would charge the call twice.
        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV1.ProcessCDR", """
            {"OriginID":"sess1","OriginHost":"10.0.0.1","RequestType":"*prepaid","Account":"1001","Destination":"1002",
             "AnswerTime":"2021-02-02T16:15:00Z","Usage":120000000000,"Cost":0.4,"CostSource":"*sessions",
             "CostDetails":{"Usage":120000000000,"Cost":0.4,"Charges":[{"RatingID":"r","Increments":[{"Usage":60000000000,"Cost":0.2,"AccountingID":"","CompressFactor":2}],"CompressFactor":1}]}}
            """)).GetString());
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", Rerate);

        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("sess1")).Cost);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
        Assert.Contains(cdrs.Warnings, w => w.Contains("refunding CDR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateCdrs_ChargedCost_NamesThePayingBalanceInCostDetails()
    {
        await using var cdrs = await ChargedCallAsync();
        var uuid = (await cdrs.Rals.Accounts.GetAsync("cgrates.org:1001"))!.BalanceMap[BalanceTypes.Monetary].Single().Uuid;

        using var details = JsonDocument.Parse((await cdrs.SingleCdrAsync("call1")).CostDetails!);

        var charge = Assert.Single(details.RootElement.GetProperty("Accounting").EnumerateObject()).Value;
        Assert.Equal("cgrates.org:1001", charge.GetProperty("AccountID").GetString());
        Assert.Equal(uuid, charge.GetProperty("BalanceUUID").GetString());
        Assert.All(details.RootElement.GetProperty("Charges").EnumerateArray().SelectMany(c => c.GetProperty("Increments").EnumerateArray()),
            i => Assert.NotEqual("", i.GetProperty("AccountingID").GetString()));
    }
}
