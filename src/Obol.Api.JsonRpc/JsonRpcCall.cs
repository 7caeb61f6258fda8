using System.Buffers;

namespace Obol.Api.JsonRpc;

/// <summary>
/// One request on its way through: a pooled copy of its frame (the pipe's buffer is released as soon as the read loop
/// moves on), the parsed envelope, the resolved method and the reply being built. It is also the thread-pool work item
/// that runs the handler, so the read loop never runs business logic.
/// </summary>
internal sealed class JsonRpcCall : IThreadPoolWorkItem, IJsonRpcOutbound
{
    private readonly JsonRpcConnection? _connection;
    private readonly IBiRpcPeer? _caller;
    private readonly int _length;
    private byte[] _request;
    private JsonRpcEnvelope _envelope;

    public JsonRpcCall(in ReadOnlySequence<byte> frame, JsonRpcConnection? connection)
    {
        _connection = connection;
        _length = checked((int)frame.Length);
        _request = ArrayPool<byte>.Shared.Rent(_length);
        frame.CopyTo(_request);
    }

    /// <summary>A call made inside the engine on behalf of <paramref name="caller"/> (an intercepted method answering
    /// through the one it replaced).</summary>
    public JsonRpcCall(ReadOnlySpan<byte> frame, IBiRpcPeer? caller)
    {
        _caller = caller;
        _length = frame.Length;
        _request = ArrayPool<byte>.Shared.Rent(_length);
        frame.CopyTo(_request);
    }

    public PooledBufferWriter Reply { get; } = new();

    /// <summary>Null when the reply was decided without a handler (unknown method, missing params).</summary>
    public RpcMethod? Method { get; private set; }

    public ReadOnlySpan<byte> Frame => _request.AsSpan(0, _length);

    public ReadOnlyMemory<byte> Argument => _request.AsMemory(0, _length)[_envelope.Argument];

    public ReadOnlySpan<byte> Id => Frame[_envelope.Id];

    /// <summary>False for a request without id (or with <c>null</c>): a notification, on BiRPC answered by nobody.</summary>
    public bool HasId { get; private set; }

    /// <summary>The BiRPC peer that sent the request; null on the one-way transports (Go's <c>ctx.Client</c>).</summary>
    public IBiRpcPeer? Caller => _caller ?? _connection?.Peer;

    ReadOnlyMemory<byte> IJsonRpcOutbound.Bytes => Reply.WrittenMemory;

    /// <summary>
    /// Everything Go's read loop does before it starts the call's goroutine: envelope (protocol errors throw), method
    /// lookup, params shape. Requests that fail here get their error reply at once.
    /// </summary>
    /// <param name="dispatcher">Where the method is looked up.</param>
    /// <param name="biRpcErrors">
    /// Word an unknown method as the BiRPC server does (birpc_client.go readRequest: <c>birpc: can't find method X</c>
    /// whatever the lookup failure), not as net/rpc's server does.
    /// </param>
    public void Prepare(JsonRpcDispatcher dispatcher, bool biRpcErrors = false)
    {
        _envelope = JsonRpcEnvelope.Parse(Frame);
        HasId = !Id.IsEmpty;
        Span<char> buffer = stackalloc char[256];
        var length = _envelope.CopyMethod(Frame, buffer);
        var name = length >= 0 ? buffer[..length] : _envelope.GetMethod(Frame).AsSpan();
        Method = dispatcher.Resolve(name, out var error);
        if (error is not null && biRpcErrors)
        {
            error = $"birpc: can't find method {name}";
        }
        if (Method is not null)
        {
            // jsonrpc server.go ReadRequestBody, reached only for a known method, as in Go.
            error = _envelope.ParamsKind switch
            {
                JsonRpcParamsKind.Missing => "jsonrpc: request body missing params",
                JsonRpcParamsKind.NotArray => $"json: cannot unmarshal {_envelope.ParamsKindWord(Frame)} into Go value of type [1]interface {{}}",
                _ => null,
            };
        }
        if (error is not null)
        {
            Method = null;
            JsonRpcReplyWriter.WriteError(Reply, Id, error, dispatcher.SerializerOptions);
        }
    }

    /// <summary>Parses the envelope of a call made inside the engine and binds it to <paramref name="method"/>, which
    /// the registry may no longer name.</summary>
    public void PrepareFor(RpcMethod method)
    {
        _envelope = JsonRpcEnvelope.Parse(Frame);
        HasId = !Id.IsEmpty;
        Method = method;
    }

    void IThreadPoolWorkItem.Execute() => _ = ExecuteAsync();

    private async Task ExecuteAsync()
    {
        var connection = _connection!;
        try
        {
            await Method!.InvokeAsync(this, connection.Aborted);
        }
        catch (Exception ex)
        {
            // RpcMethod answers every failure itself; reaching here is our bug, and the client still gets a reply.
            connection.Log($"JSON-RPC {Method!.Name}: internal bug: {ex}");
            Reply.Clear();
            JsonRpcReplyWriter.WriteError(Reply, Id, Primitives.ErrorCodes.ServerErrorWith(ex.Message), connection.SerializerOptions);
        }
        ReleaseRequest();
        connection.OnReplyReady(this);
    }

    /// <summary>The request bytes are not needed once the handler is done; the reply may wait for the writer.</summary>
    private void ReleaseRequest()
    {
        var request = _request;
        _request = [];
        if (request.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    public void Dispose()
    {
        ReleaseRequest();
        Reply.Dispose();
    }
}
