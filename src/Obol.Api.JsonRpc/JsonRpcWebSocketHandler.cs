using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Accepts a WebSocket and serves JSON-RPC on it until the peer closes (see <see cref="JsonRpcWebSocketConnection"/>).
/// Needs the WebSockets middleware (<c>app.UseWebSockets()</c>) in the pipeline.
/// </summary>
public sealed class JsonRpcWebSocketHandler
{
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcServerOptions _options;

    public JsonRpcWebSocketHandler(JsonRpcDispatcher dispatcher, JsonRpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
        _options = options ?? new JsonRpcServerOptions();
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            // Go's x/net/websocket handler answers a plain request the same way.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var connection = new JsonRpcWebSocketConnection(socket, _dispatcher, _options,
            $"WebSocket {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", context.RequestAborted);
        await using var aborted = context.RequestAborted.Register(connection.StopReading).ConfigureAwait(false);
        // Kestrel's graceful stop waits for every request, and a WebSocket's lasts until its peer leaves: end it here.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        await using var stopped = stopping.Register(connection.StopReading).ConfigureAwait(false);
        await connection.RunAsync().ConfigureAwait(false);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // The peer went first.
            }
        }
    }
}
