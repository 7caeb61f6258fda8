using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Obol.Exporters.Tests;

/// <summary>
/// A TCP forwarder on a fixed local port in front of the broker: stopped, the port refuses connections (a broker that
/// is down); started, it forwards. It counts the connections it accepted and can cut them all, as a network failure does.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _accepted;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>The broker through the relay, as an exporter's <c>export_path</c>.</summary>
    public string Url => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections forwarded now.</summary>
    public int Open => _pairs.Count;

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _acceptLoop = AcceptAsync(_listener);
    }

    /// <summary>Closes every forwarded connection; the listener keeps accepting new ones.</summary>
    public void DropConnections()
    {
        foreach (var (client, upstream) in _pairs)
        {
            client.Close();
            upstream.Close();
        }
        _pairs.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }
        DropConnections();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort);
            _pairs[client] = upstream;
            _ = PipeAsync(client, upstream);
        }
    }

    private async Task PipeAsync(TcpClient client, TcpClient upstream)
    {
        var up = CopyAsync(client, upstream);
        var down = CopyAsync(upstream, client);
        await Task.WhenAny(up, down);
        if (_pairs.TryRemove(client, out _))
        {
            client.Close();
            upstream.Close();
        }
        await Task.WhenAll(up, down);
    }

    private static async Task CopyAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // One side closed (or was cut); the pair is closed by the caller.
        }
    }
}
