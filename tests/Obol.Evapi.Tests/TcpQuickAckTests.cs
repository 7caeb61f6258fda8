using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class TcpQuickAckTests
{
    [Fact]
    public async Task TryRearm_ConnectedSocket_SucceedsOnLinuxWithoutThrowing()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);

        Assert.Equal(OperatingSystem.IsLinux(), TcpQuickAck.TryRearm(client));
        Assert.Equal(OperatingSystem.IsLinux(), TcpQuickAck.TryRearm(client));
    }

    [Fact]
    public void TryRearm_DisposedSocket_ReturnsFalse()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();

        Assert.False(TcpQuickAck.TryRearm(socket));
    }

    [Fact]
    public void IsSupported_OnLinux_IsTrue() => Assert.Equal(OperatingSystem.IsLinux(), TcpQuickAck.IsSupported);
}
