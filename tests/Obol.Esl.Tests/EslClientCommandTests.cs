using Obol.Esl.Testing;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslClientCommandTests
{
    private const string Uuid = "4967ceb1-c6f9-4af9-9855-df323d6763ad";

    [Fact]
    public async Task UuidKillAsync_WithCause_SendsExactApiLine()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        var reply = await client.UuidKillAsync(Uuid, "MANAGER_REQUEST");

        Assert.Equal("+OK\n", reply);
        Assert.Equal($"api uuid_kill {Uuid} MANAGER_REQUEST", fake.Commands[^1].Line);
        Assert.Equal([$"uuid_kill {Uuid} MANAGER_REQUEST"], fake.ApiCommands);
    }

    [Fact]
    public async Task UuidKillAsync_WithoutCause_OmitsIt()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.UuidKillAsync(Uuid);

        Assert.Equal($"api uuid_kill {Uuid}", fake.Commands[^1].Line);
    }

    [Fact]
    public async Task UuidSetVarAsync_ValueWithSpaces_SendsItWhole()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.UuidSetVarAsync(Uuid, "execute_on_answer", "sched_hangup +30 alloted_timeout");
        await client.UuidSetVarAsync(Uuid, "cgr_notify", "AUTH_OK");

        Assert.Equal(
            [$"uuid_setvar {Uuid} execute_on_answer sched_hangup +30 alloted_timeout", $"uuid_setvar {Uuid} cgr_notify AUTH_OK"],
            fake.ApiCommands);
    }

    [Fact]
    public async Task UuidSetVarAsync_ValueWithNewline_ThrowsBeforeSending()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await Assert.ThrowsAsync<ArgumentException>(() => client.UuidSetVarAsync(Uuid, "cgr_notify", "x\n\napi shutdown"));

        Assert.Empty(fake.ApiCommands);
    }

    [Fact]
    public async Task UuidTransferAsync_ShortAndLongForms_MatchCgrates()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.UuidTransferAsync(Uuid, "1002");
        await client.UuidTransferAsync(Uuid, "1002", "XML", "empty_balance");

        Assert.Equal([$"uuid_transfer {Uuid} 1002", $"uuid_transfer {Uuid} 1002 XML empty_balance"], fake.ApiCommands);
    }

    [Fact]
    public async Task UuidBroadcastAsync_Playback_SendsApplicationAndLeg()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.UuidBroadcastAsync(Uuid, "playback!manager_request::/tmp/empty.wav");

        Assert.Equal([$"uuid_broadcast {Uuid} playback!manager_request::/tmp/empty.wav aleg"], fake.ApiCommands);
    }

    [Fact]
    public async Task UuidGetVarAsync_SetAndUnset_ReturnsValueOrNull()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = command => command.EndsWith("last_sched_id", StringComparison.Ordinal) ? "42\n" : "_undef_\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);

        Assert.Equal("42", await client.UuidGetVarAsync(Uuid, "last_sched_id"));
        Assert.Null(await client.UuidGetVarAsync(Uuid, "cgr_notify"));
    }

    [Fact]
    public async Task SubscribeAsync_EventsAndCustomSubclasses_PutsCustomLast()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.SubscribeAsync(["CHANNEL_PARK", "CUSTOM", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "HEARTBEAT"], ["sofia::register"]);

        Assert.Equal("event plain CHANNEL_PARK CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE HEARTBEAT CUSTOM sofia::register", fake.Commands[^1].Line);
    }

    [Fact]
    public async Task SubscribeAsync_NoNamesOrNameWithSpace_ThrowsArgumentException()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync(["CHANNEL_PARK CHANNEL_ANSWER"]));
    }

    [Fact]
    public async Task FilterAsync_CallDirection_SendsFilterLine()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.FilterAsync("Call-Direction", "inbound");

        Assert.Equal("filter Call-Direction inbound", fake.Commands[^1].Line);
    }

    [Fact]
    public async Task HangupAsync_DefaultCause_SendsSendmsgLikeCgrates()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await client.HangupAsync(Uuid);

        var sendmsg = fake.Commands[^1];
        Assert.Equal($"sendmsg {Uuid}", sendmsg.Line);
        Assert.Equal("hangup", sendmsg.Headers["call-command"]);
        Assert.Equal("MANAGER_REQUEST", sendmsg.Headers["hangup-cause"]);
    }

    [Fact]
    public async Task ApiAsync_ErrBody_ThrowsCommandExceptionWithTheText()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = _ => "-ERR No such channel!\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);

        var ex = await Assert.ThrowsAsync<EslCommandException>(() => client.UuidKillAsync(Uuid, "NORMAL_CLEARING"));

        Assert.Equal("-ERR No such channel!", ex.Message);
        Assert.Equal($"uuid_kill {Uuid} NORMAL_CLEARING", ex.Command);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ApiAsync_Output_ReturnsBodyVerbatim()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = _ => "UP 0 years, 0 days\nFreeSWITCH (Version 1.10.11) is ready\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);

        Assert.Equal("UP 0 years, 0 days\nFreeSWITCH (Version 1.10.11) is ready\n", await client.ApiAsync("status"));
    }

    [Fact]
    public async Task SendCommandAsync_UnknownCommand_ReturnsTheErrorReplyWithoutThrowing()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        var reply = await client.SendCommandAsync("frobnicate");
        var noEvents = await client.SendCommandAsync("noevents");

        Assert.True(reply.IsError);
        Assert.Equal("-ERR command not found", reply.ReplyText);
        Assert.Equal("+OK no longer listening for events", noEvents.ReplyText);
    }

    [Fact]
    public async Task SendCommandAsync_EmptyLineInside_ThrowsArgumentException()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendCommandAsync("api status\n\napi shutdown"));
    }

    [Fact]
    public async Task ShowChannelsAsync_ActiveChannels_ReturnsTheirUuids()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.Channels = [new FakeChannel(Uuid), new FakeChannel("e3133bf7-dcde-4daf-9663-9a79ffcef5ad")];
        await using var client = await EslTestHarness.ConnectAsync(fake);

        var channels = await client.ShowChannelsAsync();

        Assert.Equal([Uuid, "e3133bf7-dcde-4daf-9663-9a79ffcef5ad"], channels.Select(c => c.Uuid));
        Assert.Equal(["show channels"], fake.ApiCommands);
    }

    [Fact]
    public async Task ShowChannelsAsync_OtherDelimiter_AsksForIt()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.Channels = [new FakeChannel(Uuid, ApplicationData: "a,b")];
        await using var client = await EslTestHarness.ConnectAsync(fake);

        var channel = Assert.Single(await client.ShowChannelsAsync("|"));

        Assert.Equal("a,b", channel.Fields["application_data"]);
        Assert.Equal(["show channels as delim |"], fake.ApiCommands);
    }

    [Fact]
    public async Task ShowChannelsAsync_NoChannels_ReturnsEmpty()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        Assert.Empty(await client.ShowChannelsAsync());
    }

    [Fact]
    public async Task ApiAsync_FiftyConcurrentCallers_EachGetsItsOwnReply()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = command => $"reply to {command}\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);
        fake.HoldReplies();

        var calls = Enumerable.Range(0, 50).Select(i => Task.Run(() => client.ApiAsync($"echo {i}"))).ToArray();
        await fake.WaitForCommandsAsync(50, c => c.Verb == "api");
        fake.ReleaseReplies();
        var replies = await Task.WhenAll(calls).Within();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"reply to echo {i}\n", replies[i]);
        }
        Assert.Equal(50, fake.ApiCommands.Distinct().Count());
    }

    [Fact]
    public async Task ApiAsync_ConcurrentCallersWhileEventsFlow_RepliesStayMatched()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = command => $"reply to {command}\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["HEARTBEAT"]);

        var events = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await fake.SendEventAsync([new("Event-Name", "HEARTBEAT"), new("Event-Sequence", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            }
        });
        var calls = Enumerable.Range(0, 50).Select(i => Task.Run(() => client.ApiAsync($"echo {i}"))).ToArray();
        var replies = await Task.WhenAll(calls).Within();
        await events.Within();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"reply to echo {i}\n"), replies);
    }
}
