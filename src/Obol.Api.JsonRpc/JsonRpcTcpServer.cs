using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Obol.Api.JsonRpc;

/// <summary>
/// The JSON-RPC TCP listener (CGRateS <c>listen.rpc_json</c>, :2012): one <see cref="JsonRpcConnection"/> per accepted
/// socket (<see cref="JsonRpcSocketConnection"/>), TCP_NODELAY on, as cores/server.go <c>accept</c> + <c>ServeCodec</c>.
/// </summary>
public sealed class JsonRpcTcpServer : IAsyncDisposable
{
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcServerOptions _options;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<long, Served> _connections = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextId;
    private int _stopped;

    public JsonRpcTcpServer(JsonRpcDispatcher dispatcher, JsonRpcServerOptions? options = null)
    {
        _dispatcher = dispatcher;
        _options = options ?? new JsonRpcServerOptions();
    }

    /// <summary>The bound address (the real port when <see cref="JsonRpcServerOptions.EndPoint"/> has port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("not started");

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("already started");
        }
        var listener = TcpListenerLoop.Bind(_options.EndPoint);
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>
    /// Stops accepting, stops reading requests, waits for those in flight to be answered and closes every connection.
    /// When <paramref name="cancellationToken"/> fires first, handlers see their token cancelled and sockets are closed
    /// without waiting further.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _listener is null)
        {
            return;
        }
        _listener.Dispose();
        await _acceptLoop!;
        foreach (var served in _connections.Values)
        {
            served.Connection.StopReading();
        }
        try
        {
            await Task.WhenAll(_connections.Values.Select(c => c.Task)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Sockets first: a handler woken by the cancellation must find nobody left to answer.
            foreach (var served in _connections.Values)
            {
                served.Socket.Dispose();
            }
            await _abort.CancelAsync();
        }
    }

    // _abort is never disposed: after a hard stop, handlers that ignore their token may still hold it.
    public ValueTask DisposeAsync() => new(StopAsync());

    private Task AcceptLoopAsync(Socket listener) =>
        TcpListenerLoop.AcceptAsync(listener, () => Volatile.Read(ref _stopped) == 1, _options.Log, "JSON-RPC", Accepted);

    private void Accepted(Socket socket)
    {
        var id = Interlocked.Increment(ref _nextId);
        var served = new Served(socket, new JsonRpcSocketConnection(socket, _dispatcher, _options,
            socket.RemoteEndPoint?.ToString() ?? $"#{id}", _abort.Token));
        _connections[id] = served;
        served.Task = ServeAsync(id, served);
    }

    private async Task ServeAsync(long id, Served served)
    {
        // Leave the accept loop before doing any work for this connection.
        await Task.Yield();
        try
        {
            await served.Connection.RunAsync();
            served.Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Already reset by the peer or aborted by StopAsync.
        }
        finally
        {
            served.Socket.Dispose();
            served.Connection.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    private sealed class Served(Socket socket, JsonRpcConnection connection)
    {
        public Socket Socket { get; } = socket;

        public JsonRpcConnection Connection { get; } = connection;

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
