using System.Reflection;

namespace Obol.Api.JsonRpc;

/// <summary>
/// CGRateS's <c>CoreSv1</c> (apier/v1/core.go): <c>Ping</c>, <c>Status</c> and <c>Sleep</c>, the methods cgr-console's
/// <c>ping</c>/<c>status</c> and liveness probes use. The engine registers the profiling methods itself (ProfilingApi).
/// </summary>
public sealed class CoreService
{
    public const string Service = "CoreSv1";
    public const string PingMethod = "CoreSv1.Ping";
    public const string StatusMethod = "CoreSv1.Status";
    public const string SleepMethod = "CoreSv1.Sleep";

    private readonly string _nodeId;
    private readonly string _version;
    private readonly TimeProvider _time;

    /// <param name="nodeId">The engine's <c>general.node_id</c>.</param>
    /// <param name="version">What <c>version</c> reports; defaults to <c>Obol@&lt;assembly version&gt;</c>.</param>
    /// <param name="time">Clock of <c>Sleep</c>.</param>
    public CoreService(string nodeId, string? version = null, TimeProvider? time = null)
    {
        _nodeId = nodeId;
        _version = version ?? DefaultVersion();
        _time = time ?? TimeProvider.System;
    }

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<PingArgs, string>(PingMethod, PingAsync);
        dispatcher.Add<StatusArgs, Dictionary<string, object?>>(StatusMethod, StatusAsync);
        dispatcher.Add<SleepArgs, string>(SleepMethod, SleepAsync);
    }

    public static ValueTask<RpcResult<string>> PingAsync(PingArgs args, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RpcResult.Ok(PingArgs.Pong));

    public ValueTask<RpcResult<Dictionary<string, object?>>> StatusAsync(StatusArgs args, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CoreStatus.Collect(_nodeId, _version, args.Debug, args.Timezone ?? ""));

    /// <summary>Waits <see cref="SleepArgs.Duration"/> and answers <c>OK</c>; CGRateS uses it to test concurrency limits.</summary>
    public async ValueTask<RpcResult<string>> SleepAsync(SleepArgs args, CancellationToken cancellationToken)
    {
        var nanoseconds = Math.Max(0, args.Duration.Nanoseconds);
        await Task.Delay(TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick), _time, cancellationToken);
        return "OK";
    }

    private static string DefaultVersion()
    {
        var assembly = typeof(CoreService).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        return $"Obol@{version}";
    }
}
