using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Obol.Api.JsonRpc;

/// <summary>
/// The BiRPC JSON listener (CGRateS <c>sessions.listen_bijson</c>, :2014; cores/server.go <c>ServeBiRPC</c>): agents
/// and OpenSIPS connect here, call SessionS and are called back on the same connection. The live connections are
/// listed, and announced as they come and go, so SessionS can call the agent that owns a session.
/// </summary>
public sealed class BiRpcServer : IAsyncDisposable
{
    /// <summary>CGRateS's <c>sessions.listen_bijson</c> default.</summary>
    public static readonly IPEndPoint DefaultEndPoint = new(IPAddress.Loopback, 2014);

    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcServerOptions _options;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<long, BiRpcConnection> _connections = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextId;
    private int _stopped;

    /// <param name="dispatcher">Answers the peers' requests.</param>
    /// <param name="options">Limits and log; null listens on <see cref="DefaultEndPoint"/>. Options given must name their
    /// <see cref="JsonRpcServerOptions.EndPoint"/>, whose own default is the one-way :2012.</param>
    public BiRpcServer(JsonRpcDispatcher dispatcher, JsonRpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
        _options = options ?? new JsonRpcServerOptions { EndPoint = DefaultEndPoint };
    }

    /// <summary>
    /// A peer connected; raised before its first request is read, on the connection's own task (birpc's OnConnect).
    /// Handlers must not block: calling the peer from here is fine, waiting for the answer here is not.
    /// </summary>
    public event EventHandler<BiRpcConnection>? Connected;

    /// <summary>A peer is gone and its handlers have answered (birpc's OnDisconnect); it is no longer in <see cref="Connections"/>.</summary>
    public event EventHandler<BiRpcConnection>? Disconnected;

    /// <summary>The bound address (the real port when the configured one is 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("not started");

    /// <summary>The connections being served, a snapshot.</summary>
    public IReadOnlyCollection<BiRpcConnection> Connections => [.. _connections.Values];

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("already started");
        }
        _listener = TcpListenerLoop.Bind(_options.EndPoint);
        _acceptLoop = TcpListenerLoop.AcceptAsync(_listener, () => Volatile.Read(ref _stopped) == 1, _options.Log, "BiRPC", Accepted);
    }

    /// <summary>
    /// Stops accepting and reading, waits for the handlers in flight to answer and closes every connection; calls to
    /// peers still waiting fail at once. When <paramref name="cancellationToken"/> fires first, handlers see their token
    /// cancelled and sockets are closed without waiting further.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _listener is null)
        {
            return;
        }
        _listener.Dispose();
        await _acceptLoop!.ConfigureAwait(false);
        var connections = _connections.Values.ToArray();
        foreach (var connection in connections)
        {
            connection.StopReading();
        }
        try
        {
            await Task.WhenAll(connections.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var connection in connections)
            {
                connection.Abort();
            }
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    // _abort is never disposed: after a hard stop, handlers that ignore their token may still hold it.
    public ValueTask DisposeAsync() => new(StopAsync());

    private void Accepted(Socket socket)
    {
        var connection = new BiRpcConnection(Interlocked.Increment(ref _nextId), socket, _dispatcher, _options, _abort.Token);
        _connections[connection.Id] = connection;
        _ = ServeAsync(connection);
    }

    private async Task ServeAsync(BiRpcConnection connection)
    {
        // Leave the accept loop before doing any work for this connection.
        await Task.Yield();
        Raise(Connected, connection, "connect");
        await connection.RunAsync().ConfigureAwait(false);
        _connections.TryRemove(connection.Id, out _);
        Raise(Disconnected, connection, "disconnect");
    }

    private void Raise(EventHandler<BiRpcConnection>? handlers, BiRpcConnection connection, string what)
    {
        try
        {
            handlers?.Invoke(this, connection);
        }
        catch (Exception ex)
        {
            _options.Log?.Invoke($"BiRPC {connection.RemoteAddress}: {what} handler failed: {ex}");
        }
    }
}
