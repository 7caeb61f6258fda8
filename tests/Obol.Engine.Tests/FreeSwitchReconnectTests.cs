using Xunit;

namespace Obol.Engine.Tests;

/// <summary>FreeSWITCH restarting under a running engine: the agent (reconnects -1 in the tutorial config) comes back on
/// its own and charges the calls after the restart.</summary>
public sealed class FreeSwitchReconnectTests
{
    [Fact]
    public async Task Call_AfterFreeSwitchRestart_AgentReconnectsAndChargesIt()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        var before = await engine.MonetaryAsync("1001");
        var first = engine.Call("1001", "1002", "*prepaid");
        await first.PlayAsync(TimeSpan.FromSeconds(1), billsec: 20);
        await engine.DefaultCdrAsync(first.Uuid);
        var firstConnection = engine.FreeSwitch.Commands.Max(c => c.ConnectionId);

        await engine.FreeSwitch.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        engine.FreeSwitch.Start();
        var subscribed = await engine.WaitForSubscriptionAsync(firstConnection + 1);
        var second = engine.Call("1001", "1002", "*prepaid");
        await second.PlayAsync(TimeSpan.FromSeconds(1), billsec: 20);
        var cdr = await engine.DefaultCdrAsync(second.Uuid);

        Assert.True(subscribed.ConnectionId > firstConnection);
        var cost = await engine.TariffCostAsync("1001", "1002", "20s");
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal(before - (2 * cost), await engine.MonetaryAsync("1001"));
        Assert.Contains(engine.FreeSwitch.Commands, c => c.ConnectionId == subscribed.ConnectionId
            && c.Line.StartsWith($"api uuid_transfer {second.Uuid} ", StringComparison.Ordinal));
    }
}
