using System.Net;
using System.Text;
using System.Text.Json;

namespace Obol.Api.JsonRpc.Tests;

public sealed class BiRpcServerTests : IAsyncLifetime
{
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource<BiRpcConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<BiRpcConnection> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BiRpcServer _server = null!;

    public ValueTask InitializeAsync()
    {
        var dispatcher = TestServices.Create();
        // SessionS's shape: before answering, ask the agent that called which sessions it holds.
        dispatcher.Add<JsonElement, string>("SessionSv1.AuthorizeEvent", async (caller, _, ct) =>
        {
            var ids = await caller!.CallAsync<string, List<string>>("AgentV1.GetActiveSessionIDs", "", ct);
            return $"authorized with {string.Join(",", ids)}";
        });
        dispatcher.Add<string, string>("Test.WhoCalls", (caller, _, _) => ValueTask.FromResult(RpcResult.Ok(caller is null ? "nobody" : "peer")));
        _server = new BiRpcServer(dispatcher, new JsonRpcServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Log = message => { lock (_log) { _log.Add(message); } },
        });
        _server.Connected += (_, connection) => _connected.TrySetResult(connection);
        _server.Disconnected += (_, connection) => _disconnected.TrySetResult(connection);
        _server.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Guard.Timeout);
        await _server.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task Call_ClientCallsServer_Pong()
    {
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint);

        Assert.Equal("Pong", await client.CallAsync<object, string>("CoreSv1.Ping", new { }).WaitAsync(Guard.Timeout));
        Assert.Equal("peer", await client.CallAsync<string, string>("Test.WhoCalls", "").WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task Call_ServerErrorReply_RpcExceptionWithTheErrorString()
    {
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync<object, string>("Test.NotFound", new { }).WaitAsync(Guard.Timeout));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync<object, string>("Nope.Call", new { }).WaitAsync(Guard.Timeout));

        Assert.Equal("NOT_FOUND", ex.Error);
        Assert.Equal("birpc: can't find method Nope.Call", unknown.Error);
    }

    [Fact]
    public async Task AuthorizeEvent_HandlerCallsTheCallerBack_AnswerUsesThePeersReply()
    {
        var agent = new JsonRpcDispatcher();
        agent.Add<string, List<string>>("AgentV1.GetActiveSessionIDs", (_, _) => ValueTask.FromResult(RpcResult.Ok(new List<string> { "s1", "s2" })));
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint, agent);

        var reply = await client.CallAsync<object, string>("SessionSv1.AuthorizeEvent", new { Event = new { Account = "1001" } }).WaitAsync(Guard.Timeout);

        Assert.Equal("authorized with s1,s2", reply);
    }

    [Fact]
    public async Task CallRaw_BigIntegersAndExponents_PassedThroughVerbatimBothWays()
    {
        const string Argument = """{"EventStart":{"DialogID":9007199254740993,"DialogEntry":18446744073709551615,"Rate":1.10e2},"Reason":"x"}""";
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = new JsonRpcDispatcher();
        agent.AddRaw("SessionSv1.DisconnectSession", (argument, _) =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(argument.Span));
            return ValueTask.FromResult(RpcResult.Ok<ReadOnlyMemory<byte>>("\"OK\""u8.ToArray()));
        });
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint, agent);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        var echoed = await client.CallRawAsync("Test.Raw", Encoding.UTF8.GetBytes(Argument)).WaitAsync(Guard.Timeout);
        var disconnect = await serverSide.CallRawAsync("SessionSv1.DisconnectSession", Encoding.UTF8.GetBytes(Argument)).WaitAsync(Guard.Timeout);

        Assert.Equal(Argument, Encoding.UTF8.GetString(echoed.Result.Span));
        Assert.Equal(Argument, await received.Task.WaitAsync(Guard.Timeout));
        Assert.Equal("\"OK\"", Encoding.UTF8.GetString(disconnect.Result.Span));
    }

    [Fact]
    public async Task ServerCall_RawPeer_GoWireFormatNumberedFromOneAndMatchedById()
    {
        await using var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        var first = serverSide.CallAsync<string, List<JsonElement>>("SessionSv1.GetActiveSessionIDs", "");
        var second = serverSide.CallAsync<string, string>("SessionSv1.DisconnectSession", "bye");
        var requests = await peer.ReadRepliesAsync(2);
        // The peer's own request id 1 is no confusion: a request has a method, a response has none.
        await peer.SendAsync("""{"method":"CoreSv1.Ping","params":[{}],"id":1}{"id":2,"result":"OK","error":null}{"id":1,"result":[{"OriginID":"abc"}],"error":null}""");

        Assert.Equal(
            ["{\"method\":\"SessionSv1.DisconnectSession\",\"params\":[\"bye\"],\"id\":2}\n", "{\"method\":\"SessionSv1.GetActiveSessionIDs\",\"params\":[\"\"],\"id\":1}\n"],
            requests.Order());
        Assert.Equal(Requests.PingReply, await peer.ReadReplyAsync());
        Assert.Equal("OK", await second.WaitAsync(Guard.Timeout));
        Assert.Equal("abc", (await first.WaitAsync(Guard.Timeout)).Single().GetProperty("OriginID").GetString());
    }

    [Fact]
    public async Task ServerCall_PeerErrorReply_RpcException()
    {
        await using var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        var call = serverSide.CallAsync<string, string>("SessionSv1.DisconnectSession", "");
        await peer.ReadReplyAsync();
        await peer.SendAsync("""{"id":1,"result":null,"error":"Unknown Method"}""");

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(Guard.Timeout));
        Assert.Equal("Unknown Method", ex.Error);
    }

    [Fact]
    public async Task ServerCall_PeerDisconnects_PendingCallFailsWithUnexpectedEof()
    {
        var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        var call = serverSide.CallAsync<string, string>("AgentV1.DisconnectSession", "");
        await peer.ReadReplyAsync();
        await peer.DisposeAsync();

        var ex = await Assert.ThrowsAsync<IOException>(() => call.WaitAsync(Guard.Timeout));
        Assert.Contains("closed: unexpected EOF", ex.Message, StringComparison.Ordinal);
        Assert.Same(serverSide, await _disconnected.Task.WaitAsync(Guard.Timeout));
        Assert.Empty(_server.Connections);
        await Assert.ThrowsAsync<IOException>(() => serverSide.CallAsync<string, string>("AgentV1.DisconnectSession", ""));
    }

    [Fact]
    public async Task ClientDispose_WhileAnsweringTheServer_AnswersFirstThenCloses()
    {
        var hang = new TaskCompletionSource<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = new JsonRpcDispatcher();
        agent.Add<string, string>("AgentV1.Hang", async (_, ct) =>
        {
            started.TrySetResult();
            return await hang.Task.WaitAsync(ct);
        });
        var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint, agent);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);
        var clientCall = client.CallAsync<string, string>("AgentV1.Nothing", "");
        await Assert.ThrowsAsync<RpcException>(() => clientCall.WaitAsync(Guard.Timeout));

        var serverCall = serverSide.CallAsync<string, string>("AgentV1.Hang", "");
        await started.Task.WaitAsync(Guard.Timeout);
        var disposed = client.DisposeAsync().AsTask();
        hang.TrySetResult("late");
        await disposed.WaitAsync(Guard.Timeout);

        // The client answered its in-flight request before closing, as Go's wg.Wait does.
        Assert.Equal("late", await serverCall.WaitAsync(Guard.Timeout));
        await _disconnected.Task.WaitAsync(Guard.Timeout);
        Assert.False(serverSide.IsConnected);
    }

    [Fact]
    public async Task Connections_ConnectedPeer_ListedAndAnnounced()
    {
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        Assert.Contains(serverSide, _server.Connections);
        Assert.True(serverSide.IsConnected);
    }

    [Fact]
    public async Task ManyConcurrentCalls_BothWays_AllMatched()
    {
        var agent = new JsonRpcDispatcher();
        agent.Add<int, int>("AgentV1.Double", async (n, _) =>
        {
            await Task.Yield();
            return n * 2;
        });
        await using var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint, agent);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);

        var up = Enumerable.Range(0, 200).Select(i => client.CallAsync<string, string>("Test.EchoString", $"m{i}"));
        var down = Enumerable.Range(0, 200).Select(i => serverSide.CallAsync<int, int>("AgentV1.Double", i));
        var ups = Task.WhenAll(up);
        var downs = Task.WhenAll(down);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"m{i}"), await ups.WaitAsync(Guard.Timeout));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 2), await downs.WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task Request_UnknownMethodAndMissingParams_ErrorRepliesAndTheConnectionServesOn()
    {
        await using var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);

        await peer.SendAsync("""{"method":"Nope.Call","params":[{}],"id":"a"}""");
        var unknown = await peer.ReadReplyAsync();
        await peer.SendAsync("""{"method":"CoreSv1.Ping","id":"b"}""");
        var missing = await peer.ReadReplyAsync();
        await peer.SendAsync(Requests.Ping);

        Assert.Equal("{\"id\":\"a\",\"result\":null,\"error\":\"birpc: can't find method Nope.Call\"}\n", unknown);
        Assert.Equal("{\"id\":\"b\",\"result\":null,\"error\":\"jsonrpc: request body missing params\"}\n", missing);
        Assert.Equal(Requests.PingReply, await peer.ReadReplyAsync());
    }

    [Fact]
    public async Task Request_WithoutId_NotificationNeverAnswered()
    {
        await using var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);

        await peer.SendAsync("""{"method":"Test.EchoString","params":["quiet"]}{"method":"Nope.Call","params":[{}],"id":null}""" + Requests.Ping);

        Assert.Equal(Requests.PingReply, await peer.ReadReplyAsync());
    }

    [Theory]
    [InlineData("{\"method\":]")]
    [InlineData("[1]")]
    [InlineData("{\"method\":1,\"params\":[{}],\"id\":1}")]
    [InlineData("{\"id\":\"x\",\"result\":1,\"error\":null}")]
    [InlineData("{\"id\":1,\"result\":null,\"error\":null}")]
    [InlineData("{\"id\":1,\"result\":null,\"error\":{\"code\":1}}")]
    [InlineData("{\"result\":1}")]
    public async Task Frame_Unreadable_ConnectionClosedAsBirpcDoes(string frame)
    {
        var peer = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var serverSide = await _connected.Task.WaitAsync(Guard.Timeout);
        var pending = serverSide.CallAsync<string, string>("AgentV1.GetActiveSessionIDs", "");
        await peer.ReadReplyAsync();

        await peer.SendAsync(frame);

        Assert.True(await peer.IsClosedByServerAsync());
        await Assert.ThrowsAsync<IOException>(() => pending.WaitAsync(Guard.Timeout));
        await _disconnected.Task.WaitAsync(Guard.Timeout);
        await peer.DisposeAsync();
        lock (_log)
        {
            Assert.Contains(_log, line => line.Contains("protocol error", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Stop_WithClientConnected_ClosesItAndFailsItsCalls()
    {
        var client = await BiRpcClient.ConnectAsync(_server.LocalEndPoint);
        await _connected.Task.WaitAsync(Guard.Timeout);

        await _server.StopAsync().WaitAsync(Guard.Timeout);

        await client.Completion.WaitAsync(Guard.Timeout);
        await Assert.ThrowsAsync<IOException>(() => client.CallAsync<object, string>("CoreSv1.Ping", new { }));
        await client.DisposeAsync();
    }
}
