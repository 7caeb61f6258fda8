using System.Net.Sockets;

namespace Obol.Evapi;

/// <summary>
/// Linux TCP_QUICKACK. Kamailio 5.6 leaves Nagle on for its evapi socket, so an event written while the previous
/// one is un-ACKed waits for our delayed ACK (up to ~40 ms, +20 ms call setup measured in kamailio-perf). Quick-ack
/// mode is not sticky: the kernel drops it again, so it must be re-armed after every receive.
/// </summary>
public static class TcpQuickAck
{
    private const int IpProtoTcp = 6;
    private const int TcpQuickAckOption = 12;
    private static readonly byte[] s_enabled = BitConverter.GetBytes(1);

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Turns quick ACKs on for the next ACKs; false where unsupported or when the socket is gone.</summary>
    public static bool TryRearm(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAckOption, s_enabled);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
