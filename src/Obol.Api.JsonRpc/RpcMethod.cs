using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.Api.JsonRpc;

/// <summary>One registered <c>Service.Method</c>: decodes the argument, runs the handler and writes the whole reply.</summary>
internal abstract class RpcMethod(string name, JsonRpcDispatcher dispatcher)
{
    public string Name { get; } = name;

    // Slow enough to matter, and several times in a row: a first call (JIT), a GC pause or a descheduled thread alone
    // must not send a cheap handler to the thread pool. Calls that still run inline (the last of a read) keep being
    // timed, and a run of quick ones brings the handler back: a saturated CPU at start-up makes cheap handlers look long.
    private static readonly TimeSpan s_longRun = TimeSpan.FromMilliseconds(5);
    private const int LongRunsInARow = 3;
    private const int QuickRunsToReturn = 64;
    private int _longRunsInARow;
    private int _quickRunsInARow;

    /// <summary>
    /// Set while calls' synchronous parts are seen taking long (a big load, a blocking store): such a handler goes to
    /// the thread pool instead of holding up the requests read after it.
    /// </summary>
    public bool RunsLong { get; private set; }

    /// <summary>How long a call run on the reading thread took until its first await.</summary>
    public void NoteInlineRun(TimeSpan elapsed)
    {
        if (elapsed <= s_longRun)
        {
            Volatile.Write(ref _longRunsInARow, 0);
            if (RunsLong && Interlocked.Increment(ref _quickRunsInARow) >= QuickRunsToReturn)
            {
                RunsLong = false;
            }
        }
        else
        {
            Volatile.Write(ref _quickRunsInARow, 0);
            if (Interlocked.Increment(ref _longRunsInARow) >= LongRunsInARow)
            {
                RunsLong = true;
            }
        }
    }

    protected JsonRpcDispatcher Dispatcher { get; } = dispatcher;

    public abstract ValueTask InvokeAsync(JsonRpcCall call, CancellationToken cancellationToken);

    protected void WriteError(JsonRpcCall call, string error)
    {
        call.Reply.Clear();
        JsonRpcReplyWriter.WriteError(call.Reply, call.Id, error, Dispatcher.SerializerOptions);
    }

    /// <summary>RpcException carries a wire error; anything else is a bug or an outage, answered as Go answers a plain error.</summary>
    protected string HandlerError(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Error;
        }
        Dispatcher.Log?.Invoke($"JSON-RPC {Name} failed: {exception}");
        return ErrorCodes.ServerErrorWith(exception.Message);
    }
}

internal sealed class TypedRpcMethod<TArg, TResult>(
    string name,
    JsonRpcDispatcher dispatcher,
    Func<IBiRpcPeer?, TArg, CancellationToken, ValueTask<RpcResult<TResult>>> handler) : RpcMethod(name, dispatcher)
{
    private readonly JsonTypeInfo<TArg> _argInfo = (JsonTypeInfo<TArg>)dispatcher.SerializerOptions.GetTypeInfo(typeof(TArg));
    private readonly JsonTypeInfo<TResult> _resultInfo = (JsonTypeInfo<TResult>)dispatcher.SerializerOptions.GetTypeInfo(typeof(TResult));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InvokeAsync(JsonRpcCall call, CancellationToken cancellationToken)
    {
        if (!TryDecode(call.Argument.Span, out var argument, out var decodeError))
        {
            WriteError(call, decodeError);
            return;
        }
        RpcResult<TResult> result;
        try
        {
            result = await handler(call.Caller, argument, cancellationToken);
        }
        catch (Exception ex)
        {
            WriteError(call, HandlerError(ex));
            return;
        }
        if (result.Error is { } error)
        {
            WriteError(call, error);
            return;
        }
        if (typeof(TResult) == typeof(RawJson))
        {
            // Already JSON (the account and EventCost writers): copied as it is, without a pass through the serializer.
            var json = ((RawJson)(object)result.Value!).Utf8.Span;
            JsonRpcReplyWriter.WriteRawResult(call.Reply, call.Id, json.IsEmpty ? "null"u8 : json);
            return;
        }
        try
        {
            if (typeof(TResult) == typeof(WrittenJson))
            {
                // Written by its own writer straight into the reply.
                JsonRpcReplyWriter.WriteWrittenResult(call.Reply, call.Id, (WrittenJson)(object)result.Value!);
            }
            else
            {
                JsonRpcReplyWriter.WriteResult(call.Reply, call.Id, result.Value, _resultInfo);
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Go would write nothing and leave the client waiting; an error reply is kinder and as clear.
            WriteError(call, HandlerError(ex));
        }
    }

    private bool TryDecode(ReadOnlySpan<byte> json, out TArg argument, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = null;
        // Go decodes into a fresh zero value (reflect.New), so [] and [null] call the method with a zero argument.
        if (json.IsEmpty || json.SequenceEqual("null"u8))
        {
            argument = ZeroValue();
            return true;
        }
        try
        {
            argument = JsonSerializer.Deserialize(json, _argInfo) ?? ZeroValue();
            return true;
        }
        catch (JsonException ex)
        {
            error = GoUnmarshalError.Describe(ex, json, _argInfo, Name);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            error = GoUnmarshalError.Describe(ex, json, _argInfo, Name);
        }
        argument = default!;
        return false;
    }

    private TArg ZeroValue()
    {
        if (typeof(TArg).IsValueType)
        {
            return default!;
        }
        if (typeof(TArg) == typeof(string))
        {
            return (TArg)(object)string.Empty;
        }
        if (_argInfo.Kind == JsonTypeInfoKind.Object)
        {
            try
            {
                // A fresh instance per call: handlers may mutate their argument.
                return JsonSerializer.Deserialize("{}"u8, _argInfo) ?? default!;
            }
            catch (JsonException)
            {
                // Required members: there is no zero value, the handler gets null.
            }
        }
        return default!;
    }
}

internal sealed class RawRpcMethod(string name, JsonRpcDispatcher dispatcher, JsonRpcRawHandler handler) : RpcMethod(name, dispatcher)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InvokeAsync(JsonRpcCall call, CancellationToken cancellationToken)
    {
        RpcResult<ReadOnlyMemory<byte>> result;
        try
        {
            result = await handler(call.Argument, cancellationToken);
        }
        catch (Exception ex)
        {
            WriteError(call, HandlerError(ex));
            return;
        }
        if (result.Error is { } error)
        {
            WriteError(call, error);
            return;
        }
        var json = result.Value.Span;
        JsonRpcReplyWriter.WriteRawResult(call.Reply, call.Id, json.IsEmpty ? "null"u8 : json);
    }
}
