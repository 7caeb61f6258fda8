using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Channels;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Go's <c>Server.ServeCodec</c> over a duplex pipe: a read loop that frames requests and hands each to the thread pool,
/// and a single writer that sends replies in completion order. When reading stops — end of stream, a protocol error,
/// a stop request — the replies already due are still written, then <see cref="RunAsync"/> completes (Go's
/// <c>wg.Wait(); codec.Close()</c>). The owner of the pipes completes and closes them.
/// </summary>
/// <remarks>
/// The other transports change only what differs: WebSocket reads messages instead of a byte stream and sends each
/// reply as a message; BiRPC routes response frames to its own calls and sends its requests through the same writer.
/// </remarks>
internal class JsonRpcConnection : IDisposable
{
    private readonly PipeReader? _input;
    private readonly PipeWriter? _output;
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly SemaphoreSlim _permits;
    // Who writes to the output: the write loop, or a handler thread finding the writer idle.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<IJsonRpcOutbound> _outbound = Channel.CreateUnbounded<IJsonRpcOutbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string>? _log;
    // The read loop holds one count; each dispatched request one more until its reply is written.
    private int _pending = 1;
    private volatile bool _stopping;
    private volatile bool _broken;

    public JsonRpcConnection(PipeReader input, PipeWriter output, JsonRpcDispatcher dispatcher, JsonRpcServerOptions options,
        string name, CancellationToken aborted)
        : this(dispatcher, options, name, aborted)
    {
        _input = input;
        _output = output;
    }

    /// <summary>For transports that override <see cref="ReadLoopAsync"/>, <see cref="WriteAsync"/> and <see cref="FlushAsync"/>.</summary>
    protected JsonRpcConnection(JsonRpcDispatcher dispatcher, JsonRpcServerOptions options, string name, CancellationToken aborted)
    {
        _dispatcher = dispatcher;
        Framing = new JsonRpcFraming(options.MaxRequestBytes);
        _permits = new SemaphoreSlim(options.MaxConcurrentRequestsPerConnection, options.MaxConcurrentRequestsPerConnection);
        _log = options.Log;
        Name = name;
        Aborted = aborted;
    }

    /// <summary>Handlers' token: fires only when the server gives up waiting for them (Go never cancels a call).</summary>
    public CancellationToken Aborted { get; }

    public JsonSerializerOptions SerializerOptions => _dispatcher.SerializerOptions;

    /// <summary>The peer handlers may call back; only BiRPC has one.</summary>
    public virtual IBiRpcPeer? Peer => null;

    public string Name { get; }

    protected JsonRpcDispatcher Dispatcher => _dispatcher;

    protected JsonRpcFraming Framing { get; }

    protected bool IsStopping => _stopping;

    /// <summary>True once the peer can no longer be written to.</summary>
    protected bool IsBroken => _broken;

    /// <summary>Set by the read loop: no further request follows the one being dispatched in what has arrived.</summary>
    protected bool IsLastReceived { get; set; }

    /// <summary>Unknown methods worded as the BiRPC server words them.</summary>
    protected virtual bool BiRpcErrors => false;

    public void Log(string message) => _log?.Invoke(message);

    /// <summary>Serves until the input ends or reading is stopped, then until every reply due has been written.</summary>
    public async Task RunAsync()
    {
        var writer = WriteLoopAsync();
        Exception? failure = null;
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (JsonRpcProtocolException ex)
        {
            failure = ex;
            Log($"JSON-RPC {Name}: protocol error, reading no further requests: {ex.Message}");
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            failure = ex;
            if (!_stopping && !_broken && !Aborted.IsCancellationRequested)
            {
                Log($"JSON-RPC {Name}: read failed: {ex.Message}");
            }
        }
        finally
        {
            OnReadingEnded(failure);
            ReleasePending(1);
        }
        await writer.ConfigureAwait(false);
    }

    /// <summary>Reads no further request; those in flight are still answered.</summary>
    public void StopReading()
    {
        _stopping = true;
        CancelRead();
    }

    /// <summary>
    /// Queues the reply for the writer, or, on a byte-stream connection whose writer is idle, writes it at once on this
    /// thread: a caller waiting for each answer then costs one thread hop per request instead of three. Replies go out in
    /// completion order either way; the queue is not peeked here, since only the write loop may read it.
    /// </summary>
    public virtual void OnReplyReady(JsonRpcCall call)
    {
        if (_input is null || !_writeGate.Wait(0))
        {
            _outbound.Writer.TryWrite(call);
            return;
        }
        var replies = 0;
        try
        {
            if (!_broken && ShouldWrite(call))
            {
                _output!.Write(call.Reply.WrittenMemory.Span);
            }
            call.Dispose();
            replies = 1;
            if (!_broken)
            {
                var flush = _output!.FlushAsync();
                if (flush.IsCompletedSuccessfully)
                {
                    var flushed = flush.Result;
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        Break(null);
                    }
                }
                else
                {
                    // The socket is full: let the flush finish in the background, then give the gate back.
                    _ = FinishFlushAsync(flush.AsTask(), replies);
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Break(ex);
        }
        ReleaseReplies(replies);
        _writeGate.Release();
    }

    /// <summary>Queues bytes for the writer; false once the connection has finished writing.</summary>
    public bool TrySend(IJsonRpcOutbound message) => _outbound.Writer.TryWrite(message);

    /// <summary>Only after <see cref="RunAsync"/> has completed: nothing is in flight then.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _permits.Dispose();
            _writeGate.Dispose();
        }
    }

    /// <summary>No more frames will arrive (no more responses either); <paramref name="failure"/> is why, null at a clean end.</summary>
    protected virtual void OnReadingEnded(Exception? failure)
    {
    }

    /// <summary>A reply the peer must not see: a BiRPC notification's.</summary>
    protected virtual bool ShouldWrite(JsonRpcCall call) => true;

    protected virtual void CancelRead() => _input?.CancelPendingRead();

    /// <summary>One complete frame off the wire; a request by default.</summary>
    protected virtual ValueTask OnFrameAsync(ReadOnlySequence<byte> frame) => DispatchAsync(frame);

    protected virtual async Task ReadLoopAsync()
    {
        var input = _input ?? throw new InvalidOperationException("internal bug: no input pipe and no read loop override");
        while (!_stopping)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            if (result.IsCanceled)
            {
                return;
            }
            var buffer = result.Buffer;
            try
            {
                while (!_stopping && Framing.TryReadFrame(ref buffer, out var frame))
                {
                    IsLastReceived = IsBlank(buffer);
                    await OnFrameAsync(frame).ConfigureAwait(false);
                }
                if (result.IsCompleted)
                {
                    // A partial request at end of stream is Go's io.ErrUnexpectedEOF: the connection just ends.
                    return;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Hands one request frame to the thread pool, or queues its error reply when it fails before a handler runs.</summary>
    protected async ValueTask DispatchAsync(ReadOnlySequence<byte> frame)
    {
        var call = new JsonRpcCall(frame, this);
        try
        {
            call.Prepare(_dispatcher, BiRpcErrors);
        }
        catch
        {
            call.Dispose();
            throw;
        }
        // Back-pressure: with the limit reached the loop stops reading, and TCP slows the client down.
        if (!_permits.Wait(0))
        {
            try
            {
                OnWaitingForPermit();
                await _permits.WaitAsync(Aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                call.Dispose();
                throw;
            }
        }
        Interlocked.Increment(ref _pending);
        if (call.Method is not { } method)
        {
            OnReplyReady(call);
        }
        else if (RunsInline(method))
        {
            RunInline(call, method);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
        }
    }

    /// <summary>
    /// Whether the handler runs on the read loop until its first await, saving a thread-pool hop. By default only the
    /// last request of what arrived does: a pipelined burst still spreads over the pool.
    /// </summary>
    protected virtual bool RunsInline(RpcMethod method) => IsLastReceived;

    /// <summary>Runs the call on the read loop until its first await.</summary>
    protected virtual void RunInline(JsonRpcCall call, RpcMethod method) => ((IThreadPoolWorkItem)call).Execute();

    /// <summary>The read loop is about to wait for a reply to be written; replies it holds back must go out now.</summary>
    protected virtual void OnWaitingForPermit()
    {
    }

    /// <summary>Writes one message; <see cref="FlushAsync"/> follows each batch.</summary>
    protected virtual ValueTask WriteAsync(ReadOnlyMemory<byte> message)
    {
        _output!.Write(message.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>False when the peer is gone.</summary>
    protected virtual async ValueTask<bool> FlushAsync()
    {
        var flushed = await _output!.FlushAsync().ConfigureAwait(false);
        return !flushed.IsCompleted && !flushed.IsCanceled;
    }

    private async Task FinishFlushAsync(Task<FlushResult> flush, int replies)
    {
        try
        {
            var result = await flush.ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                Break(null);
            }
        }
        catch (Exception ex)
        {
            Break(ex);
        }
        ReleaseReplies(replies);
        _writeGate.Release();
    }

    protected void ReleaseReplies(int replies)
    {
        // Permits come back only once replies are on their way: a client that never reads stalls at the limit.
        if (replies > 0)
        {
            _permits.Release(replies);
            ReleasePending(replies);
        }
    }

    private async Task WriteLoopAsync()
    {
        var outbound = _outbound.Reader;
        while (await outbound.WaitToReadAsync().ConfigureAwait(false))
        {
            await _writeGate.WaitAsync().ConfigureAwait(false);
            var replies = 0;
            while (outbound.TryRead(out var message))
            {
                var isReply = message is JsonRpcCall;
                if (!_broken && (message is not JsonRpcCall call || ShouldWrite(call)))
                {
                    await WriteOrBreakAsync(message.Bytes).ConfigureAwait(false);
                }
                message.Dispose();
                replies += isReply ? 1 : 0;
            }
            if (!_broken)
            {
                await FlushOrBreakAsync().ConfigureAwait(false);
            }
            ReleaseReplies(replies);
            _writeGate.Release();
        }
    }

    private async ValueTask WriteOrBreakAsync(ReadOnlyMemory<byte> message)
    {
        try
        {
            await WriteAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Break(ex);
        }
    }

    private async ValueTask FlushOrBreakAsync()
    {
        try
        {
            if (await FlushAsync().ConfigureAwait(false))
            {
                return;
            }
        }
        catch (Exception ex)
        {
            Break(ex);
            return;
        }
        Break(null);
    }

    // The peer is gone: drop further replies and stop reading requests nobody will see answered.
    protected void Break(Exception? ex)
    {
        if (ex is not null && !_broken && !Aborted.IsCancellationRequested)
        {
            Log($"JSON-RPC {Name}: write failed: {ex.Message}");
        }
        _broken = true;
        CancelRead();
    }

    protected static bool IsBlank(ReadOnlySequence<byte> rest)
    {
        foreach (var segment in rest)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private void ReleasePending(int count)
    {
        if (count > 0 && Interlocked.Add(ref _pending, -count) == 0)
        {
            _outbound.Writer.TryComplete();
        }
    }
}
