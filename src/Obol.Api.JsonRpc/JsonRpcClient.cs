using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Obol.GoJson;

namespace Obol.Api.JsonRpc;

/// <summary>
/// A JSON-RPC client over TCP speaking Go's net/rpc/jsonrpc client dialect (<c>{"method":…,"params":[arg],"id":N}</c>
/// with numeric ids): many calls may be outstanding on one connection, each reply matched to its call by id.
/// </summary>
public sealed class JsonRpcClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly JsonSerializerOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<JsonRpcReply>> _pending = new();
    private readonly Task _readLoop;
    private long _nextId;
    private volatile Exception? _failure;

    private JsonRpcClient(Socket socket, JsonSerializerOptions options, int maxReplyBytes)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _options = options;
        _readLoop = ReadLoopAsync(new JsonRpcFraming(maxReplyBytes));
    }

    public static async Task<JsonRpcClient> ConnectAsync(EndPoint endPoint, JsonSerializerOptions? options = null,
        int maxReplyBytes = JsonRpcFraming.DefaultMaxRequestBytes, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new JsonRpcClient(socket, options ?? GoJsonOptions.Default, maxReplyBytes);
    }

    /// <summary>Calls <paramref name="serviceMethod"/>; an error reply throws <see cref="RpcException"/> with the error verbatim.</summary>
    public async Task<TResult> CallAsync<TArg, TResult>(string serviceMethod, TArg argument, CancellationToken cancellationToken = default)
    {
        using var json = JsonRpcRequestWriter.SerializeArgument(argument, _options);
        var reply = await CallRawAsync(serviceMethod, json.WrittenMemory, cancellationToken);
        if (reply.Error is not null)
        {
            throw new RpcException(reply.Error);
        }
        return JsonSerializer.Deserialize<TResult>(reply.Result.Span, _options)!;
    }

    /// <summary>Sends <paramref name="argumentJson"/> as the single params element and returns the reply undecoded.</summary>
    public async Task<JsonRpcReply> CallRawAsync(string serviceMethod, ReadOnlyMemory<byte> argumentJson, CancellationToken cancellationToken = default)
    {
        var id = (ulong)Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonRpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        if (_failure is { } failure)
        {
            _pending.TryRemove(id, out _);
            throw new IOException("JSON-RPC connection closed", failure);
        }
        using var request = new PooledBufferWriter();
        JsonRpcRequestWriter.Write(request, serviceMethod, argumentJson.Span, id, _options.Encoder);
        await using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetCanceled(cancellationToken);
            }
        });
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Not cancellable: half a request on the wire would desynchronise every later call.
            await _output.WriteAsync(request.WrittenMemory, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            _writeLock.Release();
        }
        return await completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the server.
        }
        await _readLoop;
        await _output.CompleteAsync();
        _socket.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync(JsonRpcFraming framing)
    {
        Exception failure = new IOException("JSON-RPC connection closed by the server");
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    while (framing.TryReadFrame(ref buffer, out var frame))
                    {
                        Complete(frame.ToArray());
                    }
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        break;
                    }
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (Exception ex)
        {
            failure = new IOException($"JSON-RPC connection failed: {ex.Message}", ex);
        }
        await _input.CompleteAsync();
        Fail(failure);
    }

    private void Complete(byte[] frame)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonRpcProtocolException(JsonRpcRejectReason.InvalidEnvelope, "reply is not a JSON object");
        }
        ulong? id = null;
        string? error = null;
        var result = ReadOnlyMemory<byte>.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase))
            {
                id = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number) ? number : null;
            }
            else if (string.Equals(name, "result", StringComparison.OrdinalIgnoreCase))
            {
                result = frame.AsMemory(start, (int)reader.BytesConsumed - start);
            }
            else if (string.Equals(name, "error", StringComparison.OrdinalIgnoreCase) && reader.TokenType != JsonTokenType.Null)
            {
                // Go's client (jsonrpc/client.go): a non-string error is reported as "invalid error <value>".
                error = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : $"invalid error {System.Text.Encoding.UTF8.GetString(frame.AsSpan(start, (int)reader.BytesConsumed - start))}";
            }
        }
        if (id is { } key && _pending.TryRemove(key, out var completion))
        {
            completion.TrySetResult(new JsonRpcReply(error, result));
        }
    }

    private void Fail(Exception failure)
    {
        _failure ??= failure;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var completion))
            {
                completion.TrySetException(failure);
            }
        }
    }
}
