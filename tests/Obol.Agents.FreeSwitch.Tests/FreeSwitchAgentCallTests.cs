using Obol.SessionServer.Testing;
using NodaTime;
using Obol.Esl.Testing;
using Obol.Events;
using Obol.Primitives;
using Xunit;
using static Obol.Agents.FreeSwitch.Tests.AgentHarness;

namespace Obol.Agents.FreeSwitch.Tests;

public sealed class FreeSwitchAgentCallTests
{
    private const string HangupUuid = "e3133bf7-dcde-4daf-9663-9a79ffcef5ad";

    [Fact]
    public async Task Answer_Initiates_AfterStampingOriginHost()
    {
        await using var h = await StartAsync();

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_ANSWER"),
            ("variable_cgr_flags", "*accounts;*resources")));
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Initiated.IsEmpty, "InitiateSession");

        Assert.Equal([$"uuid_setvar {ParkUuid} cgr_originhost {Alias}"], h.Fake.ApiCommands);
        var (args, clientId) = Assert.Single(h.Sessions.Initiated);
        Assert.Equal("*freeswitch_agent", clientId);
        Assert.True(args.InitSession && args.AllocateResources);
        Assert.Equal("FS_CHANNEL_ANSWER", args.Event!["Source"]);
        Assert.Equal(Alias, args.Event["OriginHost"]);
        Assert.Equal(0m, args.Event["FsConnID"]);
    }

    [Fact]
    public async Task Answer_DebitLoopWithSchedTransfer_CancelsScheduledTransfer()
    {
        var sessions = new FakeSessions { OnInitiate = _ => (new Obol.SessionServer.AuthorizeReply { MaxUsage = -1 }, null) };
        await using var h = await StartAsync(o => o with { SchedTransferExtension = "CGRateS" }, sessions);
        h.Fake.ApiHandler = c => c.StartsWith("uuid_getvar", StringComparison.Ordinal) ? "sched-7\n" : "+OK\n";

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_ANSWER")));
        var commands = await h.ApiCommandsAsync(3);

        Assert.Equal([$"uuid_setvar {ParkUuid} cgr_originhost {Alias}", $"uuid_getvar {ParkUuid} last_sched_id", "sched_del sched-7"], commands);
    }

    [Fact]
    public async Task Answer_InitiateError_NotifiesAndHangsUp()
    {
        var sessions = new FakeSessions { OnInitiate = _ => (null, "RALS_ERROR:INSUFFICIENT_CREDIT") };
        await using var h = await StartAsync(sessions: sessions);

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_ANSWER")));
        var hangup = await h.Fake.WaitForCommandAsync(c => c.Verb == "sendmsg");

        Assert.Equal($"sendmsg {ParkUuid}", hangup.Line);
        Assert.Equal("hangup", hangup.Headers["call-command"]);
        Assert.Equal("MANAGER_REQUEST", hangup.Headers["hangup-cause"]);
        Assert.Contains($"uuid_setvar {ParkUuid} cgr_notify RALS_ERROR:INSUFFICIENT_CREDIT", h.Fake.ApiCommands);
    }

    [Fact]
    public async Task Answer_MissingAccount_DisconnectsWithMandatoryIeMissing()
    {
        await using var h = await StartAsync();

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_ANSWER"), ("Caller-Username", "")));
        await h.Fake.WaitForCommandAsync(c => c.Verb == "sendmsg");

        Assert.Contains($"uuid_setvar {ParkUuid} cgr_notify MANDATORY_IE_MISSING: [Account]", h.Fake.ApiCommands);
        Assert.Empty(h.Sessions.Initiated);
    }

    [Fact]
    public async Task HangupComplete_WhileAnswerStillInitiating_TerminatesAfterTheInitiation()
    {
        using var initiating = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var sessions = new FakeSessions
        {
            OnInitiate = _ =>
            {
                initiating.Set();
                release.Wait(TimeSpan.FromSeconds(10));
                return (new Obol.SessionServer.AuthorizeReply { MaxUsage = -1 }, null);
            },
        };
        await using var h = await StartAsync(o => o with { CreateCdr = true }, sessions);

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_ANSWER")));
        Assert.True(initiating.Wait(TimeSpan.FromSeconds(10)));
        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Event-Name", "CHANNEL_HANGUP_COMPLETE"),
            ("variable_answer_epoch", "1515680000"), ("variable_billsec", "20")));
        // Long enough for a hangup handled out of order to reach SessionS while the initiation is held.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        release.Set();
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Cdrs.IsEmpty, "ProcessCDR");

        Assert.Equal(["initiate", "terminate", "cdr"], h.Sessions.Returned);
    }

    [Fact]
    public async Task HangupComplete_Answered_TerminatesWithBillsecAndCreatesCdr()
    {
        await using var h = await StartAsync(o => o with { CreateCdr = true });

        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.HangupComplete2015));
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Cdrs.IsEmpty, "ProcessCDR");

        var (args, clientId) = Assert.Single(h.Sessions.Terminated);
        Assert.Equal("*freeswitch_agent", clientId);
        Assert.True(args.TerminateSession && args.ReleaseResources);
        Assert.Equal(HangupUuid, args.Event!["OriginID"]);
        Assert.Equal(Usage.FromSeconds(66), args.Event["Usage"]);
        Assert.Equal(Alias, args.Event["OriginHost"]);
        var cdr = Assert.Single(h.Sessions.Cdrs);
        Assert.Equal("FS_CHANNEL_HANGUP_COMPLETE", cdr.Event["Source"]);
        Assert.Equal(Instant.FromUnixTimeSeconds(1436280728), cdr.Time);
        Assert.DoesNotContain("FsConnID", cdr.Event.Keys);
    }

    [Fact]
    public async Task HangupComplete_Unanswered_CdrWithoutTerminate()
    {
        await using var h = await StartAsync(o => o with { CreateCdr = true });

        await h.Fake.SendEventAsync(Captures.Headers(Captures.HangupComplete2015, ("variable_answer_epoch", "0")));
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Cdrs.IsEmpty, "ProcessCDR");

        Assert.Empty(h.Sessions.Terminated);
    }

    [Fact]
    public async Task HangupComplete_CreateCdrOff_TerminateOnly()
    {
        await using var h = await StartAsync();

        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.HangupComplete2018));
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Terminated.IsEmpty, "TerminateSession");
        await Task.Delay(50);

        Assert.Empty(h.Sessions.Cdrs);
    }

    [Fact]
    public async Task DisconnectSessionAsync_SessionEvent_NotifiesCauseAndHangsUp()
    {
        await using var h = await StartAsync();
        var ev = new CgrEvent
        {
            Event = new Dictionary<string, object?> { ["OriginID"] = "chan-1", ["DisconnectCause"] = "INSUFFICIENT_CREDIT", ["FsConnID"] = 0m },
        };

        var error = await h.Agent.DisconnectSessionAsync(ev);

        Assert.Null(error);
        Assert.Equal(["uuid_setvar chan-1 cgr_notify INSUFFICIENT_CREDIT"], h.Fake.ApiCommands);
        var hangup = await h.Fake.WaitForCommandAsync(c => c.Verb == "sendmsg");
        Assert.Equal("sendmsg chan-1", hangup.Line);
        Assert.Equal("MANAGER_REQUEST", hangup.Headers["hangup-cause"]);
    }

    [Fact]
    public async Task DisconnectSessionAsync_EmptyBalanceContext_TransfersInsteadOfHangup()
    {
        await using var h = await StartAsync(o => o with { EmptyBalanceContext = "out_of_credit" });
        var ev = new CgrEvent
        {
            Event = new Dictionary<string, object?>
            {
                ["OriginID"] = "chan-1", ["OriginHost"] = Alias, ["Destination"] = "1002", ["DisconnectCause"] = "INSUFFICIENT_CREDIT",
            },
        };

        Assert.Null(await h.Agent.DisconnectSessionAsync(ev));

        Assert.Equal(["uuid_setvar chan-1 cgr_notify INSUFFICIENT_CREDIT", "uuid_transfer chan-1 1002 XML out_of_credit"], h.Fake.ApiCommands);
    }

    [Fact]
    public async Task WarnDisconnectAsync_LowBalanceFile_BroadcastsIt()
    {
        await using var h = await StartAsync(o => o with { LowBalanceAnnFile = "/tmp/low.wav" });
        var ev = new CgrEvent { Event = new Dictionary<string, object?> { ["OriginID"] = "chan-1", ["FsConnID"] = 0m } };

        Assert.Null(await h.Agent.WarnDisconnectAsync(ev));

        Assert.Equal(["uuid_broadcast chan-1 playback::/tmp/low.wav aleg"], h.Fake.ApiCommands);
    }

    [Fact]
    public async Task DisconnectSessionAsync_UnknownConnection_ReturnsError()
    {
        await using var h = await StartAsync();
        var ev = new CgrEvent { Event = new Dictionary<string, object?> { ["OriginID"] = "chan-1", ["FsConnID"] = 7m, ["OriginHost"] = "elsewhere" } };

        Assert.NotNull(await h.Agent.DisconnectSessionAsync(ev));
        Assert.Empty(h.Fake.ApiCommands);
    }

    [Fact]
    public async Task GetActiveSessionIdsAsync_ShowChannels_AliasAndUuids()
    {
        await using var h = await StartAsync();
        h.Fake.Channels = [new FakeChannel("u-1"), new FakeChannel("u-2")];

        var ids = await h.Agent.GetActiveSessionIdsAsync();

        Assert.Equal([(Alias, "u-1"), (Alias, "u-2")], ids);
        Assert.Contains("show channels", h.Fake.ApiCommands);
    }

    [Fact]
    public async Task GetActiveSessionIdsAsync_FreeSwitchDown_NoAnswerRatherThanNoCalls()
    {
        await using var h = await StartAsync();
        h.Fake.Channels = [new FakeChannel("u-1")];
        await h.Fake.StopAsync();
        await FakeSessions.WaitUntilAsync(() => !h.Agent.IsConnected(0), "the drop to be seen");

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Agent.GetActiveSessionIdsAsync());
    }

    [Fact]
    public async Task Restart_FakeFreeSwitchRestarted_AgentReconnectsAndHandlesNextPark()
    {
        await using var h = await StartAsync();

        await h.Fake.StopAsync();
        await FakeSessions.WaitUntilAsync(() => !h.Agent.IsConnected(0), "the drop to be seen");
        h.Fake.Start();
        await h.Fake.WaitForCommandsAsync(2, c => c.Verb == "event", TimeSpan.FromSeconds(10));
        await FakeSessions.WaitUntilAsync(() => h.Agent.IsConnected(0), "the reconnect");
        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));

        var commands = await h.ApiCommandsAsync(4);
        Assert.Equal($"uuid_transfer {ParkUuid} 1002", commands[^1]);
        Assert.Single(h.Sessions.Authorized);
    }

    [Fact]
    public async Task Drop_ConnectionsReset_AgentReconnects()
    {
        await using var h = await StartAsync();

        h.Fake.DropConnections();
        await h.Fake.WaitForCommandsAsync(2, c => c.Verb == "event", TimeSpan.FromSeconds(10));
        await FakeSessions.WaitUntilAsync(() => h.Agent.IsConnected(0), "the reconnect");
        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));

        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Authorized.IsEmpty, "AuthorizeEvent");
    }
}
