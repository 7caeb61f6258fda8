using Xunit;

namespace Obol.SessionServer.Tests;

/// <summary>SessionService.SyncSessionsAsync against an agent that lists its live calls.</summary>
public sealed class ChannelSyncTests
{
    [Fact]
    public async Task SyncSessions_SessionStartedAfterThePreviousRound_JudgedOnlyFromTheNextRound()
    {
        var time = new SessionServiceHarness.ManualTime();
        var clients = new SessionServiceHarness.ListingAgent();
        await using var service = SessionServiceHarness.Service(time, clients);
        time.Advance(TimeSpan.FromSeconds(1));
        await SessionServiceHarness.InitiateAsync(service, "young");

        // The agent does not list it: its InitiateSession reply may still be on the way when the question arrives.
        time.Advance(TimeSpan.FromSeconds(1));
        await service.SyncSessionsAsync(TestContext.Current.CancellationToken);
        var afterFirstRound = service.Manager.ActiveSessions.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await service.SyncSessionsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, afterFirstRound);
        Assert.Empty(service.Manager.ActiveSessions);
        Assert.Equal(["young"], clients.Disconnected);
    }

    [Fact]
    public async Task SyncSessions_AgentListsTheCall_SessionKept()
    {
        var time = new SessionServiceHarness.ManualTime();
        var clients = new SessionServiceHarness.ListingAgent();
        await using var service = SessionServiceHarness.Service(time, clients);
        time.Advance(TimeSpan.FromSeconds(1));
        await SessionServiceHarness.InitiateAsync(service, "live");
        clients.Live.Add(("10.0.0.1", "live"));

        for (var round = 0; round < 3; round++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await service.SyncSessionsAsync(TestContext.Current.CancellationToken);
        }

        Assert.Single(service.Manager.ActiveSessions);
        Assert.Empty(clients.Disconnected);
        Assert.Equal(2, clients.Questions);
    }
}
