using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// Calls through the FreeSWITCH agent of a real engine, a fake FreeSWITCH playing them over the event socket with the
/// tutorial plan: what SessionChargingTests checks through a simulated JSON-RPC switch, here from channel events.
/// </summary>
public sealed class FreeSwitchCallTests
{
    [Fact]
    public async Task Call_Prepaid1001To1002For30s_BalanceFallsByTheTariffCostAndTheCdrHasIt()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        var before = await engine.MonetaryAsync("1001");
        var call = engine.Call("1001", "1002", "*prepaid");

        Assert.Equal("AUTH_OK", await call.ParkAsync());
        await call.AnswerAsync();
        // Past the first debit (at answer) and a channel sync (every 7 s), which must find the call in show channels.
        await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        var during = await engine.MonetaryAsync("1001");
        var rest = call.AnsweredAt!.Value.AddSeconds(30.2) - DateTimeOffset.UtcNow;
        await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, TestContext.Current.CancellationToken);
        var billsec = await call.HangupAsync();
        var cdr = await engine.DefaultCdrAsync(call.Uuid);

        Assert.Equal(30, billsec);
        var cost = await engine.TariffCostAsync("1001", "1002", "30s");
        Assert.True(cost > 0);
        Assert.Equal(before - await engine.TariffCostAsync("1001", "1002", "5s"), during);
        Assert.Equal(before - cost, await engine.MonetaryAsync("1001"));
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal("*sessions", cdr.GetProperty("CostSource").GetString());
        Assert.Equal(30_000_000_000, cdr.GetProperty("Usage").GetInt64());
        Assert.Equal("*prepaid", cdr.GetProperty("RequestType").GetString());
        Assert.Equal("1002", cdr.GetProperty("Destination").GetString());
        Assert.Equal($"127.0.0.1:{engine.FreeSwitch.Port}", cdr.GetProperty("OriginHost").GetString());
        Assert.DoesNotContain(engine.FreeSwitch.Commands, c => c.Verb == "sendmsg");
    }

    [Fact]
    public async Task Call_Postpaid1002To1001For20s_ChargedExactlyAtTheEnd()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        var before = await engine.MonetaryAsync("1002");
        var call = engine.Call("1002", "1001", "*postpaid");

        Assert.Equal("AUTH_OK", await call.ParkAsync());
        await call.AnswerAsync();
        await engine.FreeSwitch.WaitForCommandAsync(c => c.Argument == $"uuid_setvar {call.Uuid} cgr_originhost 127.0.0.1:{engine.FreeSwitch.Port}");
        var during = await engine.MonetaryAsync("1002");
        // FreeSWITCH reports the 20 s in billsec; a postpaid call is charged from it alone, so the test need not wait them.
        await call.HangupAsync(billsec: 20);
        var cdr = await engine.DefaultCdrAsync(call.Uuid);

        var cost = await engine.TariffCostAsync("1002", "1001", "20s");
        Assert.True(cost > 0);
        Assert.Equal(before, during);
        // The CDR is stored only after its debit reached the disk, so the balance is final once the CDR shows.
        await engine.AssertMonetaryAsync("1002", before - cost);
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal(20_000_000_000, cdr.GetProperty("Usage").GetInt64());
        Assert.Equal("*postpaid", cdr.GetProperty("RequestType").GetString());
    }
}
