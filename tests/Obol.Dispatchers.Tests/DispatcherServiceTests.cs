using Xunit;

namespace Obol.Dispatchers.Tests;

public sealed class DispatcherServiceTests
{
    [Fact]
    public async Task DispatchAsync_WeightStrategy_CallsHeaviestHostOnly()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("A", 10), ("B", 20))], ["A", "B"]);

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
        Assert.Equal(["B"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_HostUnreachable_FailsOverToNextHost()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("A", 20), ("B", 10))], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
        Assert.Equal(["A", "B"], fixture.Calls);
        Assert.Contains(fixture.Warnings, w => w.Contains("DISCONNECTED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchAsync_HostAnswersError_ErrorReturnedWithoutTryingNext()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("A", 20), ("B", 10))], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Fail("ACCOUNT_NOT_FOUND");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("ACCOUNT_NOT_FOUND", reply.Error);
        Assert.Equal(["A"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_HostNotDefined_NextHostTried()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("GONE", 20), ("B", 10))], ["B"]);

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
    }

    [Fact]
    public async Task DispatchAsync_AllHostsUnreachable_NextProfileTried()
    {
        var first = DispatchFixture.Profile("D1", "*weight", ("A", 10)) with { Weight = 20 };
        var second = DispatchFixture.Profile("D2", "*weight", ("B", 10)) with { Weight = 10 };
        var fixture = new DispatchFixture([first, second], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
        Assert.Equal(["A", "B"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_NoProfileMatches_DispatcherErrorNotFound()
    {
        var profile = DispatchFixture.Profile("D1", "*weight", ("A", 10)) with { Subsystems = ["*attributes"] };
        var fixture = new DispatchFixture([profile], ["A"]);

        var reply = await fixture.DispatchAsync(DispatchFixture.Request(subsystem: "*sessions"));

        Assert.Equal("DISPATCHER_ERROR:NOT_FOUND", reply.Error);
        Assert.Empty(fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_NoHostPassesFilters_HostNotFound()
    {
        var profile = DispatchFixture.Profile("D1", "*weight") with
        {
            Hosts = [new DispatcherHostProfileDefinition { Id = "A", FilterIds = ["*string:~*req.Account:1001"] }],
        };
        var fixture = new DispatchFixture([profile], ["A"]);

        var reply = await fixture.DispatchAsync(DispatchFixture.Request(new() { ["Account"] = "1002" }));

        Assert.Equal("DSP_HOST_NOT_FOUND", reply.Error);
    }

    [Fact]
    public async Task DispatchAsync_BlockerHostFails_HostsAfterItNotTried()
    {
        var profile = DispatchFixture.Profile("D1", "*weight") with
        {
            Hosts =
            [
                new DispatcherHostProfileDefinition { Id = "A", Weight = 20, Blocker = true },
                new DispatcherHostProfileDefinition { Id = "B", Weight = 10 },
            ],
        };
        var fixture = new DispatchFixture([profile], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("DISCONNECTED", reply.Error);
        Assert.Equal(["A"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_RoundRobin_EachRequestStartsAtTheNextHost()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*round_robin", ("A", 30), ("B", 20), ("C", 10))], ["A", "B", "C"]);

        for (var i = 0; i < 4; i++)
        {
            await fixture.DispatchAsync(DispatchFixture.Request());
        }

        Assert.Equal(["A", "B", "C", "A"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_Random_EveryHostChosenSometimes()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*random", ("A", 10), ("B", 10), ("C", 10))], ["A", "B", "C"]);

        for (var i = 0; i < 200; i++)
        {
            await fixture.DispatchAsync(DispatchFixture.Request());
        }

        Assert.Equal(200, fixture.Calls.Count);
        Assert.Equal(["A", "B", "C"], fixture.Calls.Distinct().Order());
    }

    [Fact]
    public async Task DispatchAsync_SameRouteId_SecondRequestGoesToFirstRequestsHost()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*round_robin", ("A", 20), ("B", 10))], ["A", "B"]);

        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-2"));
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-2"));

        Assert.Equal(["A", "B", "A", "B"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_RoutedHostUnreachable_DispatchedAgainAndRouteMoves()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("A", 20), ("B", 10))], ["A", "B"]);
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));
        fixture.Answers.Remove("A");
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
        Assert.Equal(["A", "A", "A", "B", "B"], fixture.Calls);
    }

    [Fact]
    public async Task DispatchAsync_LoadRatio_BusyHostPassedOver()
    {
        var profile = DispatchFixture.Profile("D1", "*weight") with
        {
            Hosts =
            [
                new DispatcherHostProfileDefinition { Id = "A", Weight = 20, Params = new Dictionary<string, System.Text.Json.JsonElement> { ["*ratio"] = System.Text.Json.JsonSerializer.SerializeToElement(1) } },
                new DispatcherHostProfileDefinition { Id = "B", Weight = 10 },
            ],
        };
        var fixture = new DispatchFixture([profile], ["A", "B"]);
        var held = new TaskCompletionSource<DispatchReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new List<string>();

        var first = fixture.Service.DispatchAsync(DispatchFixture.Request(), (host, _) => { lock (calls) { calls.Add(host.Id); } return new ValueTask<DispatchReply>(held.Task); }, CancellationToken.None);
        var second = await fixture.Service.DispatchAsync(DispatchFixture.Request(), (host, _) => { lock (calls) { calls.Add(host.Id); } return ValueTask.FromResult(DispatchReply.Ok("1"u8.ToArray())); }, CancellationToken.None);
        held.SetResult(DispatchReply.Ok("2"u8.ToArray()));
        await first;
        var third = await fixture.Service.DispatchAsync(DispatchFixture.Request(), (host, _) => { lock (calls) { calls.Add(host.Id); } return ValueTask.FromResult(DispatchReply.Ok("3"u8.ToArray())); }, CancellationToken.None);

        Assert.False(second.IsError);
        Assert.False(third.IsError);
        Assert.Equal(["A", "B", "A"], calls);
    }

    [Fact]
    public async Task DispatchAsync_Broadcast_FirstNonFailoverAnswerIsTheReply()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*broadcast", ("A", 20), ("B", 10))], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("\"OK-B\"", DispatchFixture.Text(reply));
        Assert.Equal(["A", "B"], fixture.Calls.Order());
    }

    [Fact]
    public async Task DispatchAsync_BroadcastEveryHostUnreachable_Disconnected()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*broadcast", ("A", 20), ("B", 10))], ["A", "B"]);
        fixture.Answers["A"] = DispatchReply.Unreachable("DISCONNECTED");
        fixture.Answers["B"] = DispatchReply.Unreachable("dial tcp 127.0.0.1:B: connect: connection refused");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("DISCONNECTED", reply.Error);
    }

    [Fact]
    public async Task DispatchAsync_BroadcastSyncOneHostFails_PartiallyExecuted()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*broadcast_sync", ("A", 20), ("B", 10))], ["A", "B"]);
        fixture.Answers["B"] = DispatchReply.Fail("SERVER_ERROR: boom");

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.Equal("PARTIALLY_EXECUTED", reply.Error);
        Assert.Equal(["A", "B"], fixture.Calls.Order());
    }

    [Fact]
    public async Task DispatchAsync_BroadcastSyncAllAnswer_ReplyReturned()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*broadcast_sync", ("A", 20), ("B", 10))], ["A", "B"]);

        var reply = await fixture.DispatchAsync(DispatchFixture.Request());

        Assert.False(reply.IsError);
        Assert.Equal(2, fixture.Calls.Count);
    }

    [Fact]
    public async Task DispatchAsync_ProfileReplaced_RouteForgotten()
    {
        var fixture = new DispatchFixture([DispatchFixture.Profile("D1", "*weight", ("A", 20), ("B", 10))], ["A", "B"]);
        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));
        var table = fixture.Service.Table;
        var replaced = DispatcherProfile.Compile(DispatchFixture.Profile("D1", "*weight", ("A", 10), ("B", 20)));
        fixture.Service.Load(table.WithProfiles(Obol.Events.IndexedProfiles.Build([replaced], table.Filters, table.Options.Index), table.Filters));

        await fixture.DispatchAsync(DispatchFixture.Request(routeId: "call-1"));

        Assert.Equal(["A", "B"], fixture.Calls);
    }
}
