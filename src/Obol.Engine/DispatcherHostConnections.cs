using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Dispatchers;
using Obol.Primitives;

namespace Obol.Engine;

/// <summary>
/// The connections DispatcherS forwards requests on, one per host, opened at the host's first request and opened again
/// after a failure (engine.DispatcherHost.Call). A host whose definition changed gets a new connection. Every failure to
/// reach a host is a failover reply, worded as Go's rpcclient words it, so the next host is tried.
/// </summary>
internal sealed class DispatcherHostConnections(GeneralConfig general) : IAsyncDisposable
{
    private static readonly HttpClient s_http = new();
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public async ValueTask<DispatchReply> CallAsync(DispatcherHost host, string method, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken)
    {
        var definition = host.Definition;
        var replyTimeout = Timeout(definition.ReplyTimeout, general.ReplyTimeout, TimeSpan.FromSeconds(2));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(replyTimeout);
        JsonRpcReply reply;
        try
        {
            reply = definition.Transport switch
            {
                "" or "*json" or "*birpc_json" => await CallTcpAsync(host, method, argument, timeout.Token).ConfigureAwait(false),
                "*http_jsonrpc" => await CallHttpAsync(definition.Address, method, argument, timeout.Token).ConfigureAwait(false),
                _ => throw new NotSupportedException($"transport <{definition.Transport}> of dispatcher host {host.TenantId}: Obol speaks *json, *birpc_json and *http_jsonrpc"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DispatchReply.Unreachable("context deadline exceeded");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return DispatchReply.Unreachable($"dial tcp {definition.Address}: connect: connection refused");
        }
        catch (Exception e) when (e is IOException or SocketException or HttpRequestException or JsonException)
        {
            return DispatchReply.Unreachable(DispatchReply.Disconnected);
        }
        catch (NotSupportedException e)
        {
            return DispatchReply.Unreachable(e.Message);
        }
        if (reply.Error is { } error)
        {
            // rpcclient.isServiceErr: a host without the service is as good as down for this request.
            return error.StartsWith("rpc: can't find service", StringComparison.Ordinal)
                ? DispatchReply.Unreachable(error)
                : DispatchReply.Fail(error);
        }
        return DispatchReply.Ok(reply.Result);
    }

    private async Task<JsonRpcReply> CallTcpAsync(DispatcherHost host, string method, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken)
    {
        var connection = _connections.AddOrUpdate(host.TenantId, _ => new Connection(host.Definition),
            (_, existing) => existing.Definition == host.Definition ? existing : Replace(existing, host.Definition));
        var client = await connection.ClientAsync(general, cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.CallRawAsync(method, argument, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await connection.DropAsync(client).ConfigureAwait(false);
            throw;
        }
    }

    private static Connection Replace(Connection existing, DispatcherHostDefinition definition)
    {
        _ = existing.DisposeAsync().AsTask();
        return new Connection(definition);
    }

    private static async Task<JsonRpcReply> CallHttpAsync(string address, string method, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        body.Write("{\"method\":"u8);
        body.Write(JsonSerializer.SerializeToUtf8Bytes(method));
        body.Write(",\"params\":["u8);
        body.Write(argument.Span);
        body.Write("],\"id\":1}"u8);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await s_http.PostAsync(new Uri(address), content, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var error = root.TryGetProperty("error", out var e) && e.ValueKind != JsonValueKind.Null
            ? e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()
            : null;
        var result = root.TryGetProperty("result", out var r) ? Encoding.UTF8.GetBytes(r.GetRawText()) : [];
        return new JsonRpcReply(error, result);
    }

    private static TimeSpan Timeout(Usage own, Usage general, TimeSpan fallback) =>
        own.Nanoseconds > 0 ? TimeSpan.FromTicks(own.Nanoseconds / 100)
        : general.Nanoseconds > 0 ? TimeSpan.FromTicks(general.Nanoseconds / 100)
        : fallback;

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        _connections.Clear();
    }

    /// <summary>One host's connection, opened by the first call that needs it.</summary>
    private sealed class Connection(DispatcherHostDefinition definition) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _opening = new(1, 1);
        private JsonRpcClient? _client;

        public DispatcherHostDefinition Definition => definition;

        public async Task<JsonRpcClient> ClientAsync(GeneralConfig general, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _client) is { } open)
            {
                return open;
            }
            await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_client is { } opened)
                {
                    return opened;
                }
                var attempts = Math.Max(1, definition.ConnectAttempts > 0 ? definition.ConnectAttempts : general.ConnectAttempts);
                var connectTimeout = Timeout(definition.ConnectTimeout, general.ConnectTimeout, TimeSpan.FromSeconds(1));
                for (var attempt = 1; ; attempt++)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(connectTimeout);
                    try
                    {
                        var endPoint = await ResolveAsync(definition.Address, timeout.Token).ConfigureAwait(false);
                        _client = await JsonRpcClient.ConnectAsync(endPoint, cancellationToken: timeout.Token).ConfigureAwait(false);
                        return _client;
                    }
                    catch (SocketException) when (attempt < attempts)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _opening.Release();
            }
        }

        public async Task DropAsync(JsonRpcClient failed)
        {
            if (Interlocked.CompareExchange(ref _client, null, failed) == failed)
            {
                await failed.DisposeAsync().ConfigureAwait(false);
            }
        }

        private static async Task<IPEndPoint> ResolveAsync(string address, CancellationToken cancellationToken)
        {
            if (IPEndPoint.TryParse(address, out var endPoint))
            {
                return endPoint;
            }
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port))
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }
            var addresses = await Dns.GetHostAddressesAsync(address[..colon], cancellationToken).ConfigureAwait(false);
            return new IPEndPoint(addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _client, null) is { } client)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
