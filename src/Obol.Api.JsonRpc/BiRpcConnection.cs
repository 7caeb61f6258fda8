using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>
/// One BiRPC connection (CGRateS <c>sessions.listen_bijson</c>, :2014; github.com/cgrates/birpc, a fork of
/// cenkalti/rpc2): both ends send requests and responses as JSON-RPC objects on the same TCP stream. Requests from the
/// peer go to the <see cref="JsonRpcDispatcher"/> (their handlers see this connection as their caller); our calls are
/// numbered 1, 2, … by us and matched to the peer's responses by id, while the peer's request ids, any JSON, are echoed
/// verbatim. The same class serves both ends: <see cref="BiRpcServer"/> accepts them, <see cref="BiRpcClient"/> dials one.
/// </summary>
/// <remarks>
/// Like birpc: a frame that cannot be read (not JSON, not an object, a response with a bad id or a non-string error)
/// ends the connection after the replies due are written, and pending calls fail; a request without id is a
/// notification whose reply is never sent.
/// </remarks>
public sealed class BiRpcConnection : IBiRpcPeer, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Codec _codec;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<JsonRpcReply>> _calls = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private volatile string? _closeReason;

    internal BiRpcConnection(long id, Socket socket, JsonRpcDispatcher dispatcher, JsonRpcServerOptions options, CancellationToken aborted)
    {
        Id = id;
        _socket = socket;
        RemoteAddress = socket.RemoteEndPoint?.ToString() ?? $"#{id}";
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _serializerOptions = dispatcher.SerializerOptions;
        _codec = new Codec(this, _input, _output, dispatcher, options, $"BiRPC {RemoteAddress}", aborted);
    }

    /// <summary>Unique within its server (or client process), for logs and maps.</summary>
    public long Id { get; }

    public string RemoteAddress { get; }

    /// <summary>Completes once the connection is closed and every handler it started has answered.</summary>
    public Task Completion => _closed.Task;

    /// <summary>False once no more responses can arrive: calls would fail.</summary>
    public bool IsConnected => _closeReason is null;

    public async Task<TResult> CallAsync<TArg, TResult>(string serviceMethod, TArg argument, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte> result;
        using (var json = JsonRpcRequestWriter.SerializeArgument(argument, _serializerOptions))
        {
            var reply = await CallRawAsync(serviceMethod, json.WrittenMemory, cancellationToken).ConfigureAwait(false);
            if (reply.Error is not null)
            {
                throw new RpcException(reply.Error);
            }
            result = reply.Result;
        }
        try
        {
            return JsonSerializer.Deserialize<TResult>(result.Span, _serializerOptions)!;
        }
        catch (JsonException ex)
        {
            // Go's client: "reading body <decode error>", the call fails and the connection goes on.
            throw new RpcException($"reading body {ex.Message}", ex);
        }
    }

    public async Task<JsonRpcReply> CallRawAsync(string serviceMethod, ReadOnlyMemory<byte> argumentJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceMethod);
        cancellationToken.ThrowIfCancellationRequested();
        var id = (ulong)Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonRpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = completion;
        // Checked after registering: OnReadingEnded sets the reason before failing what is registered.
        if (_closeReason is { } reason)
        {
            _calls.TryRemove(id, out _);
            throw Closed(reason);
        }
        var request = new JsonRpcOutboundMessage();
        JsonRpcRequestWriter.Write(request.Buffer, serviceMethod, argumentJson.Span, id, _serializerOptions.Encoder);
        if (!_codec.TrySend(request))
        {
            request.Dispose();
            _calls.TryRemove(id, out _);
            throw Closed(_closeReason ?? "connection is shut down");
        }
        // Cancelling gives up waiting; the request may already be on the wire and its late response is ignored.
        await using var registration = cancellationToken.Register(() =>
        {
            if (_calls.TryRemove(id, out var pending))
            {
                pending.TrySetCanceled(cancellationToken);
            }
        }).ConfigureAwait(false);
        return await completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads no further request, lets those in flight answer, then closes the socket. Our pending calls fail at once
    /// (Go's <c>ErrShutdown</c>), so a handler waiting on the peer does not hold the close up.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _codec.StopReading();
        await Completion.ConfigureAwait(false);
    }

    public override string ToString() => $"BiRPC {RemoteAddress}";

    internal void StopReading() => _codec.StopReading();

    /// <summary>Closes the socket under whatever is running (a stop that ran out of time).</summary>
    internal void Abort() => _socket.Dispose();

    /// <summary>Serves until the peer hangs up or <see cref="StopReading"/>, then closes the socket.</summary>
    internal async Task RunAsync()
    {
        try
        {
            await _codec.RunAsync().ConfigureAwait(false);
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Already reset by the peer or aborted by a stop.
        }
        finally
        {
            _socket.Dispose();
            _codec.Dispose();
            OnReadingEnded("connection is shut down");
            _closed.TrySetResult();
        }
    }

    private void OnReadingEnded(string reason)
    {
        _closeReason ??= reason;
        foreach (var id in _calls.Keys)
        {
            if (_calls.TryRemove(id, out var pending))
            {
                pending.TrySetException(Closed(_closeReason));
            }
        }
    }

    private void OnResponse(in BiRpcMessage message, ReadOnlySpan<byte> frame)
    {
        // No pending call (cancelled, or a peer's mistake) is no error in birpc either: the response is dropped.
        if (_calls.TryRemove(message.Id, out var pending))
        {
            var result = message.Error is null ? frame[message.Result].ToArray() : ReadOnlyMemory<byte>.Empty;
            pending.TrySetResult(new JsonRpcReply(message.Error, result));
        }
    }

    private IOException Closed(string reason) => new($"BiRPC connection {RemoteAddress} closed: {reason}");

    /// <summary>The shared JSON-RPC connection, with response frames routed to our calls.</summary>
    private sealed class Codec(BiRpcConnection owner, PipeReader input, PipeWriter output, JsonRpcDispatcher dispatcher,
        JsonRpcServerOptions options, string name, CancellationToken aborted)
        : JsonRpcConnection(input, output, dispatcher, options, name, aborted)
    {
        public override IBiRpcPeer? Peer => owner;

        protected override bool BiRpcErrors => true;

        protected override bool ShouldWrite(JsonRpcCall call) => call.HasId;

        protected override void OnReadingEnded(Exception? failure) => owner.OnReadingEnded(failure switch
        {
            null when IsStopping => "connection is shut down",
            // Go's io.ErrUnexpectedEOF: the peer hung up with calls outstanding.
            null => "unexpected EOF",
            _ => failure.Message,
        });

        protected override ValueTask OnFrameAsync(ReadOnlySequence<byte> frame)
        {
            byte[]? copy = null;
            var span = frame.IsSingleSegment ? frame.FirstSpan : (copy = frame.ToArray());
            var message = BiRpcMessage.Parse(span);
            if (message.IsRequest)
            {
                return DispatchAsync(copy is null ? frame : new ReadOnlySequence<byte>(copy));
            }
            owner.OnResponse(message, span);
            return ValueTask.CompletedTask;
        }
    }
}
