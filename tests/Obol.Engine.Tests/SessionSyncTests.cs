using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Channel sync (the tutorial config asks every 7 s): only calls the switch no longer has are ended, a switch
/// that cannot answer never loses its live calls, and a call no switch started (the API's) is never ended by it.</summary>
public sealed class SessionSyncTests
{
    [Fact]
    public async Task ChannelSync_SwitchLostOneCall_OnlyThatSessionEndedWithItsCdr()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        await sw.InitiateAsync("kept", "1001", "1002", "*prepaid");
        await sw.InitiateAsync("lost", "1003", "1001", "*prepaid");
        await engine.CallAsync("SessionSv1.InitiateSession", "{\"InitSession\":true," + SimulatedSwitch.Event("api-call", "1002", "1001", "*postpaid") + "}");

        sw.FailSync = true;
        Assert.True(sw.Live.TryRemove("lost", out _));
        // A session is judged from the first round after the one it started in: the switch is asked from the second.
        await WaitAsync(() => sw.SyncRequests >= 1, TimeSpan.FromSeconds(25));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var afterFailedSync = await CountActiveAsync(engine);
        sw.FailSync = false;
        var requestsBefore = sw.SyncRequests;
        await WaitAsync(() => sw.SyncRequests > requestsBefore, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.Equal(3, afterFailedSync);
        var active = await engine.CallAsync("SessionSv1.GetActiveSessions", "null");
        Assert.Equal(["api-call", "kept"], active.EnumerateArray().Select(s => s.GetProperty("OriginID").GetString()).Distinct().Order());
        Assert.Equal(active.GetArrayLength(), (await engine.CallAsync("SessionSv1.GetActiveSessionsCount", "null")).GetInt32());
        var keptRuns = active.EnumerateArray().Count(s => s.GetProperty("OriginID").GetString() == "kept");
        Assert.Equal(keptRuns, (await engine.CallAsync("SessionSv1.GetActiveSessionsCount", """{"Filters":["*string:~*req.OriginID:kept"]}""")).GetInt32());
        var cdr = (await engine.CdrsAsync("lost")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        Assert.Equal("FORCED_DISCONNECT", cdr.GetProperty("ExtraFields").GetProperty("DisconnectCause").GetString());
        Assert.True(cdr.GetProperty("Cost").GetDecimal() > 0);
    }

    private static async Task<int> CountActiveAsync(SessionEngine engine)
    {
        var active = await engine.CallAsync("SessionSv1.GetActiveSessions", "null");
        return active.EnumerateArray().Select(s => s.GetProperty("CGRID").GetString()).Distinct().Count();
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
