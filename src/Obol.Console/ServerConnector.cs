using System.Net;
using System.Net.Sockets;
using Obol.Api.JsonRpc;

namespace Obol.Console;

/// <summary>The console could not reach the engine; cgr-console exits with status 1 on this.</summary>
internal sealed class ServerUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Opens the one JSON-RPC connection, on first use, with cgr-console's attempts and connect timeout.</summary>
internal sealed class ServerConnector(ConsoleOptions options) : IAsyncDisposable
{
    private JsonRpcClient? _client;

    public async Task<JsonRpcClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }
        Exception? last = null;
        var attempts = Math.Max(1, options.ConnectAttempts);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                // rpcclient backs off along a Fibonacci series of seconds between attempts.
                await Task.Delay(TimeSpan.FromSeconds(Fibonacci(attempt)), cancellationToken);
            }
            try
            {
                foreach (var endPoint in await ResolveAsync(options.Server, cancellationToken))
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.ConnectTimeoutSeconds)));
                    try
                    {
                        return _client = await JsonRpcClient.ConnectAsync(endPoint, cancellationToken: timeout.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        last = new TimeoutException($"connect timed out after {options.ConnectTimeoutSeconds}s");
                    }
                    catch (SocketException ex)
                    {
                        last = ex;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or FormatException)
            {
                last = ex;
            }
        }
        throw new ServerUnreachableException($"Could not connect to server {options.Server}: {last?.Message}", last);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    private static int Fibonacci(int n) => n <= 2 ? 1 : Fibonacci(n - 1) + Fibonacci(n - 2);

    internal static async Task<IReadOnlyList<EndPoint>> ResolveAsync(string server, CancellationToken cancellationToken)
    {
        var colon = server.LastIndexOf(':');
        if (colon < 0 || !ushort.TryParse(server.AsSpan(colon + 1), out var port))
        {
            throw new FormatException($"address {server}: missing port in address");
        }
        var host = server[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            host = "127.0.0.1";
        }
        if (IPAddress.TryParse(host, out var address))
        {
            return [new IPEndPoint(address, port)];
        }
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return [.. addresses.Select(a => new IPEndPoint(a, port))];
    }
}
