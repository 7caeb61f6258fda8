using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Answers a call in place of the method it intercepted; null runs that method on the call as it came. DispatcherS uses
/// it to forward every method of the services it dispatches.
/// </summary>
public delegate ValueTask<RpcResult<ReadOnlyMemory<byte>>?> JsonRpcInterceptor(InterceptedCall call, CancellationToken cancellationToken);

/// <summary>One call to an intercepted method: its name, argument and caller, and the method it replaced.</summary>
public sealed class InterceptedCall
{
    private readonly RpcMethod _original;

    internal InterceptedCall(string method, ReadOnlyMemory<byte> argument, IBiRpcPeer? caller, RpcMethod original)
    {
        Method = method;
        Argument = argument;
        Caller = caller;
        _original = original;
    }

    /// <summary><c>Service.Method</c>.</summary>
    public string Method { get; }

    /// <summary>The JSON of the request's single <c>params</c> element; empty for <c>[]</c>.</summary>
    public ReadOnlyMemory<byte> Argument { get; }

    public IBiRpcPeer? Caller { get; }

    /// <summary>Runs the replaced method on <paramref name="argument"/> for the same caller: its result's JSON, or its error.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RpcResult<ReadOnlyMemory<byte>>> InvokeOriginalAsync(ReadOnlyMemory<byte> argument, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>(argument.Length + Method.Length + 48);
        frame.Write("{\"method\":"u8);
        frame.Write(JsonSerializer.SerializeToUtf8Bytes(Method));
        frame.Write(",\"params\":["u8);
        frame.Write(argument.Span);
        frame.Write("],\"id\":0}"u8);
        using var call = new JsonRpcCall(frame.WrittenSpan, Caller);
        call.PrepareFor(_original);
        await _original.InvokeAsync(call, cancellationToken);
        return ReadReply(call.Reply.WrittenSpan);
    }

    /// <summary>The reply the replaced method wrote: its error, or its result's JSON copied out of the pooled buffer.</summary>
    private static RpcResult<ReadOnlyMemory<byte>> ReadReply(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        reader.Read();
        ReadOnlyMemory<byte> result = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResult = reader.ValueTextEquals("result"u8);
            var isError = !isResult && reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType == JsonTokenType.String)
            {
                return RpcResult.Fail<ReadOnlyMemory<byte>>(reader.GetString()!);
            }
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isResult)
            {
                result = reply[start..(int)reader.BytesConsumed].ToArray();
            }
        }
        return result;
    }
}

internal sealed class InterceptedRpcMethod(RpcMethod original, JsonRpcDispatcher dispatcher, JsonRpcInterceptor interceptor)
    : RpcMethod(original.Name, dispatcher)
{
    public RpcMethod Original => original;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InvokeAsync(JsonRpcCall call, CancellationToken cancellationToken)
    {
        RpcResult<ReadOnlyMemory<byte>>? result;
        try
        {
            result = await interceptor(new InterceptedCall(Name, call.Argument, call.Caller, original), cancellationToken);
        }
        catch (Exception ex)
        {
            WriteError(call, HandlerError(ex));
            return;
        }
        if (result is not { } answer)
        {
            await original.InvokeAsync(call, cancellationToken);
            return;
        }
        if (answer.Error is { } error)
        {
            WriteError(call, error);
            return;
        }
        var json = answer.Value.Span;
        JsonRpcReplyWriter.WriteRawResult(call.Reply, call.Id, json.IsEmpty ? "null"u8 : json);
    }
}
