using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.Exporters;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>EeSv1 (apier/v1/ees.go) over the <see cref="ExporterService"/>.</summary>
public sealed class EeSv1Service(ExporterService exporters, string defaultTenant)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEventWithEeIds, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>>("EeSv1.ProcessEvent", ProcessEventAsync);
        dispatcher.Add<ReplayFailedPostsArgs, string>("APIerSv1.ReplayFailedPosts", ReplayAsync);
        dispatcher.Add<ResetExporterMetricsArgs, string>("EeSv1.ResetExporterMetrics",
            (args, _) => ValueTask.FromResult(exporters.ResetMetrics(args.ExporterId ?? "") ? RpcResult.Ok("OK") : RpcResult.Fail<string>(ErrorCodes.NotFound)));
        dispatcher.AddPing("EeSv1");
    }

    /// <summary>Sends every stored failed post again. As in CGRateS the reply is OK even when some fail again: those
    /// are written back to a file to replay later.</summary>
    private async ValueTask<RpcResult<string>> ReplayAsync(ReplayFailedPostsArgs args, CancellationToken ct)
    {
        await exporters.ReplayFailedPostsAsync(
            string.IsNullOrEmpty(args.SourcePath) ? null : args.SourcePath,
            string.IsNullOrEmpty(args.FailedPath) ? null : args.FailedPath, ct).ConfigureAwait(false);
        return "OK";
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

/// <summary>ees.V1ResetExporterMetricsParams.</summary>
public sealed record ResetExporterMetricsArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("ExporterID")]
    public string? ExporterId { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}

/// <summary>APIerSv1.ReplayFailedPosts arguments; empty paths default to <c>ees.failed_posts.dir</c>.</summary>
public sealed record ReplayFailedPostsArgs
{
    public string? SourcePath { get; init; }

    public string? FailedPath { get; init; }
}

/// <summary>utils.CGREventWithEeIDs: the exporters to use, then the CGREvent's fields flattened.</summary>
public sealed record CgrEventWithEeIds : EmbeddedEvent
{
    [JsonPropertyName("EeIDs")]
    public IReadOnlyList<string>? EeIds { get; init; }
}
