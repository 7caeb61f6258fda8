using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcTcpServerTests : IAsyncLifetime
{
    private readonly List<string> _log = [];
    private readonly BlockingService _blocking = new();
    private JsonRpcTcpServer _server = null!;

    private IPEndPoint EndPoint => _server.LocalEndPoint;

    public ValueTask InitializeAsync()
    {
        _server = StartServer(maxConcurrent: 64);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Ping_OverTcp_GoldenReplyBytes()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);

        await client.SendAsync(Requests.Ping);

        Assert.Equal(Requests.PingReply, await client.ReadReplyAsync());
    }

    [Fact]
    public async Task Status_OverTcp_ReplyShapedLikeCgrates()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);

        await client.SendAsync("""{"method":"CoreSv1.Status","params":[{}],"id":8}""");

        Assert.Matches(
            """^\{"id":8,"result":\{"active_memory":"[0-9.]+[KMG]?i?B","cpu_time":"[0-9.hms]+","go_version":"[^"]+","goroutines":\d+,"node_id":"node-1","open_files":\d+,"os_threads_in_use":\d+,"pid":\d+,"resident_memory":"[0-9.]+[KMG]?i?B","running_since":"[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\d \d\d:\d\d:\d\d UTC \d{4}","system_memory":"[0-9.]+[KMG]?i?B","version":"Obol@test"\},"error":null\}\n$""",
            await client.ReadReplyAsync());
    }

    [Fact]
    public async Task Pipelined_TenRequestsInOneSend_TenReplies()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);
        var requests = Enumerable.Range(1, 10).Select(i => Requests.Call("Test.EchoString", $"\"r{i}\"", i));

        await client.SendAsync(string.Concat(requests));
        var replies = await client.ReadRepliesAsync(10);

        Assert.Equal(
            Enumerable.Range(1, 10).Select(i => $"{{\"id\":{i},\"result\":\"r{i}\",\"error\":null}}\n").Order(),
            replies.Order());
    }

    [Fact]
    public async Task ConcurrentClients_ThirtyTwoAtOnce_EachGetsItsReplies()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 32).Select(async c =>
        {
            await using var client = await RawClient.ConnectAsync(EndPoint);
            await client.SendAsync(string.Concat(Enumerable.Range(0, 20).Select(i => Requests.Call("Test.EchoString", $"\"c{c}-{i}\"", i))));
            var replies = await client.ReadRepliesAsync(20);
            return replies.Order().SequenceEqual(Enumerable.Range(0, 20).Select(i => $"{{\"id\":{i},\"result\":\"c{c}-{i}\",\"error\":null}}\n").Order());
        }));

        Assert.All(clients, Assert.True);
    }

    [Fact]
    public async Task SplitAcrossReads_SentByteByByte_Answered()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);
        var bytes = Encoding.UTF8.GetBytes(Requests.Call("Test.EchoString", "\"é€𝄞\"", "x") + "\n" + Requests.Ping);

        foreach (var b in bytes)
        {
            await client.SendAsync([b]);
        }
        var replies = await client.ReadRepliesAsync(2);

        Assert.Equal(
            new[] { "{\"id\":\"x\",\"result\":\"é€𝄞\",\"error\":null}\n", Requests.PingReply }.Order(StringComparer.Ordinal),
            replies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MalformedJson_AfterAValidRequest_ReplyThenCloseWhileOthersKeepServing()
    {
        await using var bystander = await RawClient.ConnectAsync(EndPoint);
        await using var offender = await RawClient.ConnectAsync(EndPoint);

        await offender.SendAsync(Requests.Ping + "{\"method\":x");

        Assert.Equal(Requests.PingReply, await offender.ReadReplyAsync());
        Assert.True(await offender.IsClosedByServerAsync());
        Assert.Contains(_log, line => line.Contains("invalid JSON", StringComparison.Ordinal));
        await bystander.SendAsync(Requests.Ping);
        Assert.Equal(Requests.PingReply, await bystander.ReadReplyAsync());
        await using var newcomer = await RawClient.ConnectAsync(EndPoint);
        await newcomer.SendAsync(Requests.Ping);
        Assert.Equal(Requests.PingReply, await newcomer.ReadReplyAsync());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"method\":1,\"params\":[{}],\"id\":1}")]
    public async Task NotARequestObject_ConnectionClosed(string request)
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);

        await client.SendAsync(request);

        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task ErrorReplies_EachAnswered_ConnectionKeepsServing()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);
        string[] requests =
        [
            """{"method":"Nope.Ping","params":[{}],"id":1}""",
            """{"method":"CoreSv1.Nope","params":[{}],"id":2}""",
            """{"method":"CoreSv1.Ping","id":3}""",
            """{"method":"Test.EchoString","params":["a","b"],"id":4}""",
            """{"method":"CoreSv1.Status","params":[{"Debug":"yes"}],"id":5}""",
            """{"method":"Test.Throw","params":[{}],"id":6}""",
            """{"method":"CoreSv1.Ping","params":[{}],"id":"str"}""",
            """{"method":"CoreSv1.Ping","params":[{}],"id":null}""",
            """{"method":"CoreSv1.Ping","params":[{}],"id":7.5}""",
        ];

        await client.SendAsync(string.Join("\n", requests));
        var replies = (await client.ReadRepliesAsync(requests.Length)).ToDictionary(Requests.IdOf);

        Assert.Equal("{\"id\":1,\"result\":null,\"error\":\"rpc: can't find service Nope.Ping\"}\n", replies["1"]);
        Assert.Equal("{\"id\":2,\"result\":null,\"error\":\"rpc: can't find method CoreSv1.Nope\"}\n", replies["2"]);
        Assert.Equal("{\"id\":3,\"result\":null,\"error\":\"jsonrpc: request body missing params\"}\n", replies["3"]);
        Assert.Equal("{\"id\":4,\"result\":\"a\",\"error\":null}\n", replies["4"]);
        Assert.Equal("{\"id\":5,\"result\":null,\"error\":\"json: cannot unmarshal string into Go struct field StatusArgs.Debug of type bool (CoreSv1.Status)\"}\n",
            replies["5"]);
        Assert.Equal("{\"id\":6,\"result\":null,\"error\":\"SERVER_ERROR: boom\"}\n", replies["6"]);
        Assert.Equal("{\"id\":\"str\",\"result\":\"Pong\",\"error\":null}\n", replies["\"str\""]);
        Assert.Equal("{\"id\":null,\"result\":\"Pong\",\"error\":null}\n", replies["null"]);
        Assert.Equal("{\"id\":7.5,\"result\":\"Pong\",\"error\":null}\n", replies["7.5"]);
        await client.SendAsync(Requests.Ping);
        Assert.Equal(Requests.PingReply, await client.ReadReplyAsync());
    }

    [Fact]
    public async Task SlowRequestFirst_FastReplyOvertakesIt()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);

        await client.SendAsync(Requests.Call("Block.Wait", "\"slow\"", 1) + Requests.Call("CoreSv1.Ping", "{}", 2));
        await _blocking.Entered("slow");
        var first = await client.ReadReplyAsync();
        _blocking.Release("slow");
        var second = await client.ReadReplyAsync();

        Assert.Equal("{\"id\":2,\"result\":\"Pong\",\"error\":null}\n", first);
        Assert.Equal("{\"id\":1,\"result\":\"released slow\",\"error\":null}\n", second);
    }

    [Fact]
    public async Task ConcurrencyBound_ManyRequestsOnOneConnection_NeverMoreInFlightThanTheLimit()
    {
        await using var bounded = StartServer(maxConcurrent: 2);
        await using var client = await RawClient.ConnectAsync(bounded.LocalEndPoint);
        // Each handler parks until a second one has entered, so only a bound of exactly 2 lets all of them through.
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i += 2)
            {
                await Task.WhenAll(_blocking.Entered($"g{i}"), _blocking.Entered($"g{i + 1}"));
                _blocking.Release($"g{i}");
                _blocking.Release($"g{i + 1}");
            }
        });

        await client.SendAsync(string.Concat(Enumerable.Range(0, 20).Select(i => Requests.Call("Block.Wait", $"\"g{i}\"", i))));
        await client.ReadRepliesAsync(20);

        Assert.Equal(2, _blocking.MaximumConcurrent);
    }

    [Fact]
    public async Task StopAsync_RequestInFlight_AnsweredThenConnectionClosed()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);
        await client.SendAsync(Requests.Call("Block.Wait", "\"stop\"", 1));
        await _blocking.Entered("stop");
        var endPoint = EndPoint;

        var stopping = _server.StopAsync();
        Assert.False(stopping.IsCompleted);
        _blocking.Release("stop");

        Assert.Equal("{\"id\":1,\"result\":\"released stop\",\"error\":null}\n", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedByServerAsync());
        await stopping;
        await Assert.ThrowsAnyAsync<SocketException>(async () => await RawClient.ConnectAsync(endPoint));
    }

    [Fact]
    public async Task StopAsync_CancelledWhileHandlerHangs_HandlerCancelledAndConnectionClosed()
    {
        await using var client = await RawClient.ConnectAsync(EndPoint);
        await client.SendAsync(Requests.Call("Block.Wait", "\"never\"", 1));
        await _blocking.Entered("never");
        using var giveUp = new CancellationTokenSource();

        var stopping = _server.StopAsync(giveUp.Token);
        await giveUp.CancelAsync();
        await stopping;

        Assert.Equal("never", await _blocking.Cancelled.Task);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task RequestOverSizeLimit_ConnectionClosed()
    {
        await using var small = StartServer(maxConcurrent: 64, maxRequestBytes: 1024);
        await using var client = await RawClient.ConnectAsync(small.LocalEndPoint);

        await client.SendAsync(Requests.Call("Test.EchoString", $"\"{new string('x', 2000)}\"", 1));

        Assert.True(await client.IsClosedByServerAsync());
        Assert.Contains(_log, line => line.Contains("request larger than 1024 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientClosesWithPartialRequest_ServerKeepsServing()
    {
        await using (var quitter = await RawClient.ConnectAsync(EndPoint))
        {
            await quitter.SendAsync("{\"method\":\"CoreSv1.Ping\",\"par");
        }
        await using var client = await RawClient.ConnectAsync(EndPoint);

        await client.SendAsync(Requests.Ping);

        Assert.Equal(Requests.PingReply, await client.ReadReplyAsync());
    }

    private JsonRpcTcpServer StartServer(int maxConcurrent, int maxRequestBytes = JsonRpcFraming.DefaultMaxRequestBytes)
    {
        var dispatcher = TestServices.Create();
        _blocking.Register(dispatcher);
        var server = new JsonRpcTcpServer(dispatcher, new JsonRpcServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MaxConcurrentRequestsPerConnection = maxConcurrent,
            MaxRequestBytes = maxRequestBytes,
            Log = message => { lock (_log) { _log.Add(message); } },
        });
        server.Start();
        return server;
    }
}
