using System.Globalization;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslClientEventTests
{
    [Fact]
    public async Task Events_ReplayedCaptures_ArriveDecodedInOrder()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["CHANNEL_PARK", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "RE_SCHEDULE"]);

        Assert.Equal(1, await fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark)));
        await fake.SendCaptureAsync(Captures.PathOf(Captures.HangupComplete2015));
        await fake.SendCaptureAsync(Captures.PathOf(Captures.HangupComplete2018));
        await fake.SendCaptureAsync(Captures.PathOf(Captures.Heartbeat));

        var park = await client.NextEventAsync();
        var hangup2015 = await client.NextEventAsync();
        var hangup2018 = await client.NextEventAsync();
        var heartbeat = await client.NextEventAsync();
        Assert.Equal("CHANNEL_PARK", park.EventName);
        Assert.Equal("1001 <sip:1001@192.168.56.120:5081>;tag=27764SIPpTag001", park.GetVariable("sip_full_from"));
        Assert.Equal(108, park.Headers.Count);
        Assert.Equal("+AUTH_OK", hangup2015.GetVariable("cgr_notify"));
        Assert.Equal("e3133bf7-dcde-4daf-9663-9a79ffcef5ad", hangup2015.UniqueId);
        Assert.Equal("ARRAY::3|:supplier2|:supplier3|:supplier1", hangup2018.GetVariable("cgr_route"));
        Assert.Equal("heartbeat", heartbeat["Task-Desc"]);
    }

    [Fact]
    public async Task Events_HundredEvents_ArriveInSendOrder()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["HEARTBEAT"]);

        for (var i = 0; i < 100; i++)
        {
            await fake.SendEventAsync([new("Event-Name", "HEARTBEAT"), new("Event-Sequence", i.ToString(CultureInfo.InvariantCulture))]);
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), (await client.NextEventAsync())["Event-Sequence"]);
        }
    }

    [Fact]
    public async Task Events_BuiltFromHeaders_RoundTripValuesAndBody()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["CHANNEL_ANSWER"]);

        await fake.SendEventAsync(
            [
                new("Event-Name", "CHANNEL_ANSWER"),
                new("Unique-ID", "u-1"),
                new("variable_sip_full_from", "\"Zoë\" <sip:1001@10.0.0.1>;tag=a+b%20"),
                new("variable_cgr_notify", "+AUTH_OK"),
            ],
            body: "free text\n");

        var ev = await client.NextEventAsync();
        Assert.Equal("\"Zoë\" <sip:1001@10.0.0.1>;tag=a+b%20", ev.GetVariable("sip_full_from"));
        Assert.Equal("+AUTH_OK", ev.GetVariable("cgr_notify"));
        Assert.Equal("free text\n", ev.Body);
    }

    [Fact]
    public async Task Events_NotSubscribed_AreNotSent()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["CHANNEL_ANSWER"]);

        Assert.Equal(0, await fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark)));
        Assert.Equal(1, await fake.SendEventAsync([new("Event-Name", "CHANNEL_ANSWER")]));

        Assert.Equal("CHANNEL_ANSWER", (await client.NextEventAsync()).EventName);
    }

    [Fact]
    public async Task Events_CustomSubclass_OnlySubscribedOnesArrive()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["HEARTBEAT"], ["sofia::register"]);

        Assert.Equal(0, await fake.SendEventAsync([new("Event-Name", "CUSTOM"), new("Event-Subclass", "sofia::unregister")]));
        Assert.Equal(1, await fake.SendEventAsync([new("Event-Name", "CUSTOM"), new("Event-Subclass", "sofia::register")]));

        Assert.Equal("sofia::register", (await client.NextEventAsync()).EventSubclass);
    }

    [Fact]
    public async Task Events_NobodyReading_DoNotHoldUpReplies()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["CHANNEL_PARK"]);

        for (var i = 0; i < 500; i++)
        {
            await fake.SendCaptureAsync(Captures.PathOf(Captures.ChannelPark));
        }

        Assert.Equal("+OK\n", await client.ApiAsync("status").Within());
        var count = 0;
        while (count < 500)
        {
            await client.NextEventAsync();
            count++;
        }
    }

    [Fact]
    public async Task BgApiAsync_JobsFinishOutOfOrder_EachResultMatchesItsJob()
    {
        await using var fake = EslTestHarness.StartFake();
        var finish = new Dictionary<string, TaskCompletionSource<string>>
        {
            ["originate a"] = new(),
            ["originate b"] = new(),
            ["originate c"] = new(),
        };
        fake.BgApiHandler = command => finish[command].Task;
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["BACKGROUND_JOB"]);

        var a = await client.BgApiAsync("originate a");
        var b = await client.BgApiAsync("originate b");
        var c = await client.BgApiAsync("originate c");
        finish["originate c"].SetResult("+OK c\n");
        finish["originate b"].SetResult("+OK b\n");
        finish["originate a"].SetResult("+OK a\n");

        Assert.Equal("+OK a\n", await a.Result.Within());
        Assert.Equal("+OK b\n", await b.Result.Within());
        Assert.Equal("+OK c\n", await c.Result.Within());
        var sent = fake.Commands.Where(x => x.Verb == "bgapi").ToList();
        Assert.Equal([a.JobUuid, b.JobUuid, c.JobUuid], sent.Select(x => x.Headers["Job-UUID"]));
        Assert.Equal(["bgapi originate a", "bgapi originate b", "bgapi originate c"], sent.Select(x => x.Line));
    }

    [Fact]
    public async Task BgApiAsync_ErrResult_FailsTheJobWithCommandException()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = _ => "-ERR USER_NOT_REGISTERED\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["BACKGROUND_JOB"]);

        var job = await client.BgApiAsync("originate user/1009 &park");

        var ex = await Assert.ThrowsAsync<EslCommandException>(() => job.Result.Within());
        Assert.Equal("-ERR USER_NOT_REGISTERED", ex.Message);
    }

    [Fact]
    public async Task BgApiAsync_NotSubscribedToBackgroundJob_ThrowsInvalidOperation()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["CHANNEL_PARK"]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.BgApiAsync("status"));

        Assert.DoesNotContain(fake.Commands, c => c.Verb == "bgapi");
    }

    [Fact]
    public async Task Events_BackgroundJobOfUnknownJob_GoesToTheEventStream()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["ALL"]);

        var reply = await client.SendCommandAsync("bgapi status\nJob-UUID: raw-job");

        Assert.Equal("+OK Job-UUID: raw-job", reply.ReplyText);
        var ev = await client.NextEventAsync();
        Assert.Equal("BACKGROUND_JOB", ev.EventName);
        Assert.Equal("raw-job", ev.JobUuid);
        Assert.Equal("+OK\n", ev.Body);
        Assert.Equal("status", ev["Job-Command"]);
    }
}
