using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslClientConnectTests
{
    [Fact]
    public async Task ConnectAsync_RightPassword_AuthenticatesWithAuthCommand()
    {
        await using var fake = EslTestHarness.StartFake("s3cret");

        await using var client = await EslTestHarness.ConnectAsync(fake);

        Assert.True(client.IsConnected);
        var auth = Assert.Single(fake.Commands);
        Assert.Equal("auth s3cret", auth.Line);
        Assert.Empty(auth.Headers);
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsAuthenticationException()
    {
        await using var fake = EslTestHarness.StartFake();

        var ex = await Assert.ThrowsAsync<EslAuthenticationException>(
            () => EslClient.ConnectAsync(fake.Host, fake.Port, "wrong", EslTestHarness.Options));

        Assert.Contains("-ERR invalid", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_AclRejection_ThrowsAuthenticationException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            const string message = "Access Denied, go away.\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"Content-Type: text/rude-rejection\nContent-Length: {message.Length}\n\n{message}"));
            socket.Shutdown(SocketShutdown.Both);
        });

        var ex = await Assert.ThrowsAsync<EslAuthenticationException>(
            () => EslClient.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "ClueCon", EslTestHarness.Options));
        await server.Within();

        Assert.Contains("Access Denied, go away.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_SilentServer_TimesOut()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = new EslClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) };

        var ex = await Assert.ThrowsAsync<TimeoutException>(
            () => EslClient.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "ClueCon", options));

        Assert.Contains("took longer than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsSocketException()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await Assert.ThrowsAsync<SocketException>(() => EslClient.ConnectAsync("127.0.0.1", port, "ClueCon", EslTestHarness.Options));
    }

    [Fact]
    public async Task ConnectAsync_PasswordWithNewline_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EslClient.ConnectAsync("127.0.0.1", 8021, "Clue\nCon"));
    }
}
