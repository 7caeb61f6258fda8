using Xunit;

namespace Obol.Engine.Tests;

/// <summary>CDRsV1/V2.StoreSessionCost: a cost settled elsewhere prices the run's prepaid CDR instead of a debit.</summary>
public sealed class StoreSessionCostTests
{
    [Fact]
    public async Task StoreSessionCost_ThenThePrepaidCdr_CdrTakesThePostedCostAndNothingIsDebited()
    {
        await using var engine = await SessionEngine.StartAsync();
        var cgrId = Obol.Cdrs.Cgrid.Compute("posted-1", SimulatedSwitch.OriginHost);
        var smCost = $$$"""
            {"Cost":{"CGRID":"{{{cgrId}}}","RunID":"*default","OriginHost":"{{{SimulatedSwitch.OriginHost}}}","OriginID":"posted-1",
             "CostSource":"*external","Usage":60000000000,
             "CostDetails":{"CGRID":"{{{cgrId}}}","RunID":"*default","StartTime":"2026-01-05T10:00:05Z","Usage":60000000000,"Cost":0.77,
              "Charges":[],"AccountSummary":null,"Rating":{},"Accounting":{},"RatingFilters":{},"Rates":{},"Timings":{} } },
             "CheckDuplicate":true}
            """;

        var stored = await engine.CallAsync("CDRsV1.StoreSessionCost", smCost);
        var again = await engine.Api.CallRawAsync("CDRsV1.StoreSessionCost", System.Text.Encoding.UTF8.GetBytes(smCost));
        var processed = await engine.CallAsync("CDRsV1.ProcessEvent",
            $$"""{"Flags":["*rals"],{{SimulatedSwitch.Event("posted-1", "1001", "1002", "*prepaid", "1m")}}}""");

        Assert.Equal(("OK", "SERVER_ERROR: EXISTS", "OK"), (stored.GetString(), again.Error, processed.GetString()));
        var cdr = (await engine.CdrsAsync("posted-1")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal((0.77m, "*external"), (cdr.GetProperty("Cost").GetDecimal(), cdr.GetProperty("CostSource").GetString()));
        Assert.Equal(10m, await engine.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task StoreSessionCostV2_UnroundedCost_ChargesTheRoundingOnceAndTheCdrCarriesIt()
    {
        await using var engine = await SessionEngine.StartAsync();
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var uuid = account.GetProperty("BalanceMap").GetProperty("*monetary")[0].GetProperty("Uuid").GetString();
        var cgrId = Obol.Cdrs.Cgrid.Compute("posted-v2", SimulatedSwitch.OriginHost);
        // Two seconds at 0.0123 a second, debited elsewhere; the rate rounds *up to two decimals: 0.0246 becomes 0.03.
        string SmCost(bool checkDuplicate) => $$$"""
            {"Cost":{"CGRID":"{{{cgrId}}}","RunID":"*default","OriginHost":"{{{SimulatedSwitch.OriginHost}}}","OriginID":"posted-v2",
             "CostSource":"*sessions","Usage":2000000000,
             "CostDetails":{"CGRID":"{{{cgrId}}}","RunID":"*default","StartTime":"2026-01-05T10:00:05Z","Usage":2000000000,"Cost":0.0246,
              "Charges":[{"RatingID":"r1","Increments":[{"Usage":1000000000,"Cost":0.0123,"AccountingID":"a1","CompressFactor":2}],"CompressFactor":1}],
              "AccountSummary":{"Tenant":"cgrates.org","AccountID":"1001","BalanceSummaries":[
                {"UUID":"{{{uuid}}}","ID":"test","Type":"*monetary","Initial":10,"Value":10,"Disabled":false}],"AllowNegative":false,"Disabled":false},
              "Rating":{"r1":{"ConnectFee":0,"RoundingMethod":"*up","RoundingDecimals":2,"MaxCost":0,"MaxCostStrategy":"","TimingID":"",
                "RatesID":"","RatingFiltersID":""}},
              "Accounting":{"a1":{"AccountID":"cgrates.org:1001","BalanceUUID":"{{{uuid}}}","RatingID":"r1","Units":0.0246,"ExtraChargeID":""}},
              "RatingFilters":{},"Rates":{},"Timings":{} } },
             "CheckDuplicate":{{{(checkDuplicate ? "true" : "false")}}}}
            """;

        var stored = await engine.CallAsync("CDRsV2.StoreSessionCost", SmCost(checkDuplicate: false));
        var afterFirst = await engine.MonetaryAsync("1001");
        await engine.CallAsync("CDRsV1.ProcessEvent", $$"""{"Flags":["*rals"],{{SimulatedSwitch.Event("posted-v2", "1001", "1002", "*prepaid", "2s")}}}""");
        var retried = await engine.CallAsync("CDRsV2.StoreSessionCost", SmCost(checkDuplicate: false));
        var duplicate = await engine.Api.CallRawAsync("CDRsV2.StoreSessionCost", System.Text.Encoding.UTF8.GetBytes(SmCost(checkDuplicate: true)));

        Assert.Equal(("OK", "OK", "SERVER_ERROR: EXISTS"), (stored.GetString(), retried.GetString(), duplicate.Error));
        Assert.Equal((9.9946m, 9.9946m), (afterFirst, await engine.MonetaryAsync("1001")));
        var cdr = (await engine.CdrsAsync("posted-v2")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal(0.03m, cdr.GetProperty("Cost").GetDecimal());
        using var details = System.Text.Json.JsonDocument.Parse(cdr.GetProperty("CostDetails").GetString()!); // APIerSv2.GetCDRs answers it as JSON text
        var increments = details.RootElement.GetProperty("Charges")[0].GetProperty("Increments");
        var rounding = details.RootElement.GetProperty("Accounting").GetProperty(increments[1].GetProperty("AccountingID").GetString()!);
        Assert.Equal(("*rounding", 0.0054m), (rounding.GetProperty("RatingID").GetString(), increments[1].GetProperty("Cost").GetDecimal()));
        var balance = details.RootElement.GetProperty("AccountSummary").GetProperty("BalanceSummaries")[0];
        Assert.Equal((10m, 9.9946m), (balance.GetProperty("Initial").GetDecimal(), balance.GetProperty("Value").GetDecimal()));
    }

    [Fact]
    public async Task StoreSessionCostV2_AccountSummaryOfTheWrongShape_AnswersAnErrorAndChargesNothing()
    {
        await using var engine = await SessionEngine.StartAsync();
        var cgrId = Obol.Cdrs.Cgrid.Compute("posted-bad", SimulatedSwitch.OriginHost);

        var reply = await engine.Api.CallRawAsync("CDRsV2.StoreSessionCost", System.Text.Encoding.UTF8.GetBytes($$$"""
            {"Cost":{"CGRID":"{{{cgrId}}}","RunID":"*default","CostDetails":{"CGRID":"{{{cgrId}}}","Charges":[{"RatingID":7,"Increments":[]}],
             "AccountSummary":{"Tenant":5},"Rating":{},"Accounting":{} } } }
            """));

        Assert.StartsWith("SERVER_ERROR: CostDetails.AccountSummary:", reply.Error);
        Assert.Equal(10m, await engine.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task StoreSessionCost_WithoutCgrid_AnswersCgratesMandatoryError()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("CDRsV1.StoreSessionCost", """{"Cost":{"RunID":"*default","CostDetails":{}}}"""u8.ToArray());

        Assert.Equal("mandatory information missing: CGRID", reply.Error);
    }
}
