using Obol.SessionServer.Testing;
using Obol.Api;
using Obol.SessionServer;
using Xunit;
using static Obol.Agents.FreeSwitch.Tests.AgentHarness;

namespace Obol.Agents.FreeSwitch.Tests;

public sealed class FreeSwitchAgentParkTests
{
    [Fact]
    public async Task StartAsync_Connects_FiltersInboundAndSubscribes()
    {
        await using var h = await StartAsync();

        var lines = h.Fake.Commands.Select(c => c.Line).ToList();

        Assert.Equal(["auth ClueCon", "filter Call-Direction inbound", "event plain CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CHANNEL_PARK"], lines);
    }

    [Fact]
    public async Task Park_Authorized_SetsMaxUsageSchedulesHangupAndUnparks()
    {
        await using var h = await StartAsync();

        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));
        var commands = await h.ApiCommandsAsync(4);

        Assert.Equal(
        [
            $"uuid_setvar {ParkUuid} cgr_max_usage 3600",
            $"uuid_setvar {ParkUuid} execute_on_answer sched_hangup +3600 alloted_timeout",
            $"uuid_setvar {ParkUuid} cgr_notify AUTH_OK",
            $"uuid_transfer {ParkUuid} 1002",
        ], commands);
        var args = Assert.Single(h.Sessions.Authorized);
        Assert.True(args.GetMaxUsage);
        Assert.Equal(ParkUuid, args.Event!["OriginID"]);
        Assert.Equal(Alias, args.Event["OriginHost"]);
        Assert.Equal("FS_CHANNEL_PARK", args.Event["Source"]);
    }

    [Fact]
    public async Task Park_AuthorizeError_NotifiesErrorAndUnparks()
    {
        var sessions = new FakeSessions { OnAuthorize = _ => (null, "ACCOUNT_NOT_FOUND") };
        await using var h = await StartAsync(sessions: sessions);

        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));
        var commands = await h.ApiCommandsAsync(2);

        Assert.Equal([$"uuid_setvar {ParkUuid} cgr_notify ACCOUNT_NOT_FOUND", $"uuid_transfer {ParkUuid} 1002"], commands);
    }

    [Fact]
    public async Task Park_ZeroMaxUsage_NotifiesInsufficientCredit()
    {
        var sessions = new FakeSessions { OnAuthorize = _ => (new AuthorizeReply { MaxUsage = 0 }, null) };
        await using var h = await StartAsync(sessions: sessions);

        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));
        var commands = await h.ApiCommandsAsync(2);

        Assert.Equal([$"uuid_setvar {ParkUuid} cgr_notify INSUFFICIENT_CREDIT", $"uuid_transfer {ParkUuid} 1002"], commands);
    }

    [Fact]
    public async Task Park_AttributesAndResources_SetAsChannelVariables()
    {
        var attributes = new AttributeReply(["ATTR_1"], ["*req.Subject", "*req.Removed"], "cgrates.org", "id", null,
            new Dictionary<string, object?> { ["Subject"] = "1001_alt" }, []);
        var sessions = new FakeSessions
        {
            OnAuthorize = _ => (new AuthorizeReply { Attributes = attributes, MaxUsage = 90_500_000_000, ResourceAllocation = "ResGroup1" }, null),
        };
        await using var h = await StartAsync(
            o => o with { SchedTransferExtension = "CGRateS" }, sessions);

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("variable_cgr_flags", "*attributes;*accounts;*resources")));
        var commands = await h.ApiCommandsAsync(6);

        Assert.Equal(
        [
            $"uuid_setvar {ParkUuid} Subject 1001_alt",
            $"uuid_setvar {ParkUuid} cgr_max_usage 90",
            $"uuid_setvar {ParkUuid} execute_on_answer sched_transfer +90 CGRateS XML default",
            $"uuid_setvar {ParkUuid} cgr_resource_allocation ResGroup1",
            $"uuid_setvar {ParkUuid} cgr_notify AUTH_OK",
            $"uuid_transfer {ParkUuid} 1002",
        ], commands);
        var args = Assert.Single(h.Sessions.Authorized);
        Assert.True(args.GetAttributes && args.GetMaxUsage && args.AuthorizeResources);
    }

    [Fact]
    public async Task Park_RequestTypeNone_Ignored()
    {
        await using var h = await StartAsync();

        await h.Fake.SendEventAsync(Captures.Headers(Captures.ChannelPark, ("Unique-ID", "ignored"), ("variable_process_cdr", "false")));
        await h.Fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));
        await h.ApiCommandsAsync(4);
        await Task.Delay(100);

        var args = Assert.Single(h.Sessions.Authorized);
        Assert.Equal(ParkUuid, args.Event!["OriginID"]);
        Assert.DoesNotContain(h.Fake.ApiCommands, c => c.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_SubscribeParkOff_NoParkSubscription()
    {
        await using var h = await StartAsync(o => o with { SubscribePark = false });

        Assert.Contains(h.Fake.Commands, c => c.Line == "event plain CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE");
    }
}
