using System.Net;
using System.Net.Sockets;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Dials a BiRPC server (birpc's <c>NewBirpcClientWithCodec</c>): the agent side of :2014, which calls SessionS and
/// answers its callbacks (<c>AgentV1.DisconnectSession</c>, <c>AgentV1.GetActiveSessionIDs</c>) from its own dispatcher.
/// </summary>
public static class BiRpcClient
{
    private static long s_nextId;

    /// <param name="endPoint">The server, e.g. 127.0.0.1:2014.</param>
    /// <param name="handlers">The methods the server may call on us; null answers every request with birpc's
    /// <c>can't find method</c>.</param>
    /// <param name="options">Limits and log for our side; its <see cref="JsonRpcServerOptions.EndPoint"/> is unused.</param>
    /// <param name="cancellationToken">Cancels connecting only.</param>
    public static async Task<BiRpcConnection> ConnectAsync(EndPoint endPoint, JsonRpcDispatcher? handlers = null,
        JsonRpcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new BiRpcConnection(Interlocked.Increment(ref s_nextId), socket, handlers ?? new JsonRpcDispatcher(),
            options ?? new JsonRpcServerOptions(), CancellationToken.None);
        _ = connection.RunAsync();
        return connection;
    }
}
