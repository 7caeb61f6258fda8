using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.Exporters;

namespace Obol.Api;

/// <summary>EeSv1 (apier/v1/ees.go) over the <see cref="ExporterService"/>.</summary>
public sealed class EeSv1Service(ExporterService exporters, string defaultTenant)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEventWithEeIds, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>("EeSv1.ProcessEvent", ProcessEventAsync);
        dispatcher.AddPing("EeSv1");
    }

    private async ValueTask<RpcResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>> ProcessEventAsync(CgrEventWithEeIds args,
        CancellationToken ct)
    {
        var ev = args.ToEvent();
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(invalid);
        }
        var reply = await exporters.ProcessEventAsync(ev, args.EeIds, ct).ConfigureAwait(false);
        return reply.Error is null
            ? RpcResult.Ok(reply.Exporters)
            : RpcResult.Fail<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>(reply.Error);
    }
}

/// <summary>utils.CGREventWithEeIDs: the exporters to use, then the CGREvent's fields flattened.</summary>
public sealed record CgrEventWithEeIds : EmbeddedEvent
{
    [JsonPropertyName("EeIDs")]
    public IReadOnlyList<string>? EeIds { get; init; }
}
