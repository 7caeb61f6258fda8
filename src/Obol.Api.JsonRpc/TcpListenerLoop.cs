using System.Net;
using System.Net.Sockets;

namespace Obol.Api.JsonRpc;

/// <summary>The bind and accept loop shared by the raw TCP listeners (JSON-RPC :2012, BiRPC :2014).</summary>
internal static class TcpListenerLoop
{
    /// <summary>Binds and listens. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public static Socket Bind(IPEndPoint endPoint)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }
            listener.Bind(endPoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return listener;
    }

    /// <summary>Accepts until <paramref name="listener"/> is disposed, handing each socket (TCP_NODELAY on) to <paramref name="accepted"/>.</summary>
    public static async Task AcceptAsync(Socket listener, Func<bool> stopped, Action<string>? log, string what, Action<Socket> accepted)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
                backoff = TimeSpan.Zero;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted || stopped())
            {
                return;
            }
            catch (SocketException ex)
            {
                // Go's accept loop logs and goes on (cores/server.go accept). A lasting error (out of file descriptors)
                // would spin, so back off from 5 ms to 1 s as Go's net/http does.
                log?.Invoke($"{what} accept failed: {ex.Message}");
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.TicksPerSecond));
                await Task.Delay(backoff).ConfigureAwait(false);
                continue;
            }
            socket.NoDelay = true;
            accepted(socket);
        }
    }
}
