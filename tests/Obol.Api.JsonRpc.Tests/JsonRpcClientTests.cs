using System.Net;
using Obol.Primitives;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcClientTests : IAsyncLifetime
{
    private readonly BlockingService _blocking = new();
    private JsonRpcTcpServer _server = null!;

    public ValueTask InitializeAsync()
    {
        var dispatcher = TestServices.Create();
        _blocking.Register(dispatcher);
        _server = new JsonRpcTcpServer(dispatcher, new JsonRpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        _server.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CallAsync_Ping_ReturnsPong()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);

        Assert.Equal("Pong", await client.CallAsync<object, string>(CoreService.PingMethod, new { }).WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task CallAsync_TypedArgumentAndResult_RoundTrip()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);
        var sent = new EchoArgs { Tenant = "cgrates.org", Count = 2, Usage = Usage.FromSeconds(85), Items = [new Item("a", 10)] };

        var echoed = await client.CallAsync<EchoArgs, EchoArgs>("Test.Echo", sent).WaitAsync(Guard.Timeout);

        Assert.Equal(("cgrates.org", 2, Usage.FromSeconds(85)), (echoed.Tenant, echoed.Count, echoed.Usage));
        Assert.Equal([new Item("a", 10)], echoed.Items!);
    }

    [Theory]
    [InlineData("Test.NotFound", ErrorCodes.NotFound)]
    [InlineData("Test.Missing", "MANDATORY_IE_MISSING: [Tenant Account]")]
    [InlineData("Nope.Call", "rpc: can't find service Nope.Call")]
    public async Task CallAsync_ErrorReply_ThrowsRpcExceptionWithTheErrorVerbatim(string method, string error)
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);

        var exception = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync<object, string>(method, new { }).WaitAsync(Guard.Timeout));

        Assert.Equal(error, exception.Error);
    }

    [Fact]
    public async Task CallAsync_ManyConcurrentCallsOnOneConnection_EachGetsItsOwnReply()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);

        var results = await Task.WhenAll(Enumerable.Range(0, 300)
            .Select(i => client.CallAsync<string, string>("Test.EchoString", $"call {i}"))).WaitAsync(Guard.Timeout);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"call {i}"), results);
    }

    [Fact]
    public async Task CallAsync_RepliesOutOfOrder_MatchedById()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);

        var slow = client.CallAsync<string, string>("Block.Wait", "client-slow");
        await _blocking.Entered("client-slow");
        var fast = await client.CallAsync<string, string>("Test.EchoString", "fast").WaitAsync(Guard.Timeout);
        _blocking.Release("client-slow");

        Assert.Equal("fast", fast);
        Assert.Equal("released client-slow", await slow.WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task CallAsync_ServerAbortsTheConnection_PendingCallFailsAndLaterCallsToo()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);
        var pending = client.CallAsync<string, string>("Block.Wait", "client-abort");
        await _blocking.Entered("client-abort");

        await _server.StopAsync(new CancellationToken(canceled: true));

        await Assert.ThrowsAsync<IOException>(() => pending.WaitAsync(Guard.Timeout));
        await Assert.ThrowsAsync<IOException>(() => client.CallAsync<object, string>(CoreService.PingMethod, new { }).WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task CallAsync_Cancelled_ThrowsWhileTheConnectionStaysUsable()
    {
        await using var client = await JsonRpcClient.ConnectAsync(_server.LocalEndPoint);
        using var cancel = new CancellationTokenSource();
        var call = client.CallAsync<string, string>("Block.Wait", "client-cancel", cancel.Token);
        await _blocking.Entered("client-cancel");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Guard.Timeout));
        _blocking.Release("client-cancel");
        Assert.Equal("Pong", await client.CallAsync<object, string>(CoreService.PingMethod, new { }).WaitAsync(Guard.Timeout));
    }
}
