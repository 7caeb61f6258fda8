using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// A switch's agent as SessionS sees it: a BiRPC connection that sends SessionSv1 requests for its calls and answers
/// the engine's AgentV1.DisconnectSession (recording the cause) and AgentV1.GetActiveSessionIDs (its live calls).
/// </summary>
internal sealed class SimulatedSwitch : IAsyncDisposable
{
    public const string OriginHost = "10.0.0.9";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _disconnects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _alterations = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, bool> _live = new(StringComparer.Ordinal);
    private BiRpcConnection _connection = null!;

    private int _syncRequests;

    /// <summary>When set, channel sync requests are answered with an error (a sick switch).</summary>
    public bool FailSync { get; set; }

    /// <summary>How many times the engine asked for the live calls.</summary>
    public int SyncRequests => Volatile.Read(ref _syncRequests);

    /// <summary>The calls up on the switch (what it answers channel sync with).</summary>
    public ConcurrentDictionary<string, bool> Live => _live;

    /// <param name="birpc">The engine's BiRPC listener.</param>
    /// <param name="live">The calls already up, when the switch reconnects to a restarted engine.</param>
    public static async Task<SimulatedSwitch> ConnectAsync(IPEndPoint birpc, ConcurrentDictionary<string, bool>? live = null)
    {
        var sw = new SimulatedSwitch();
        sw._live = live ?? sw._live;
        var handlers = new JsonRpcDispatcher();
        handlers.Add<JsonElement, string>("AgentV1.DisconnectSession", (ev, _) =>
        {
            var fields = ev.GetProperty("Event");
            var originId = fields.GetProperty("OriginID").GetString()!;
            var cause = fields.TryGetProperty("DisconnectCause", out var c) ? c.GetString() ?? "" : "";
            sw._live.TryRemove(originId, out bool _);
            sw.Disconnect(originId).TrySetResult(cause);
            return ValueTask.FromResult(RpcResult.Ok("OK"));
        });
        handlers.Add<JsonElement, string>("AgentV1.AlterSession", (ev, _) =>
        {
            var fields = ev.GetProperty("Event");
            sw.Altered(fields.GetProperty("OriginID").GetString()!).TrySetResult(fields.Clone());
            return ValueTask.FromResult(RpcResult.Ok("OK"));
        });
        handlers.Add<JsonElement, List<Dictionary<string, string>>>("AgentV1.GetActiveSessionIDs", (_, _) =>
        {
            Interlocked.Increment(ref sw._syncRequests);
            return ValueTask.FromResult(sw.FailSync
                ? RpcResult.Fail<List<Dictionary<string, string>>>("SERVER_ERROR: switch busy")
                : RpcResult.Ok(sw._live.Keys.Select(id => new Dictionary<string, string> { ["OriginHost"] = OriginHost, ["OriginID"] = id }).ToList()));
        });
        sw._connection = await BiRpcClient.ConnectAsync(birpc, handlers);
        return sw;
    }

    /// <summary>The event of the call's first AgentV1.AlterSession.</summary>
    public TaskCompletionSource<JsonElement> Altered(string originId) =>
        _alterations.GetOrAdd(originId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));

    public TaskCompletionSource<string> Disconnect(string originId) =>
        _disconnects.GetOrAdd(originId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    public static string Event(string originId, string account, string destination, string requestType, string? usage = null, string extra = "") => $$"""
        "Tenant":"cgrates.org","ID":"{{originId}}-{{Guid.NewGuid():N}}","Event":{"OriginID":"{{originId}}","OriginHost":"{{OriginHost}}",
        "RequestType":"{{requestType}}","Account":"{{account}}","Subject":"{{account}}","Destination":"{{destination}}","Category":"call",
        "ToR":"*voice","Source":"SIMULATED_SWITCH","SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z"{{(usage is null ? "" : $",\"Usage\":\"{usage}\"")}}{{extra}}}
        """;

    public Task<JsonElement> AuthorizeAsync(string originId, string account, string destination, string requestType) =>
        CallAsync("SessionSv1.AuthorizeEvent", $$"""{"GetMaxUsage":true,{{Event(originId, account, destination, requestType)}}}""");

    public Task<JsonElement> InitiateAsync(string originId, string account, string destination, string requestType, string? debitInterval = null)
    {
        _live[originId] = true;
        var opts = debitInterval is null ? "" : $$""","APIOpts":{"*sessionsDebitInterval":"{{debitInterval}}"}""";
        return CallAsync("SessionSv1.InitiateSession", $$"""{"InitSession":true,{{Event(originId, account, destination, requestType)}}{{opts}}}""");
    }

    public Task<JsonRpcReply> TerminateRawAsync(string originId, string account, string destination, string requestType, string usage)
    {
        _live.TryRemove(originId, out bool _);
        return RawAsync("SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{Event(originId, account, destination, requestType, usage)}}}""");
    }

    public Task<JsonRpcReply> ProcessCdrRawAsync(string originId, string account, string destination, string requestType, string usage) =>
        RawAsync("SessionSv1.ProcessCDR", $$"""{{{Event(originId, account, destination, requestType, usage)}}}""");

    public async Task<JsonElement> CallAsync(string method, string args)
    {
        var reply = await RawAsync(method, args);
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }

    public Task<JsonRpcReply> RawAsync(string method, string args) => _connection.CallRawAsync(method, Encoding.UTF8.GetBytes(args));

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

internal static class JsonRpcReplyText
{
    /// <summary>The reply's string result, or its error text when it failed.</summary>
    public static string ResultString(this JsonRpcReply reply) =>
        reply.Error ?? JsonDocument.Parse(reply.Result).RootElement.GetString() ?? "";
}
