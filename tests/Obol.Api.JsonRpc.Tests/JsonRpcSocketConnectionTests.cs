using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Obol.GoJson;

namespace Obol.Api.JsonRpc.Tests;

/// <summary>
/// The TCP listener's socket loop: requests run on the receiving thread, replies held back for one send per read, the
/// receive buffer growing and shrinking, sends the socket will not take at once, and peers that vanish.
/// </summary>
public sealed class JsonRpcSocketConnectionTests : IAsyncLifetime
{
    private readonly List<string> _log = [];
    private readonly BlockingService _blocking = new();
    private readonly SemaphoreSlim _held = new(0);
    private JsonRpcDispatcher _dispatcher = null!;
    private JsonRpcTcpServer _server = null!;

    public ValueTask InitializeAsync()
    {
        _server = StartServer(maxConcurrent: 64);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _held.Release(100);
        await StopAsync(_server);
        _held.Dispose();
    }

    [Fact]
    public async Task Pipelined_FarMoreThanThePermitLimit_AllAnswered()
    {
        var bounded = StartServer(maxConcurrent: 2);
        List<string> replies;
        await using (var client = await RawClient.ConnectAsync(bounded.LocalEndPoint))
        {
            await client.SendAsync(string.Concat(Enumerable.Range(0, 200).Select(i => Requests.Call("Test.EchoString", $"\"p{i}\"", i))));
            replies = await client.ReadRepliesAsync(200);
        }
        await StopAsync(bounded);

        // Completion order, as Go answers: each reply exactly once.
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i},\"result\":\"p{i}\",\"error\":null}}\n").Order(), replies.Order());
    }

    [Fact]
    public async Task RequestSplitAcrossSends_RestArrivesWithTheNextRequest_EachAnswered()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var second = Requests.Call("Test.EchoString", "\"two\"", 2);

        await client.SendAsync(Requests.Call("Test.EchoString", "\"one\"", 1) + "\n" + second[..20]);
        var first = await client.ReadReplyAsync();
        await client.SendAsync(second[20..] + " " + Requests.Call("Test.EchoString", "\"three\"", 3));
        var rest = await client.ReadRepliesAsync(2);

        Assert.Equal("{\"id\":1,\"result\":\"one\",\"error\":null}\n", first);
        Assert.Equal(["{\"id\":2,\"result\":\"two\",\"error\":null}\n", "{\"id\":3,\"result\":\"three\",\"error\":null}\n"], rest);
    }

    [Fact]
    public async Task LargeRequest_ManyTimesTheReceiveBuffer_AnsweredAndSmallOnesFollow()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var text = string.Concat(Enumerable.Range(0, 50_000).Select(i => (char)('a' + (i % 26))));
        var request = Requests.Utf8(Requests.Call("Test.EchoString", $"\"{text}\"", 1));

        foreach (var chunk in request.Chunk(7_001))
        {
            await client.SendAsync(chunk);
        }
        var big = await client.ReadReplyAsync();
        await client.SendAsync(Requests.Ping);

        Assert.Equal($"{{\"id\":1,\"result\":\"{text}\",\"error\":null}}\n", big);
        Assert.Equal(Requests.PingReply, await client.ReadReplyAsync());
    }

    [Fact]
    public async Task ReplyLargerThanTheSocketBuffers_ClientReadsLate_ArrivesWholeAndInOrder()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);
        var text = new string('x', 12 * 1024 * 1024);

        // Nothing is read until both requests are sent: the big reply fills the socket and the rest of it, and the Ping
        // reply behind it, must wait for the client.
        await client.SendAsync(Requests.Call("Test.EchoString", $"\"{text}\"", 1));
        await client.SendAsync(Requests.Ping);
        var replies = await client.ReadRepliesAsync(2);

        Assert.Equal($"{{\"id\":1,\"result\":\"{text}\",\"error\":null}}\n", replies[0]);
        Assert.Equal(Requests.PingReply, replies[1]);
    }

    [Fact]
    public async Task RawJsonResult_CopiedIntoTheReplyAsItIs()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);

        await client.SendAsync(Requests.Call("Test.Json", "\"{\\\"a\\\":[1,2.50],\\\"b\\\":\\\"<>\\\"}\"", 1) + Requests.Call("Test.Json", "\"\"", 2));
        var replies = (await client.ReadRepliesAsync(2)).ToDictionary(Requests.IdOf);

        Assert.Equal("{\"id\":1,\"result\":{\"a\":[1,2.50],\"b\":\"<>\"},\"error\":null}\n", replies["1"]);
        Assert.Equal("{\"id\":2,\"result\":null,\"error\":null}\n", replies["2"]);
    }

    [Fact]
    public async Task WrittenJsonResult_WrittenIntoTheReplyAndAFailingWriterAnswersAnError()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);

        await client.SendAsync(Requests.Call("Test.Written", "\"[1,2]\"", 11) + Requests.Call("Test.Written", "\"fail\"", 12) + Requests.Ping);
        var replies = (await client.ReadRepliesAsync(3)).ToDictionary(Requests.IdOf);

        Assert.Equal("{\"id\":11,\"result\":[1,2],\"error\":null}\n", replies["11"]);
        Assert.Equal("{\"id\":12,\"result\":null,\"error\":\"SERVER_ERROR: cannot write\"}\n", replies["12"]);
        Assert.Contains(Requests.PingReply, replies.Values);
    }

    [Fact]
    public async Task SlowSynchronousHandler_SeenThreeTimesInARow_LaterRequestsNoLongerWaitBehindIt()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(_dispatcher.Resolve("Test.Hold", out _)!.RunsLong);
            await client.SendAsync(Requests.Call("Test.Hold", "\"sleep\"", 1));
            Assert.Equal("{\"id\":1,\"result\":\"slept\",\"error\":null}\n", await client.ReadReplyAsync());
        }
        Assert.True(_dispatcher.Resolve("Test.Hold", out _)!.RunsLong);

        await client.SendAsync(Requests.Call("Test.Hold", "\"wait\"", 2) + Requests.Call("CoreSv1.Ping", "{}", 3));
        var first = await client.ReadReplyAsync();
        _held.Release();
        var second = await client.ReadReplyAsync();

        Assert.Equal("{\"id\":3,\"result\":\"Pong\",\"error\":null}\n", first);
        Assert.Equal("{\"id\":2,\"result\":\"held\",\"error\":null}\n", second);
    }

    [Fact]
    public async Task ClientResetsWithReplyPending_ConnectionEndsAndOthersKeepServing()
    {
        using (var quitter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await quitter.ConnectAsync(_server.LocalEndPoint);
            await quitter.SendAsync(Requests.Utf8(Requests.Call("Block.Wait", "\"reset\"", 1)));
            await _blocking.Entered("reset");
            // Linger 0: close sends a reset, so the reply has nobody to go to.
            quitter.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        _blocking.Release("reset");
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);

        await client.SendAsync(Requests.Ping);

        Assert.Equal(Requests.PingReply, await client.ReadReplyAsync());
        // Every connection, the reset one included, has finished once the stop completes.
        await _server.StopAsync().WaitAsync(Guard.Timeout);
    }

    [Fact]
    public async Task SlowHandler_QuickAgainForLong_RunsOnTheReadingThreadAgain()
    {
        await using var client = await RawClient.ConnectAsync(_server.LocalEndPoint);
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Requests.Call("Test.Hold", "\"sleep\"", 1));
            await client.ReadReplyAsync();
        }
        var method = _dispatcher.Resolve("Test.Hold", out _)!;
        Assert.True(method.RunsLong);

        // One at a time, each is the last request of its read: still run inline, and timed. A descheduled test thread
        // may make one look long and restart the count, hence the loop.
        var quickCalls = 0;
        while (method.RunsLong && quickCalls < 1000)
        {
            await client.SendAsync(Requests.Call("Test.Hold", "\"quick\"", 1));
            Assert.Equal("{\"id\":1,\"result\":\"quick\",\"error\":null}\n", await client.ReadReplyAsync());
            quickCalls++;
        }

        Assert.False(method.RunsLong);
        Assert.True(quickCalls >= 64, $"back inline after {quickCalls} quick calls");
    }

    // A connection that never finishes must fail the test, not hang it.
    private static async Task StopAsync(JsonRpcTcpServer server)
    {
        using var giveUp = new CancellationTokenSource(Guard.Timeout);
        await server.StopAsync(giveUp.Token);
    }

    private JsonRpcTcpServer StartServer(int maxConcurrent)
    {
        _dispatcher = TestServices.Create();
        _blocking.Register(_dispatcher);
        _dispatcher.Add<string, RawJson>("Test.Json", static (json, _) => ValueTask.FromResult(RpcResult.Ok(new RawJson(Encoding.UTF8.GetBytes(json)))));
        _dispatcher.Add<string, WrittenJson>("Test.Written", static (json, _) => ValueTask.FromResult(RpcResult.Ok(new WrittenJson(json,
            static (value, output) =>
            {
                if ((string)value == "fail")
                {
                    // Half a result first: the error must replace it, not follow it.
                    output.Write("{\"partial\":"u8);
                    throw new JsonException("cannot write");
                }
                output.Write(Encoding.UTF8.GetBytes((string)value));
            }))));
        _dispatcher.Add<string, string>("Test.Hold", (how, cancellationToken) =>
        {
            if (how == "quick")
            {
                return ValueTask.FromResult(RpcResult.Ok("quick"));
            }
            if (how == "sleep")
            {
                Thread.Sleep(10);
                return ValueTask.FromResult(RpcResult.Ok("slept"));
            }
            return ValueTask.FromResult(RpcResult.Ok(_held.Wait(Guard.Timeout, cancellationToken) ? "held" : "timed out"));
        });
        var server = new JsonRpcTcpServer(_dispatcher, new JsonRpcServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MaxConcurrentRequestsPerConnection = maxConcurrent,
            Log = message => { lock (_log) { _log.Add(message); } },
        });
        server.Start();
        return server;
    }
}
