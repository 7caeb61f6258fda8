using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Obol.Primitives;

namespace Obol.Evapi;

/// <summary>
/// The engine's TCP connection to Kamailio's evapi listener (Kamailio binds, the agent dials). Frames are handed to
/// the handler one at a time in arrival order: the next frame is not read until the handler's task completes, so a
/// CALL_END can never overtake its CALL_START. A handler that must not hold up the stream (an auth request waiting
/// on SessionS) parses the payload and hands the work off before awaiting it; a handler must never await a later
/// message (such as the dialog-list reply), which could then not be read. Sends are serialised by their own lock
/// and never wait for the reader. TCP_NODELAY is set and TCP_QUICKACK re-armed after every receive (see
/// <see cref="TcpQuickAck"/>). Reconnecting is the owner's job (<see cref="Closed"/>, <see cref="ReconnectBackoff"/>).
/// </summary>
public sealed class EvapiConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly EvapiConnectionOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource<EvapiCloseInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _readLoop;
    private int _closing;

    private EvapiConnection(Socket socket, EvapiConnectionOptions options)
    {
        _socket = socket;
        _options = options;
        _stream = new NetworkStream(socket, ownsSocket: true);
        RemoteAddress = FormatAddress(socket.RemoteEndPoint);
    }

    /// <summary>Kamailio's address as Go prints it ("127.0.0.1:8448", "[::1]:8448"): the default OriginHost.</summary>
    public string RemoteAddress { get; }

    public bool IsOpen => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes (never faults) once the connection is gone, with the reason.</summary>
    public Task<EvapiCloseInfo> Closed => _closed.Task;

    /// <summary>Dials Kamailio's evapi listener with TCP_NODELAY set.</summary>
    /// <exception cref="IOException">No address of <paramref name="host"/> accepted the connection.</exception>
    /// <exception cref="TimeoutException">Not connected within <see cref="EvapiConnectionOptions.ConnectTimeout"/>.</exception>
    public static async Task<EvapiConnection> ConnectAsync(string host, int port, EvapiConnectionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        options ??= new EvapiConnectionOptions();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await ResolveAsync(host, timeout.Token).ConfigureAwait(false);
            SocketException? lastError = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                    socket.NoDelay = options.NoDelay;
                    var connection = new EvapiConnection(socket, options);
                    socket = null;
                    return connection;
                }
                catch (SocketException ex)
                {
                    lastError = ex;
                }
                finally
                {
                    socket?.Dispose();
                }
            }
            throw new IOException($"cannot connect to evapi at {host}:{port}: {lastError?.Message ?? "no address"}", lastError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no evapi connection to {host}:{port} within {options.ConnectTimeout}");
        }
    }

    /// <summary>
    /// Starts the read loop; call once. Until then nothing is read, so <see cref="Closed"/> only learns of a peer
    /// close from a failing send.
    /// </summary>
    public void Start(EvapiMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _readLoop, Task.CompletedTask, null) is not null)
        {
            throw new InvalidOperationException("the evapi connection is already reading");
        }
        _readLoop = Task.Run(() => ReadLoopAsync(handler));
    }

    /// <summary>Sends a message (serialised once, framed in place).</summary>
    /// <exception cref="IOException">The connection is closed or the send failed (which closes it).</exception>
    public async ValueTask SendAsync(IEvapiMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var frame = new FrameBuffer();
        message.WriteJson(frame);
        await SendFrameAsync(frame.Complete(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a ready JSON payload as one frame.</summary>
    /// <exception cref="IOException">The connection is closed or the send failed (which closes it).</exception>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        using var frame = new FrameBuffer(payload.Length);
        payload.Span.CopyTo(frame.GetSpan(payload.Length));
        frame.Advance(payload.Length);
        await SendFrameAsync(frame.Complete(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the socket, cancels the handler's token and waits for the read loop; not from inside the handler.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(new EvapiCloseInfo(EvapiCloseReason.Disposed, null));
        if (_readLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            // Not cancellable once started: half a frame on the wire would desynchronise Kamailio's parser.
            await _stream.WriteAsync(frame, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException || (ex is IOException && IsOpen))
        {
            Close(new EvapiCloseInfo(EvapiCloseReason.TransportError, ex));
            throw new IOException($"evapi send to {RemoteAddress} failed: {ex.Message}", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync(EvapiMessageHandler handler)
    {
        var token = _shutdown.Token;
        var reader = PipeReader.Create(_stream,
            new StreamPipeReaderOptions(bufferSize: _options.ReceiveBufferSize,
                minimumReadSize: Math.Min(1024, _options.ReceiveBufferSize), leaveOpen: true));
        EvapiCloseInfo outcome;
        try
        {
            outcome = await ReadFramesAsync(reader, handler, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            outcome = new EvapiCloseInfo(EvapiCloseReason.Disposed, null);
        }
        catch (EvapiProtocolException ex)
        {
            outcome = new EvapiCloseInfo(EvapiCloseReason.ProtocolError, ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            outcome = new EvapiCloseInfo(EvapiCloseReason.TransportError, ex);
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        Close(outcome);
    }

    private async Task<EvapiCloseInfo> ReadFramesAsync(PipeReader reader, EvapiMessageHandler handler, CancellationToken token)
    {
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            if (_options.QuickAck)
            {
                TcpQuickAck.TryRearm(_socket);
            }
            var buffer = result.Buffer;
            try
            {
                while (Netstring.TryRead(ref buffer, out var payload))
                {
                    if (await DispatchAsync(handler, payload, token).ConfigureAwait(false) is { } failure)
                    {
                        return failure;
                    }
                }
                if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? new EvapiCloseInfo(EvapiCloseReason.RemoteClosed, null)
                        : new EvapiCloseInfo(EvapiCloseReason.ProtocolError,
                            new EvapiProtocolException($"connection closed inside a frame ({buffer.Length} bytes unread)"));
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    // Handler failures are the handler's business, so they are kept apart from the loop's own exceptions.
    private async ValueTask<EvapiCloseInfo?> DispatchAsync(EvapiMessageHandler handler, ReadOnlySequence<byte> payload,
        CancellationToken token)
    {
        try
        {
            await handler(payload, token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (_options.HandlerError is { } report)
            {
                report(ex);
                return null;
            }
            return new EvapiCloseInfo(EvapiCloseReason.HandlerFailed, ex);
        }
    }

    private void Close(EvapiCloseInfo info)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }
        _shutdown.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer; disposing below is all that is left.
        }
        catch (ObjectDisposedException)
        {
            // Already released.
        }
        _stream.Dispose();
        _closed.TrySetResult(info);
    }

    private void ThrowIfClosed()
    {
        if (!IsOpen)
        {
            throw new IOException($"the evapi connection to {RemoteAddress} is closed");
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot resolve evapi host {host}: {ex.Message}", ex);
        }
    }

    private static string FormatAddress(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => new IPEndPoint(ip.Address.MapToIPv4(), ip.Port).ToString(),
        IPEndPoint ip => ip.ToString(),
        null => "",
        _ => endPoint.ToString() ?? "",
    };
}
