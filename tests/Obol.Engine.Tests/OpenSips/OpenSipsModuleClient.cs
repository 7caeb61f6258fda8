using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// OpenSIPS 3's <c>cgrates</c> module (modules/cgrates, non-compat mode) on its default connection to the engine's
/// BiRPC port, byte for byte: json-c spaced requests <c>{ "method": M, "id": N, "params": [ { opts..., "Event": {
/// ... } } ] }</c> with no delimiter, one outstanding request at a time (the module reads its reply synchronously), and
/// the two callbacks it implements answered as cgrates_common.c/cgrates_acc.c do — <c>SessionSv1.DisconnectSession</c>
/// (or <c>SMGClientV1.</c>) ends the dialog named by the integer DialogEntry/DialogID of <c>EventStart</c>,
/// <c>SessionSv1.GetActiveSessionIDs</c> lists the engaged sessions; anything else is <c>"Unknown Method"</c>.
/// </summary>
internal sealed class OpenSipsModuleClient : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(15);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly ConcurrentQueue<TaskCompletionSource<JsonElement>> _awaiting = new();
    private readonly ConcurrentQueue<JsonElement> _callbacks = new();
    private readonly ConcurrentQueue<string> _callbackErrors = new();
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly ConcurrentDictionary<(int Entry, int Id), OpenSipsCall> _dialogs = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reading;
    private int _nextRequestId = Random.Shared.Next(1 << 20, 1 << 30);
    private int _nextDialogId = Random.Shared.Next(1 << 24, 1 << 30);

    private OpenSipsModuleClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every request the engine sent us, as parsed.</summary>
    public IReadOnlyCollection<JsonElement> Callbacks => _callbacks;

    /// <summary>The errors we answered callbacks with (the module logs them; the engine sees them as call errors).</summary>
    public IReadOnlyCollection<string> CallbackErrors => _callbackErrors;

    /// <summary>Every request we sent, as the text on the wire.</summary>
    public IReadOnlyCollection<string> Sent => _sent;

    /// <summary>modparam("cgrates", "cgrates_engine", "ip:port"): the module dials the engine's BiRPC listener.</summary>
    public static async Task<OpenSipsModuleClient> ConnectAsync(IPEndPoint engine)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(engine);
        return new OpenSipsModuleClient(tcp);
    }

    /// <summary>A new INVITE from <paramref name="caller"/> to <paramref name="callee"/>, with its own Call-ID and the
    /// hash entry/id its dialog will get.</summary>
    public OpenSipsCall Invite(string caller, string callee)
    {
        var id = Interlocked.Increment(ref _nextDialogId);
        var call = new OpenSipsCall(this, caller, callee, $"{Guid.NewGuid():N}@127.0.0.1", Random.Shared.Next(0, 4096), id);
        _dialogs[(call.DialogEntry, call.DialogId)] = call;
        return call;
    }

    /// <summary>cgr_get_generic_msg + cgr_handle_cmd: builds the request and waits for the engine's reply.</summary>
    /// <param name="method">The SessionSv1 method.</param>
    /// <param name="opts"><c>$cgr_opt</c>: integers are sent as booleans, as the module treats them.</param>
    /// <param name="pushedOpts">Options the module adds itself (e.g. InitSession) when the script did not set them.</param>
    /// <param name="cgr"><c>$cgr</c>, the event's keys from the script.</param>
    /// <param name="pushedFields">Event fields the module adds itself (OriginID, Account, ...), after the script's.</param>
    public async Task<ModuleReply> SendAsync(string method, OrderedFields opts, OrderedFields pushedOpts, OrderedFields cgr, OrderedFields pushedFields)
    {
        var parameters = new OrderedFields(opts.Select(o => new KeyValuePair<string, object?>(o.Key, o.Value is int n ? n != 0 : o.Value)));
        var ev = new OrderedFields(cgr);
        foreach (var field in pushedFields)
        {
            ev[field.Key] = field.Value;
        }
        parameters["Event"] = ev;
        foreach (var opt in pushedOpts.Where(o => !opts.Has(o.Key)))
        {
            parameters[opt.Key] = opt.Value;
        }
        await _busy.WaitAsync();
        try
        {
            var request = new OrderedFields { ["method"] = method, ["id"] = NextRequestId(), ["params"] = new List<object?> { parameters } };
            var text = JsonC.Serialize(request);
            var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaiting.Enqueue(reply);
            _sent.Enqueue(text);
            await WriteAsync(text);
            return ModuleReply.From(text, await reply.Task.WaitAsync(ReplyTimeout));
        }
        finally
        {
            _busy.Release();
        }
    }

    /// <summary>The dialog vanishes from OpenSIPS without a word to the engine (its TerminateSession was lost, or
    /// OpenSIPS restarted without it): no longer listed, no longer terminable.</summary>
    public void Lose(OpenSipsCall call) => Forget(call);

    internal void Forget(OpenSipsCall call) => _dialogs.TryRemove((call.DialogEntry, call.DialogId), out _);

    // cgr_unique_id: positive, different for every request of the process.
    private int NextRequestId() => Interlocked.Add(ref _nextRequestId, 4);

    private async Task WriteAsync(string text)
    {
        await _writing.WaitAsync();
        try
        {
            // json_object_to_json_string, written as is: no newline after it.
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var splitter = new JsonStreamSplitter();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, _closing.Token)) > 0)
            {
                foreach (var text in splitter.Feed(buffer.AsSpan(0, read)))
                {
                    using var document = JsonDocument.Parse(text);
                    await ProcessAsync(document.RootElement.Clone());
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        while (_awaiting.TryDequeue(out var pending))
        {
            pending.TrySetException(new IOException("CGRateS engine closed the connection"));
        }
    }

    // cgrates_process: an object with a non-null result or error is the reply to our outstanding request; the module
    // does not look at its id. Anything else is a request from the engine.
    private async Task ProcessAsync(JsonElement message)
    {
        var isReply = (message.TryGetProperty("result", out var result) && result.ValueKind != JsonValueKind.Null)
            || (message.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null);
        if (isReply)
        {
            if (_awaiting.TryDequeue(out var pending))
            {
                pending.TrySetResult(message);
            }
            return;
        }
        _callbacks.Enqueue(message);
        if (!message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
            || !message.TryGetProperty("params", out var parameters) || ParamOf(parameters) is not { } param)
        {
            _callbackErrors.Enqueue($"Invalid RPC: {message.GetRawText()}"); // logged, never answered
            return;
        }
        var (ok, answer) = method.GetString() switch
        {
            "SMGClientV1.DisconnectSession" or "SessionSv1.DisconnectSession" => Terminate(param),
            "SessionSv1.GetActiveSessionIDs" => (true, (object)ActiveSessions()),
            _ => (false, "Unknown Method"),
        };
        if (!ok)
        {
            _callbackErrors.Enqueue($"{method.GetString()}: {answer}");
        }
        var reply = new OrderedFields { ["error"] = ok ? null : answer, ["result"] = ok ? answer : null };
        if (message.TryGetProperty("id", out var id))
        {
            reply["id"] = id;
        }
        await WriteAsync(JsonC.Serialize(reply));
    }

    // "params" is the argument itself or a one-element array holding it.
    private static JsonElement? ParamOf(JsonElement parameters) => parameters.ValueKind switch
    {
        JsonValueKind.Object => parameters,
        JsonValueKind.Array when parameters.GetArrayLength() == 1 => parameters[0],
        _ => null,
    };

    // cgr_acc_terminate: json-c type checks first, then the dialog API; the dialog ends (BYEs, then the module's own
    // TerminateSession and CDR) after this reply has gone out.
    private (bool, object) Terminate(JsonElement param)
    {
        var reason = param.ValueKind == JsonValueKind.Object && param.TryGetProperty("Reason", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString()
            : null;
        if (param.ValueKind != JsonValueKind.Object || !param.TryGetProperty("EventStart", out var ev) || ev.ValueKind != JsonValueKind.Object)
        {
            return (false, "EventStart parameter is invalid or not found");
        }
        if (!ev.TryGetProperty("DialogID", out var hId) || !JsonC.IsInt(hId))
        {
            return (false, "DialogID parameter is invalid or not found");
        }
        if (!ev.TryGetProperty("DialogEntry", out var hEntry) || !JsonC.IsInt(hEntry))
        {
            return (false, "DialogEntry parameter is invalid or not found");
        }
        if (!_dialogs.TryGetValue((hEntry.GetInt32(), hId.GetInt32()), out var call) || !call.IsUp)
        {
            return (false, "cannot terminate dialog");
        }
        var terminateReason = reason is null ? "CGRateS Disconnect" : "CGRateS Disconnect: " + reason;
        _ = Task.Run(() => call.EndAsync(terminateReason, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        return (true, "OK");
    }

    // cgr_acc_sessions: every engaged session, OriginHost from $cgr(OriginHost) (empty when unset), OriginID the Call-ID.
    private List<OrderedFields> ActiveSessions() =>
        [.. _dialogs.Values.Where(c => c.IsUp && c.Engaged).Select(c => new OrderedFields { ["OriginHost"] = c.OriginHost, ["OriginID"] = c.CallId })];

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _tcp.Dispose();
        await _reading;
        _closing.Dispose();
        _writing.Dispose();
        _busy.Dispose();
    }
}

/// <summary>The engine's reply to one module request: its result or its error, and the request as sent.</summary>
internal sealed record ModuleReply(string Request, JsonElement? Result, string? Error)
{
    public static ModuleReply From(string request, JsonElement reply)
    {
        var error = reply.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var result = reply.TryGetProperty("result", out var r) && r.ValueKind != JsonValueKind.Null ? r : (JsonElement?)null;
        return new ModuleReply(request, result, error);
    }
}
