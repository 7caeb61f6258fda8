using Obol.Api;
using Obol.Events;
using Obol.Evapi;
using Obol.Evapi.Testing;
using Obol.SessionServer;
using Obol.SessionServer.Testing;
using Xunit;

namespace Obol.Agents.Kamailio.Tests;

public sealed class KamailioAgentTests
{
    private const long Setup = 1_795_631_276;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static FakeCall Call(string originId = "1-24191@127.0.0.1") =>
        new() { HashEntry = 3543, HashId = 794, OriginId = originId, SetupTime = Setup, AnswerTime = Setup + 2 };

    [Fact]
    public async Task AuthRequest_TutorialFlags_ReplyEchoesTransactionWithMaxUsageAndAttributes()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Sessions.OnAuthorize = _ => (new AuthorizeReply
        {
            MaxUsage = 12_600_000_000, // 12.6 s rounds to 13, as kamagent rounds
            ResourceAllocation = "RES_ACNT_1001",
            Attributes = new AttributeReply(["ATTR_1001_SESSIONAUTH"], ["*req.RequestType", "*req.PaypalAccount"], "cgrates.org", "e1", null,
                new Dictionary<string, object?> { ["RequestType"] = "*prepaid", ["PaypalAccount"] = "cgrates@paypal.com" }, []),
            ThresholdIds = ["TH_1", "TH_2"],
        }, null);

        var (trIndex, trLabel) = await h.Kamailio.SendAuthRequestAsync("1001", "1002", Setup);
        var reply = await h.Kamailio.ReceiveAuthReplyAsync(trIndex).WaitAsync(Wait);

        Assert.Equal("CGR_SESSIONAUTH_REPLY", reply.Event);
        Assert.Equal(trLabel, reply.GetString("TransactionLabel"));
        Assert.Equal(13, reply.GetInt64("MaxUsage"));
        Assert.Equal("RequestType:*prepaid,PaypalAccount:cgrates@paypal.com", reply.GetString("Attributes"));
        Assert.Equal("RES_ACNT_1001", reply.GetString("ResourceAllocation"));
        Assert.Equal("TH_1,TH_2", reply.GetString("Thresholds"));
        Assert.Equal("", reply.GetString("StatQueues")); // *stats was not asked for
        Assert.Equal("", reply.GetString("Error"));
        var args = Assert.Single(h.Sessions.Authorized);
        Assert.True(args.GetMaxUsage && args.GetAttributes && args.GetRoutes && args.AuthorizeResources && args.ProcessThresholds);
        Assert.Equal("1001", args.Event!["Account"]);
        Assert.Equal(0, args.Event![KamFields.EvapiConnId]);
        Assert.Equal($"{FakeKamailio.Host}:{h.Kamailio.Port}", args.Event!["OriginHost"]);
        Assert.Equal(NodaTime.Instant.FromUnixTimeSeconds(Setup), args.Time);
    }

    [Fact]
    public async Task AuthRequest_SessionsRefuses_ReplyCarriesErrorAndZeroUsage()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Sessions.OnAuthorize = _ => (null, "RALS_ERROR:INSUFFICIENT_CREDIT");

        var (trIndex, _) = await h.Kamailio.SendAuthRequestAsync("1001", "1003", Setup);
        var reply = await h.Kamailio.ReceiveAuthReplyAsync(trIndex).WaitAsync(Wait);

        Assert.Equal("RALS_ERROR:INSUFFICIENT_CREDIT", reply.GetString("Error"));
        Assert.Equal(0, reply.GetInt64("MaxUsage"));
    }

    [Fact]
    public async Task AuthRequest_NoTransactionIndex_MandatoryIeMissingWithoutAskingSessions()
    {
        await using var h = await AgentHarness.StartAsync();

        await h.Kamailio.SendAsync("""{"event":"CGR_AUTH_REQUEST","tr_label":"7","reply_route":"R","Account":"1001","SetupTime":"1795631276"}""");
        var reply = await h.Kamailio.ReceiveAsync(m => m.Event == "R").WaitAsync(Wait);

        Assert.Equal(KamErrors.MandatoryIeMissing, reply.GetString("Error"));
        Assert.Empty(h.Sessions.Authorized);
    }

    [Fact]
    public async Task AuthRequest_SetupTimeNotATime_RefusedAtOnceWithTheReason()
    {
        await using var h = await AgentHarness.StartAsync();

        await h.Kamailio.SendAsync("""{"event":"CGR_AUTH_REQUEST","tr_index":"5","tr_label":"7","Account":"1001","SetupTime":"<null>"}""");
        var reply = await h.Kamailio.ReceiveAuthReplyAsync("5").WaitAsync(Wait);

        Assert.Equal("CGR_AUTH_REPLY", reply.Event);
        Assert.Contains("time", reply.GetString("Error"), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Sessions.Authorized);
    }

    [Fact]
    public async Task Frame_MalformedJson_DroppedAndConnectionKeepsServing()
    {
        await using var h = await AgentHarness.StartAsync();

        await h.Kamailio.SendAsync("""{"event":"CGR_AUTH_REQUEST","tr_index":"5",""");
        var (trIndex, _) = await h.Kamailio.SendAuthRequestAsync("1001", "1002", Setup);
        var reply = await h.Kamailio.ReceiveAuthReplyAsync(trIndex).WaitAsync(Wait);

        Assert.Equal("", reply.GetString("Error"));
        Assert.True(h.Logged("unmarshalling event data"));
    }

    [Fact]
    public async Task CallStartAndEnd_SlowInitiate_TerminateWaitsForInitiateThenCdr()
    {
        await using var h = await AgentHarness.StartAsync(o => o with { CreateCdr = true });
        var release = new ManualResetEventSlim();
        h.Sessions.OnInitiate = _ =>
        {
            release.Wait(Wait);
            return (new AuthorizeReply { MaxUsage = -1 }, null);
        };
        var call = Call();

        await h.Kamailio.SendCallStartAsync(call);
        await h.Kamailio.SendCallEndAsync(call, 5);
        await Task.Delay(200);
        Assert.Empty(h.Sessions.Terminated); // still behind its CALL_START
        release.Set();
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Cdrs.IsEmpty, "the CDR");

        var (init, initClient) = Assert.Single(h.Sessions.Initiated);
        Assert.True(init.InitSession && init.AllocateResources && init.GetAttributes && init.ProcessThresholds);
        Assert.Equal("3543", init.Event![KamFields.HashEntry]);
        Assert.Equal("*kamailio_agent", initClient);
        var (term, _) = Assert.Single(h.Sessions.Terminated);
        Assert.True(term.TerminateSession && term.ReleaseResources);
        Assert.Equal("5s", term.Event!["Usage"]);
        Assert.Equal("<null>", term.Event!["PaypalAccount"]); // kept as Kamailio sent it, as CGRateS does
        Assert.Equal("5s", Assert.Single(h.Sessions.Cdrs).Event["Usage"]);
    }

    [Fact]
    public async Task CallEnd_WithoutCreateCdrOrCdrsFlag_NoCdr()
    {
        await using var h = await AgentHarness.StartAsync();
        var call = Call();

        await h.Kamailio.SendCallStartAsync(call);
        await h.Kamailio.SendCallEndAsync(call, 5);
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Terminated.IsEmpty, "the terminate");
        await Task.Delay(100);

        Assert.Empty(h.Sessions.Cdrs);
    }

    [Fact]
    public async Task CallStart_InitiateFails_DisconnectsWithServerError()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Sessions.OnInitiate = _ => (null, "ACCOUNT_DISABLED");

        await h.Kamailio.SendCallStartAsync(Call());
        var disconnect = await h.Kamailio.ReceiveDisconnectAsync().WaitAsync(Wait);

        Assert.Equal("3543", disconnect.GetString("HashEntry"));
        Assert.Equal("794", disconnect.GetString("HashId"));
        Assert.Equal("SERVER_ERROR", disconnect.GetString("Reason"));
    }

    [Fact]
    public async Task DisconnectSession_StartEvent_SendsSessionDisconnectForItsDialog()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.Kamailio.SendCallStartAsync(Call());
        await FakeSessions.WaitUntilAsync(() => !h.Sessions.Initiated.IsEmpty, "the initiate");
        var started = Assert.Single(h.Sessions.Initiated).Args;

        var error = await h.Agent.DisconnectSessionAsync(new CgrEvent { Tenant = started.Tenant!, Event = started.Event!, ApiOpts = started.ApiOpts! });
        var disconnect = await h.Kamailio.ReceiveDisconnectAsync().WaitAsync(Wait);

        Assert.Null(error);
        Assert.Equal("3543", disconnect.GetString("HashEntry"));
        Assert.Equal("794", disconnect.GetString("HashId"));
        Assert.Equal("INSUFFICIENT_CREDIT", disconnect.GetString("Reason"));
    }

    [Fact]
    public async Task DisconnectSession_ConnectionIndexOutOfRange_Error()
    {
        await using var h = await AgentHarness.StartAsync();
        var ev = new CgrEvent { Event = new() { [KamFields.HashEntry] = "1", [KamFields.HashId] = "2", [KamFields.EvapiConnId] = 3L } };

        Assert.StartsWith("Index out of range", await h.Agent.DisconnectSessionAsync(ev));
    }

    [Fact]
    public async Task GetActiveSessionIds_KamailioListsDialogs_CallIdsUnderItsAddress()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Kamailio.SetDialogs([new FakeDialog(1, 2, "call-a"), new FakeDialog(3, 4, "call-b")]);

        var ids = await h.Agent.GetActiveSessionIdsAsync().WaitAsync(Wait);

        var host = $"{FakeKamailio.Host}:{h.Kamailio.Port}";
        Assert.Equal([(host, "call-a"), (host, "call-b")], ids);
    }

    [Fact]
    public async Task GetActiveSessionIds_KamailioSilent_FailsAfterTheSyncTimeout()
    {
        await using var h = await AgentHarness.StartAsync(o => o with { ChannelSyncTimeout = TimeSpan.FromMilliseconds(300) });
        h.Kamailio.AnswerDialogList = false;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Agent.GetActiveSessionIdsAsync());

        Assert.Equal("timeout executing dialog list", error.Message);
    }

    [Fact]
    public async Task Reconnect_KamailioRestarted_NextAuthRequestAnswered()
    {
        await using var h = await AgentHarness.StartAsync();
        await h.Kamailio.StopAsync();
        await FakeSessions.WaitUntilAsync(() => !h.Agent.IsConnected(0), "the agent to notice");

        h.Kamailio.Restart();
        await h.Kamailio.WaitForAgentAsync().WaitAsync(Wait);
        var (trIndex, _) = await h.Kamailio.SendAuthRequestAsync("1001", "1002", Setup);
        var reply = await h.Kamailio.ReceiveAuthReplyAsync(trIndex).WaitAsync(Wait);

        Assert.Equal("", reply.GetString("Error"));
        Assert.True(h.Logged("reconnecting"));
    }

    [Fact]
    public async Task ProcessMessage_NoFlags_AnsweredEmptyWithoutSessions()
    {
        await using var h = await AgentHarness.StartAsync();

        await h.Kamailio.SendAsync("""{"event":"CGR_PROCESS_MESSAGE","tr_index":"9","tr_label":"10","reply_route":"PM"}""");
        var reply = await h.Kamailio.ReceiveAsync(m => m.Event == "PM").WaitAsync(Wait);

        Assert.Equal("9", reply.GetString("TransactionIndex"));
        Assert.Equal("", reply.GetString("Error"));
        Assert.Empty(h.Sessions.Messages);
    }

    [Fact]
    public async Task ProcessMessage_AccountsAndStatsFlags_DebitsAndRepliesUsage()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Sessions.OnProcessMessage = _ => (new AuthorizeReply { MaxUsage = 1_000_000_000, StatQueueIds = ["SQ_1"] }, null);

        await h.Kamailio.SendAsync("""
            {"event":"CGR_PROCESS_MESSAGE","tr_index":"9","tr_label":"10","cgr_flags":"*accounts;*stats",
             "OriginID":"sms-1","Account":"1001","Destination":"1002","AnswerTime":"1795631276","Usage":"1"}
            """);
        var reply = await h.Kamailio.ReceiveAsync(m => m.Event == "CGR_PROCESS_MESSAGE").WaitAsync(Wait);

        Assert.Equal(1, reply.GetInt64("MaxUsage"));
        Assert.Equal("SQ_1", reply.GetString("StatQueues"));
        var args = Assert.Single(h.Sessions.Messages);
        Assert.True(args.Debit && args.ProcessStats && !args.GetAttributes);
    }

    [Fact]
    public async Task ProcessCdr_SessionsError_ReplyCarriesIt()
    {
        await using var h = await AgentHarness.StartAsync();
        h.Sessions.OnProcessCdr = _ => "EXISTS";

        await h.Kamailio.SendAsync("""{"event":"CGR_PROCESS_CDR","tr_index":"1","tr_label":"2","OriginID":"c-1","Account":"1001"}""");
        var reply = await h.Kamailio.ReceiveAsync(m => m.Event == "CGR_PROCESS_CDR").WaitAsync(Wait);

        Assert.Equal("EXISTS", reply.GetString("Error"));
        Assert.Equal("c-1", Assert.Single(h.Sessions.Cdrs).Event["OriginID"]);
    }
}
