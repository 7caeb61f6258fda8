using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcHttpServerTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Guard.Timeout };
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpcHttpServer _server = null!;

    private Uri Url(string path) => new($"http://{_server.LocalEndPoint}{path}");

    public async ValueTask InitializeAsync()
    {
        var dispatcher = TestServices.Create();
        // Gate.Wait answers only once Gate.Open has run: one socket must run requests concurrently.
        dispatcher.Add<string, string>("Gate.Wait", async (text, ct) =>
        {
            await _gate.Task.WaitAsync(ct);
            return text;
        });
        dispatcher.Add<string, string>("Gate.Open", (text, _) =>
        {
            _gate.TrySetResult();
            return ValueTask.FromResult(RpcResult.Ok(text));
        });
        _server = new JsonRpcHttpServer(dispatcher, new JsonRpcHttpServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MapEndpoints = endpoints => endpoints.MapPost("/cdr_http", static () => Results.Text("OK")),
            Log = message => { lock (_log) { _log.Add(message); } },
        });
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        using var timeout = new CancellationTokenSource(Guard.Timeout);
        await _server.StopAsync(timeout.Token);
    }

    [Fact]
    public void Start_PortZero_ReportsTheBoundPort() => Assert.NotEqual(0, _server.LocalEndPoint.Port);

    [Fact]
    public async Task Post_Ping_GoldenReply()
    {
        using var response = await _http.PostAsync(Url("/jsonrpc"), new StringContent(Requests.Ping));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Requests.PingReply, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_RegisteredMethod_ResultReply()
    {
        using var response = await _http.PostAsync(Url("/jsonrpc"), new StringContent(Requests.Call("Test.EchoString", "\"hello\"", 7)));

        Assert.Equal("{\"id\":7,\"result\":\"hello\",\"error\":null}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_MissingParams_CgratesErrorReply()
    {
        using var response = await _http.PostAsync(Url("/jsonrpc"), new StringContent("""{"method":"CoreSv1.Ping","id":3}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"id\":3,\"result\":null,\"error\":\"jsonrpc: request body missing params\"}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnknownMethod_CgratesErrorReply()
    {
        using var response = await _http.PostAsync(Url("/jsonrpc"), new StringContent(Requests.Call("Nope.Call", "{}", 4)));

        Assert.Equal("{\"id\":4,\"result\":null,\"error\":\"rpc: can't find service Nope.Call\"}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_InvalidJson_EmptyOkReplyAsCgrates()
    {
        using var response = await _http.PostAsync(Url("/jsonrpc"), new StringContent("{\"method\":]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WrongPath_NotFound()
    {
        using var response = await _http.GetAsync(Url("/nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_ExtraRoute_ServedBesideJsonRpc()
    {
        using var response = await _http.PostAsync(Url("/cdr_http"), new StringContent(""));

        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WebSocketPathWithoutUpgrade_BadRequest()
    {
        using var response = await _http.GetAsync(Url("/ws"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WebSocket_TwoRequestsInOneMessage_EachReplyItsOwnMessage()
    {
        using var socket = await ConnectWebSocketAsync();

        await SendAsync(socket, Requests.Call("Test.EchoString", "\"one\"", 1) + "\n" + Requests.Call("Test.EchoString", "\"two\"", 2));
        var replies = new[] { await ReceiveAsync(socket), await ReceiveAsync(socket) };

        Assert.Equal(["{\"id\":1,\"result\":\"one\",\"error\":null}\n", "{\"id\":2,\"result\":\"two\",\"error\":null}\n"], replies.Order());
    }

    [Fact]
    public async Task WebSocket_ManyRequestsOnOneSocket_AllAnswered()
    {
        using var socket = await ConnectWebSocketAsync();

        for (var i = 1; i <= 20; i++)
        {
            await SendAsync(socket, Requests.Call("Test.EchoString", $"\"r{i}\"", i));
        }
        var ids = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            ids.Add(Requests.IdOf(await ReceiveAsync(socket)));
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"{i}"), ids.OrderBy(int.Parse));
    }

    [Fact]
    public async Task WebSocket_ConcurrentRequests_RepliesInCompletionOrder()
    {
        using var socket = await ConnectWebSocketAsync();

        await SendAsync(socket, Requests.Call("Gate.Wait", "\"waited\"", 1));
        await SendAsync(socket, Requests.Call("Test.EchoString", "\"echo\"", 2));
        // Request 1 is still blocked, so the later request 2 must be answered first.
        var first = await ReceiveAsync(socket);
        await SendAsync(socket, Requests.Call("Gate.Open", "\"opened\"", 3));
        var rest = new[] { await ReceiveAsync(socket), await ReceiveAsync(socket) };

        Assert.Equal("{\"id\":2,\"result\":\"echo\",\"error\":null}\n", first);
        Assert.Equal(["{\"id\":1,\"result\":\"waited\",\"error\":null}\n", "{\"id\":3,\"result\":\"opened\",\"error\":null}\n"], rest.Order());
    }

    [Fact]
    public async Task WebSocket_MalformedMessage_ErrorReplyAndSocketStillServes()
    {
        using var socket = await ConnectWebSocketAsync();

        await SendAsync(socket, "{\"method\":]");
        var error = await ReceiveAsync(socket);
        await SendAsync(socket, "[1,2]");
        var notAnObject = await ReceiveAsync(socket);
        await SendAsync(socket, Requests.Ping);

        Assert.StartsWith("{\"id\":null,\"result\":null,\"error\":\"rpc: server cannot decode request: invalid JSON", error);
        Assert.Equal("{\"id\":null,\"result\":null,\"error\":\"rpc: server cannot decode request: json: cannot unmarshal array into Go value of type jsonrpc.serverRequest\"}\n", notAnObject);
        Assert.Equal(Requests.PingReply, await ReceiveAsync(socket));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Stop_WithWebSocketOpen_Completes()
    {
        using var socket = await ConnectWebSocketAsync();
        await SendAsync(socket, Requests.Ping);
        await ReceiveAsync(socket);

        await _server.StopAsync().WaitAsync(Guard.Timeout);
    }

    private async Task<ClientWebSocket> ConnectWebSocketAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_server.LocalEndPoint}/ws"), CancellationToken.None).WaitAsync(Guard.Timeout);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WaitAsync(Guard.Timeout);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Guard.Timeout);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}
