using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>Kamailio restarted under a running engine: the agent dials it again and charging goes on.</summary>
public sealed class KamailioRestartTests
{
    [Fact]
    public async Task Call_AfterKamailioRestart_AgentReconnectsAndTheCallIsCharged()
    {
        await using var engine = await KamailioEngine.StartAsync("restart");
        var (first, _, firstCallId) = await engine.CallAsync("1001", "1002", talk: TimeSpan.FromSeconds(2),
            timeout: TimeSpan.FromSeconds(30), "before");
        Assert.True(first.ExitCode == 0 && first.Successful == 1, first.ToString());
        var firstCost = CdrJson.Cost(await engine.DefaultCdrAsync(firstCallId));
        var before = await engine.MonetaryAsync("1001");

        await engine.Kamailio.RestartAsync();
        await engine.WaitForAgentAsync();
        var (caller, callee, callId) = await engine.CallAsync("1001", "1002", talk: TimeSpan.FromSeconds(3),
            timeout: TimeSpan.FromSeconds(30), "after");

        Assert.True(caller.ExitCode == 0 && caller.Successful == 1, caller + "\n" + engine.Diagnostics());
        Assert.True(callee.ExitCode == 0 && callee.Successful == 1, callee.ToString());
        Assert.Contains("lost Kamailio", engine.Process.Stdout + engine.Process.Stderr, StringComparison.Ordinal);
        Assert.True(firstCost > 0);
        var cdr = await engine.DefaultCdrAsync(callId);
        var usage = CdrJson.Usage(cdr);
        Assert.InRange(usage.TotalSeconds, 2, 4);
        var cost = CdrJson.Cost(cdr);
        Assert.Equal(await engine.TariffCostAsync("1001", "1002", usage, CdrJson.AnswerTime(cdr)), cost);
        Assert.Equal(before - cost, await engine.MonetaryAsync("1001"));
    }
}
