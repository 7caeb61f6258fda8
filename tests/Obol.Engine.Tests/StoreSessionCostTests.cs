using Xunit;

namespace Obol.Engine.Tests;

/// <summary>CDRsV1.StoreSessionCost: a cost settled elsewhere prices the run's prepaid CDR instead of a debit.</summary>
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
    public async Task StoreSessionCost_WithoutCgrid_AnswersCgratesMandatoryError()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("CDRsV1.StoreSessionCost", """{"Cost":{"RunID":"*default","CostDetails":{}}}"""u8.ToArray());

        Assert.Equal("mandatory information missing: CGRID", reply.Error);
    }
}
