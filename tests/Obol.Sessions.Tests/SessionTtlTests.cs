using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Sessions.Tests;

/// <summary>session_ttl: a session the agent stops updating is ended by the engine, charged its last usage.</summary>
public sealed class SessionTtlTests
{
    private static SessionOptions Ttl => new() { SessionTtl = Usage.FromSeconds(30), SessionTtlLastUsage = Usage.FromSeconds(5) };

    [Fact]
    public async Task SessionTtl_NoUpdates_EndedWithSessionTimeoutChargedTheLastUsage()
    {
        var h = new SessionHarness(options: Ttl);
        await h.Manager.InitiateAsync(SessionHarness.Call("c1", Meta.Prepaid) with { Usage = Usage.FromSeconds(10) }, TestContext.Current.CancellationToken);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await SessionHarness.EventuallyAsync(() => h.Disconnector.ForcedEnds.Count == 1);

        var run = h.Disconnector.ForcedEnds[0].Runs[0];
        Assert.Equal(SessionManager.SessionTimeout, run.Fields[EventFields.DisconnectCause]);
        Assert.Equal(Usage.FromSeconds(15), run.TotalUsage);
        Assert.Equal(10m - (15 * 0.01m), h.Rater.Balance);
        Assert.Null(h.Manager.GetActive("c1"));
    }

    [Fact]
    public async Task SessionTtl_UpdatedBeforeExpiry_TimerStartsAgain()
    {
        var h = new SessionHarness(options: Ttl);
        var call = SessionHarness.Call("c1", Meta.Prepaid) with { Usage = Usage.FromSeconds(10) };
        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);

        h.Clock.Advance(TimeSpan.FromSeconds(20));
        await h.Manager.UpdateAsync(call, TestContext.Current.CancellationToken);
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var activeAfter40s = h.Manager.GetActive("c1") is not null;
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await SessionHarness.EventuallyAsync(() => h.Disconnector.ForcedEnds.Count == 1);

        Assert.True(activeAfter40s);
        Assert.Empty(h.Disconnector.Requests);
    }
}
