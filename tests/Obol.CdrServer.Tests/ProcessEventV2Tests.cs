using System.Text.Json;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>CDRsV2.ProcessEvent (engine/cdrs.go V2ProcessEvent): CDRsV1.ProcessEvent answering the processed events
/// with their flags.</summary>
public sealed class ProcessEventV2Tests
{
    private const string Call = """
        {"Flags":["*rals"],"Tenant":"cgrates.org","ID":"ev1","Event":{"OriginID":"call1","OriginHost":"10.0.0.1","RequestType":"*prepaid",
         "Account":"1001","Destination":"1002","AnswerTime":"2021-02-02T16:15:00Z","Usage":"2m","Hangup":"NORMAL_CLEARING"}}
        """;

    private static async Task<CdrHarness> StartAsync()
    {
        var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        return cdrs;
    }

    [Fact]
    public async Task ProcessEventV2_NewCall_AnswersTheRatedCdrWithNoFlags()
    {
        await using var cdrs = await StartAsync();

        var processed = Assert.Single((await cdrs.ResultAsync("CDRsV2.ProcessEvent", Call)).EnumerateArray());

        Assert.Empty(processed.GetProperty("Flags").EnumerateArray());
        var ev = processed.GetProperty("Event");
        Assert.Equal(0.4m, ev.GetProperty("Cost").GetDecimal());
        Assert.Equal(120_000_000_000, ev.GetProperty("Usage").GetInt64());
        Assert.Equal("*default", ev.GetProperty("RunID").GetString());
        Assert.Equal(0, ev.GetProperty("OrderID").GetInt64());
        Assert.Equal("NORMAL_CLEARING", ev.GetProperty("Hangup").GetString());
        Assert.Equal(JsonValueKind.Object, ev.GetProperty("CostDetails").ValueKind);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessEventV2_Rerate_AnswersRefundFlagAndChargesOnce()
    {
        await using var cdrs = await StartAsync();
        await cdrs.ResultAsync("CDRsV2.ProcessEvent", Call);
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        var processed = Assert.Single((await cdrs.ResultAsync("CDRsV2.ProcessEvent", Call.Replace("*rals", "*rerate", StringComparison.Ordinal)))
            .EnumerateArray());

        Assert.Equal(["*refund"], processed.GetProperty("Flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(1.0m, processed.GetProperty("Event").GetProperty("Cost").GetDecimal());
        Assert.Equal(1.0m, (await cdrs.SingleCdrAsync("call1")).Cost);
        Assert.Equal(9.0m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessEventV2_Duplicate_AnswersExists()
    {
        await using var cdrs = await StartAsync();
        await cdrs.ResultAsync("CDRsV2.ProcessEvent", Call);

        Assert.Equal("EXISTS", await cdrs.ErrorAsync("CDRsV2.ProcessEvent", Call));
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessEvent_RerateOfUnknownCallWithoutCostDetails_AnswersPartiallyExecuted()
    {
        await using var cdrs = await StartAsync();

        Assert.Equal("PARTIALLY_EXECUTED", await cdrs.ErrorAsync("CDRsV1.ProcessEvent", Call.Replace("*rals", "*rerate", StringComparison.Ordinal)));
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }
}
