using System.Buffers;
using System.Net.WebSockets;

namespace Obol.Api.JsonRpc;

/// <summary>
/// JSON-RPC over a WebSocket (CGRateS <c>http.ws_url</c>, <c>/ws</c>): each text or binary message carries one or more
/// requests, each reply goes out as one text message (Go's <c>json.Encoder</c> makes one write, hence one frame, per
/// reply), in completion order, with requests on one socket running concurrently.
/// </summary>
/// <remarks>
/// One deliberate difference from CGRateS, whose x/net/websocket connection is a byte stream to the codec: a message
/// is framed by itself. Unreadable JSON then costs only that message — answered with
/// <c>{"id":null,"result":null,"error":"rpc: server cannot decode request: …"}</c> while the socket goes on serving —
/// where Go closes the socket; a request split across two messages, which no Go or browser client sends, is refused.
/// </remarks>
internal sealed class JsonRpcWebSocketConnection(WebSocket socket, JsonRpcDispatcher dispatcher, JsonRpcServerOptions options,
    string name, CancellationToken aborted) : JsonRpcConnection(dispatcher, options, name, aborted)
{
    private const int ReceiveChunk = 4096;
    private readonly int _maxMessageBytes = options.MaxRequestBytes;
    private readonly CancellationTokenSource _stopReceiving = new();

    protected override async Task ReadLoopAsync()
    {
        using var message = new PooledBufferWriter();
        while (!IsStopping)
        {
            message.Clear();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(message.GetMemory(ReceiveChunk), _stopReceiving.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Advance(received.Count);
                if (message.WrittenCount > _maxMessageBytes)
                {
                    JsonRpcProtocolException.Throw(JsonRpcRejectReason.RequestTooLarge, $"message larger than {_maxMessageBytes} bytes");
                }
            }
            while (!received.EndOfMessage);
            await OnMessageAsync(message.WrittenMemory).ConfigureAwait(false);
        }
    }

    // Cancelling a receive aborts the WebSocket (ManagedWebSocket's rule), so replies still due are lost; that happens
    // only on a server stop or once writing has already failed.
    protected override void CancelRead() => _stopReceiving.Cancel();

    protected override async ValueTask WriteAsync(ReadOnlyMemory<byte> message) =>
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, Aborted).ConfigureAwait(false);

    protected override ValueTask<bool> FlushAsync() =>
        ValueTask.FromResult(socket.State is WebSocketState.Open or WebSocketState.CloseReceived);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopReceiving.Dispose();
        }
        base.Dispose(disposing);
    }

    private async ValueTask OnMessageAsync(ReadOnlyMemory<byte> message)
    {
        var buffer = new ReadOnlySequence<byte>(message);
        Framing.Reset();
        try
        {
            while (Framing.TryReadFrame(ref buffer, out var frame))
            {
                await DispatchAsync(frame).ConfigureAwait(false);
            }
            if (Framing.HasPartialFrame)
            {
                JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidJson, "unexpected EOF");
            }
        }
        catch (JsonRpcProtocolException ex) when (ex.Reason != JsonRpcRejectReason.RequestTooLarge)
        {
            Framing.Reset();
            var reply = new JsonRpcOutboundMessage();
            JsonRpcReplyWriter.WriteError(reply.Buffer, default, $"rpc: server cannot decode request: {ex.Message}", SerializerOptions);
            if (!TrySend(reply))
            {
                reply.Dispose();
            }
        }
    }
}
