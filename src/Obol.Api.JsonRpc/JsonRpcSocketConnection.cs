using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace Obol.Api.JsonRpc;

/// <summary>
/// A JSON-RPC connection straight on its socket (the :2012 listener), shaped for callers that wait for each answer and
/// for pipelining ones alike: every request of a read runs on the receiving thread until its first await, replies that
/// are ready by the end of the read leave in one send, and a send is a non-blocking system call on the thread that has
/// the reply. Only a full socket buffer or a handler that awaits costs a thread hop.
/// </summary>
/// <remarks>
/// A handler seen to run long synchronously (<see cref="RpcMethod.RunsLong"/>) goes to the thread pool instead, so it
/// does not hold up the requests read after it. Replies still leave in completion order and permits come back only once
/// a reply is handed to the kernel: a client that never reads stalls at the limit.
/// </remarks>
internal sealed class JsonRpcSocketConnection : JsonRpcConnection
{
    private const int ReceiveBytes = 16 * 1024;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly Lock _sendGate = new();
    // Replies held back for one send (during a read's batch, or behind a send in progress), and how many.
    private PooledBufferWriter _unsent = new();
    private int _unsentReplies;
    // What the asynchronous send is writing when the socket buffer was full.
    private PooledBufferWriter _sending = new();
    private bool _isSending;
    private bool _batching;

    public JsonRpcSocketConnection(Socket socket, JsonRpcDispatcher dispatcher, JsonRpcServerOptions options, string name,
        CancellationToken aborted)
        : base(dispatcher, options, name, aborted)
    {
        _socket = socket;
        // A send must never park the thread that has a reply: a full buffer hands the rest to an asynchronous send.
        _socket.Blocking = false;
    }

    public override void OnReplyReady(JsonRpcCall call)
    {
        var released = 0;
        lock (_sendGate)
        {
            var reply = IsBroken || !ShouldWrite(call) ? default : call.Reply.WrittenSpan;
            if (_batching || _isSending)
            {
                _unsent.Write(reply);
                _unsentReplies++;
            }
            else
            {
                released = SendNow(reply, 1);
            }
            call.Dispose();
        }
        ReleaseReplies(released);
    }

    protected override async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBytes);
        var filled = 0;
        try
        {
            while (!IsStopping)
            {
                int read;
                try
                {
                    read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopReceiving.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopReceiving.IsCancellationRequested)
                {
                    return;
                }
                if (read == 0)
                {
                    // A partial request at end of stream is Go's io.ErrUnexpectedEOF: the connection just ends.
                    return;
                }
                filled = await ServeAsync(buffer, filled + read).ConfigureAwait(false);
                buffer = Resize(buffer, filled);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool RunsInline(RpcMethod method) => IsLastReceived || !method.RunsLong;

    /// <summary>Timed, so that a handler whose synchronous part grows long stops holding up the requests read after it.</summary>
    protected override void RunInline(JsonRpcCall call, RpcMethod method)
    {
        var started = Stopwatch.GetTimestamp();
        base.RunInline(call, method);
        method.NoteInlineRun(Stopwatch.GetElapsedTime(started));
    }

    protected override void OnWaitingForPermit() => EndBatch();

    // Asynchronously: Break calls this under the send gate, and the cancelled receive must not resume the loop there.
    protected override void CancelRead() => _ = _stopReceiving.CancelAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopReceiving.Dispose();
            _unsent.Dispose();
            _sending.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Dispatches every complete request in the first <paramref name="filled"/> bytes; returns how many are kept.</summary>
    private async ValueTask<int> ServeAsync(byte[] buffer, int filled)
    {
        var received = new ReadOnlySequence<byte>(buffer, 0, filled);
        BeginBatch();
        try
        {
            while (!IsStopping && Framing.TryReadFrame(ref received, out var frame))
            {
                IsLastReceived = IsBlank(received);
                await DispatchAsync(frame).ConfigureAwait(false);
            }
        }
        finally
        {
            EndBatch();
        }
        // A partial request stays at the front; the framing resumes it where it stopped.
        var kept = (int)received.Length;
        buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        return kept;
    }

    // A full buffer holding one partial request grows; a large one goes back to the pool once it is empty.
    private static byte[] Resize(byte[] buffer, int filled)
    {
        var size = filled == buffer.Length ? buffer.Length * 2 : filled == 0 && buffer.Length > 4 * ReceiveBytes ? ReceiveBytes : buffer.Length;
        if (size == buffer.Length)
        {
            return buffer;
        }
        var resized = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, filled).CopyTo(resized);
        ArrayPool<byte>.Shared.Return(buffer);
        return resized;
    }

    private void BeginBatch()
    {
        lock (_sendGate)
        {
            _batching = true;
        }
    }

    private void EndBatch()
    {
        int released;
        lock (_sendGate)
        {
            if (!_batching)
            {
                return;
            }
            _batching = false;
            if (_isSending || _unsentReplies == 0)
            {
                return;
            }
            released = SendNow(_unsent.WrittenSpan, _unsentReplies);
            _unsent.Clear();
            _unsentReplies = 0;
        }
        ReleaseReplies(released);
    }

    /// <summary>
    /// Under the gate, with no send in progress: writes <paramref name="bytes"/> (<paramref name="replies"/> replies) to the
    /// socket without blocking. Returns the replies now on their way; what the socket would not take goes to an
    /// asynchronous send, whose replies are released when it is done.
    /// </summary>
    private int SendNow(ReadOnlySpan<byte> bytes, int replies)
    {
        var sent = 0;
        while (sent < bytes.Length && !IsBroken)
        {
            var count = _socket.Send(bytes[sent..], SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                sent += count;
            }
            else if (error == SocketError.WouldBlock)
            {
                _sending.Write(bytes[sent..]);
                _isSending = true;
                _ = SendRestAsync(replies);
                return 0;
            }
            else
            {
                Break(new SocketException((int)error));
            }
        }
        return replies;
    }

    // Writes what the socket would not take, then whatever was held back meanwhile, until nothing is left.
    private async Task SendRestAsync(int replies)
    {
        // Off the caller's thread first: it holds the send gate and has yet to forget what it handed over here.
        await Task.Yield();
        while (true)
        {
            try
            {
                var rest = _sending.WrittenMemory;
                while (!rest.IsEmpty && !IsBroken)
                {
                    rest = rest[await _socket.SendAsync(rest, SocketFlags.None).ConfigureAwait(false)..];
                }
            }
            catch (Exception ex)
            {
                Break(ex);
            }
            ReleaseReplies(replies);
            lock (_sendGate)
            {
                _sending.Clear();
                if (_batching || _unsentReplies == 0)
                {
                    // The read loop sends what it holds back when its batch ends.
                    _isSending = false;
                    return;
                }
                (_sending, _unsent) = (_unsent, _sending);
                replies = _unsentReplies;
                _unsentReplies = 0;
            }
        }
    }
}
