using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The call lifecycle through SessionSv1 on a real engine with the tutorial plan, a simulated switch driving it.</summary>
public sealed class SessionChargingTests
{
    [Fact]
    public async Task TerminateSession_Prepaid1001For93s_BalanceFallsDuringCallAndEndsAtTenMinusExactCost()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;

        var auth = await sw.AuthorizeAsync("p93", "1001", "1002", "*prepaid");
        var init = await sw.InitiateAsync("p93", "1001", "1002", "*prepaid", debitInterval: "10s");
        // The loop's first debit runs beside the reply (CGRateS starts its loop in a goroutine too): wait for it to land.
        var during = await engine.MonetaryAsync("1001");
        for (var i = 0; i < 100 && during == 10m; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            during = await engine.MonetaryAsync("1001");
        }
        Assert.Equal("OK", (await sw.TerminateRawAsync("p93", "1001", "1002", "*prepaid", "93s")).ResultString());
        Assert.Equal("OK", (await sw.ProcessCdrRawAsync("p93", "1001", "1002", "*prepaid", "93s")).ResultString());

        Assert.InRange(auth.GetProperty("MaxUsage").GetInt64(), 93_000_000_000, TimeSpan.FromHours(3).Ticks * 100 - 1);
        Assert.Equal(-1, init.GetProperty("MaxUsage").GetInt64());
        Assert.Equal(10m - await engine.TariffCostAsync("1001", "1002", "10s"), during);
        var cost = SessionCostTo1002(93);
        Assert.Equal(10m - cost, await engine.MonetaryAsync("1001"));
        var cdr = (await engine.CdrsAsync("p93")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal("*sessions", cdr.GetProperty("CostSource").GetString());
        Assert.Equal("1m33s", cdr.GetProperty("Usage").GetString());
    }

    /// <summary>
    /// RT_20CNT as SessionS charges it: connect fee 0.4, the first minute 0.2, then 0.1/60s per second, each second
    /// costing Round(0.1/60, 5) = 0.00167; the session's cost applies DR_1002_20CNT's rounding (*up, 4) per span.
    /// </summary>
    private static decimal SessionCostTo1002(int seconds)
    {
        var perSecond = Math.Round(0.1m / 60, 5, MidpointRounding.AwayFromZero);
        var secondSpan = Math.Ceiling(Math.Max(0, seconds - 60) * perSecond * 10_000) / 10_000;
        return 0.4m + 0.2m + secondSpan;
    }

    [Fact]
    public async Task ProcessCdr_Postpaid1002At0For30s_BalanceNegativeByExactCost()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1002","BalanceType":"*monetary","Value":0,"Balance":{"ID":"test"}}""");

        await sw.AuthorizeAsync("pp30", "1002", "1001", "*postpaid");
        await sw.InitiateAsync("pp30", "1002", "1001", "*postpaid");
        var during = await engine.MonetaryAsync("1002");
        Assert.Equal("OK", (await sw.TerminateRawAsync("pp30", "1002", "1001", "*postpaid", "30s")).ResultString());
        Assert.Equal("OK", (await sw.ProcessCdrRawAsync("pp30", "1002", "1001", "*postpaid", "30s")).ResultString());

        Assert.Equal(0m, during);
        var cost = await engine.TariffCostAsync("1002", "1001", "30s");
        Assert.True(cost > 0);
        Assert.Equal(-cost, await engine.MonetaryAsync("1002"));
        var cdr = (await engine.CdrsAsync("pp30")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal("*cdrs", cdr.GetProperty("CostSource").GetString());
    }

    [Fact]
    public async Task Retries_TerminateAndProcessCdrThreeTimes_ChargedAndStoredOnce()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        await sw.InitiateAsync("r1", "1001", "1002", "*prepaid", debitInterval: "10s");
        Assert.Equal("OK", (await sw.TerminateRawAsync("r1", "1001", "1002", "*prepaid", "75s")).ResultString());
        Assert.Equal("OK", (await sw.ProcessCdrRawAsync("r1", "1001", "1002", "*prepaid", "75s")).ResultString());
        var balance = await engine.MonetaryAsync("1001");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("OK", (await sw.TerminateRawAsync("r1", "1001", "1002", "*prepaid", "75s")).ResultString());
            // The session was let go once its CDRs were stored; CDRs finds them, as after the window.
            Assert.Equal("EXISTS", (await sw.ProcessCdrRawAsync("r1", "1001", "1002", "*prepaid", "75s")).Error);
        }
        await Task.Delay(TimeSpan.FromSeconds(11), TestContext.Current.CancellationToken);
        var late = await sw.ProcessCdrRawAsync("r1", "1001", "1002", "*prepaid", "75s");

        Assert.Equal("EXISTS", late.Error);
        Assert.Equal(10m - SessionCostTo1002(75), balance);
        Assert.Equal(balance, await engine.MonetaryAsync("1001"));
        Assert.Equal(2, (await engine.CdrsAsync("r1")).GetArrayLength());
    }

    [Fact]
    public async Task RateCdrs_RerateOfAPrepaidSessionCdr_RefundsTheSessionsDebitAndChargesTheNewCostOnce()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        await sw.InitiateAsync("rr", "1001", "1002", "*prepaid", debitInterval: "10s");
        Assert.Equal("OK", (await sw.TerminateRawAsync("rr", "1001", "1002", "*prepaid", "75s")).ResultString());
        Assert.Equal("OK", (await sw.ProcessCdrRawAsync("rr", "1001", "1002", "*prepaid", "75s")).ResultString());
        // APIerSv2.GetCDRs gives CostDetails as a JSON string (ExternalCDR).
        using var details = System.Text.Json.JsonDocument.Parse((await engine.CdrsAsync("rr")).EnumerateArray()
            .Single(c => c.GetProperty("RunID").GetString() == "*default").GetProperty("CostDetails").GetString()!);

        await engine.CallAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"OriginIDs":["rr"],"RunIDs":["*default"]}""");
        await engine.CallAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"OriginIDs":["rr"],"RunIDs":["*default"]}""");

        // The session's cost names the balance each increment came from, as CGRateS's does.
        var paid = details.RootElement.GetProperty("Accounting").EnumerateObject().Select(a => a.Value.GetProperty("AccountID").GetString()).Distinct();
        Assert.Equal(["cgrates.org:1001"], paid);
        var summary = details.RootElement.GetProperty("AccountSummary");
        Assert.Equal("1001", summary.GetProperty("AccountID").GetString());
        var balance = summary.GetProperty("BalanceSummaries").EnumerateArray().Single(b => b.GetProperty("Type").GetString() == "*monetary");
        Assert.Equal((10m, 10m - SessionCostTo1002(75)), (balance.GetProperty("Initial").GetDecimal(), balance.GetProperty("Value").GetDecimal()));
        var rerated = (await engine.CdrsAsync("rr")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal("*cdrs", rerated.GetProperty("CostSource").GetString());
        var cost = rerated.GetProperty("Cost").GetDecimal();
        Assert.True(cost > 0);
        Assert.Equal(10m - cost, await engine.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task TerminateSession_UnknownSessionOfAnUnknownAccount_AnswersTheDebitsErrorAsItIs()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Switch.TerminateRawAsync("nx1", "9999", "1002", "*prepaid", "30s");

        // V1TerminateSession charges an unknown session as a message and answers updateSession's error unwrapped.
        Assert.Equal("ACCOUNT_NOT_FOUND", reply.Error);
    }

    [Fact]
    public async Task ProcessEvent_RalsFlagsThroughTheCall_AuthorizesChargesAndWritesTheCdr()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        string Flags(params string[] flags) => string.Join(',', flags.Select(f => $"\"{f}\""));

        var auth = await sw.CallAsync("SessionSv1.ProcessEvent",
            $$"""{"Flags":[{{Flags("*rals:*authorize", "*attributes")}}],{{SimulatedSwitch.Event("pe", "1001", "1003", "*prepaid")}}}""");
        await sw.CallAsync("SessionSv1.ProcessEvent",
            $$"""{"Flags":[{{Flags("*rals:*initiate")}}],{{SimulatedSwitch.Event("pe", "1001", "1003", "*prepaid")}}}""");
        await sw.CallAsync("SessionSv1.ProcessEvent",
            $$"""{"Flags":[{{Flags("*rals:*terminate", "*cdrs")}}],{{SimulatedSwitch.Event("pe", "1001", "1003", "*prepaid", "10s")}}}""");
        var cost = await sw.CallAsync("SessionSv1.GetCost", $$"""{"Flags":[],{{SimulatedSwitch.Event("pe2", "1001", "1003", "*prepaid", "10s")}}}""");

        Assert.Equal(12_000_000_000, auth.GetProperty("MaxUsage").GetProperty("*raw").GetInt64());
        Assert.True(auth.GetProperty("Attributes").TryGetProperty("*raw", out _));
        Assert.Equal(10m - 0.1m, await engine.MonetaryAsync("1001"));
        var cdr = (await engine.CdrsAsync("pe")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal(0.1m, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal(0.1m, cost.GetProperty("EventCost").GetProperty("Cost").GetDecimal());
    }
}
