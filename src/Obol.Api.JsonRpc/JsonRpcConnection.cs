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
internal sealed class JsonRpcConnection : IDisposable
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcFraming _framing;
    private readonly SemaphoreSlim _permits;
    private readonly Channel<JsonRpcCall> _replies = Channel.CreateUnbounded<JsonRpcCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string>? _log;
    private readonly string _name;
    // The read loop holds one count; each dispatched request one more until its reply is written.
    private int _pending = 1;
    private volatile bool _stopping;
    private volatile bool _broken;

    public JsonRpcConnection(PipeReader input, PipeWriter output, JsonRpcDispatcher dispatcher, JsonRpcServerOptions options,
        string name, CancellationToken aborted)
    {
        _input = input;
        _output = output;
        _dispatcher = dispatcher;
        _framing = new JsonRpcFraming(options.MaxRequestBytes);
        _permits = new SemaphoreSlim(options.MaxConcurrentRequestsPerConnection, options.MaxConcurrentRequestsPerConnection);
        _log = options.Log;
        _name = name;
        Aborted = aborted;
    }

    /// <summary>Handlers' token: fires only when the server gives up waiting for them (Go never cancels a call).</summary>
    public CancellationToken Aborted { get; }

    public JsonSerializerOptions SerializerOptions => _dispatcher.SerializerOptions;

    public void Log(string message) => _log?.Invoke(message);

    /// <summary>Serves until the input ends or reading is stopped, then until every reply due has been written.</summary>
    public async Task RunAsync()
    {
        var writer = WriteLoopAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (JsonRpcProtocolException ex)
        {
            Log($"JSON-RPC {_name}: protocol error, reading no further requests: {ex.Message}");
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (!_stopping && !_broken && !Aborted.IsCancellationRequested)
            {
                Log($"JSON-RPC {_name}: read failed: {ex.Message}");
            }
        }
        finally
        {
            ReleasePending(1);
        }
        await writer;
    }

    /// <summary>Reads no further request; those in flight are still answered.</summary>
    public void StopReading()
    {
        _stopping = true;
        _input.CancelPendingRead();
    }

    public void OnReplyReady(JsonRpcCall call) => _replies.Writer.TryWrite(call);

    /// <summary>Only after <see cref="RunAsync"/> has completed: nothing is in flight then.</summary>
    public void Dispose() => _permits.Dispose();

    private async Task ReadLoopAsync()
    {
        while (!_stopping)
        {
            var result = await _input.ReadAsync();
            if (result.IsCanceled)
            {
                return;
            }
            var buffer = result.Buffer;
            try
            {
                while (!_stopping && _framing.TryReadFrame(ref buffer, out var frame))
                {
                    await DispatchAsync(frame);
                }
                if (result.IsCompleted)
                {
                    // A partial request at end of stream is Go's io.ErrUnexpectedEOF: the connection just ends.
                    return;
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async ValueTask DispatchAsync(ReadOnlySequence<byte> frame)
    {
        var call = new JsonRpcCall(frame, this);
        try
        {
            call.Prepare(_dispatcher);
        }
        catch
        {
            call.Dispose();
            throw;
        }
        // Back-pressure: with the limit reached the loop stops reading, and TCP slows the client down.
        try
        {
            await _permits.WaitAsync(Aborted);
        }
        catch (OperationCanceledException)
        {
            call.Dispose();
            throw;
        }
        Interlocked.Increment(ref _pending);
        if (call.Method is null)
        {
            OnReplyReady(call);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var replies = _replies.Reader;
        while (await replies.WaitToReadAsync())
        {
            var written = 0;
            while (replies.TryRead(out var call))
            {
                if (!_broken)
                {
                    _output.Write(call.Reply.WrittenSpan);
                }
                call.Dispose();
                written++;
            }
            if (!_broken)
            {
                await FlushAsync();
            }
            // Permits come back only once replies are on their way: a client that never reads stalls at the limit.
            _permits.Release(written);
            ReleasePending(written);
        }
    }

    private async ValueTask FlushAsync()
    {
        try
        {
            var flushed = await _output.FlushAsync();
            if (!flushed.IsCompleted && !flushed.IsCanceled)
            {
                return;
            }
        }
        catch (Exception ex)
        {
            if (!Aborted.IsCancellationRequested)
            {
                Log($"JSON-RPC {_name}: write failed: {ex.Message}");
            }
        }
        // The peer is gone: drop further replies and stop reading requests nobody will see answered.
        _broken = true;
        _input.CancelPendingRead();
    }

    private void ReleasePending(int count)
    {
        if (count > 0 && Interlocked.Add(ref _pending, -count) == 0)
        {
            _replies.Writer.TryComplete();
        }
    }
}
