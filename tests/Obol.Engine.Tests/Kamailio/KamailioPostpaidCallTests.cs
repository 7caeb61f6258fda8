using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>A real postpaid call through a real Kamailio: SIPp 1002 talks to SIPp 1001 for 20 s.</summary>
public sealed class KamailioPostpaidCallTests
{
    [Fact]
    public async Task Call_Postpaid1002To1001For20s_ChargedExactlyAtTheEnd()
    {
        await using var engine = await KamailioEngine.StartAsync("postpaid");
        var before = await engine.MonetaryAsync("1002");

        using var uas = engine.StartCallee(TimeSpan.FromSeconds(50));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        using var uac = engine.StartCaller("1002", "1001", TimeSpan.FromSeconds(45), talk: TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var during = await engine.MonetaryAsync("1002");
        var (caller, callee) = await KamailioEngine.FinishAsync(uac, uas);

        Assert.True(caller.ExitCode == 0 && caller.Successful == 1, caller + "\n" + engine.Diagnostics());
        Assert.True(callee.ExitCode == 0 && callee.Successful == 1, callee.ToString());
        Assert.Equal(before, during);
        var cdr = await engine.DefaultCdrAsync(uac.CallId);
        var usage = CdrJson.Usage(cdr);
        Assert.InRange(usage.TotalSeconds, 19, 21);
        var cost = CdrJson.Cost(cdr);
        Assert.Equal("*postpaid", cdr.GetProperty("RequestType").GetString());
        Assert.True(cost > 0, $"cost {cost}");
        Assert.Equal(await engine.TariffCostAsync("1002", "1001", usage, CdrJson.AnswerTime(cdr)), cost);
        Assert.Equal(before - cost, await engine.MonetaryAsync("1002"));
    }
}
