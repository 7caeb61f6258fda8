using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Engine;

/// <summary>CoreSv1.Start/StopCPUProfiling and Start/StopMemoryProfiling (apier/v1/core.go) over the engine's
/// <see cref="EngineProfiler"/>. Unlike CGRateS, which then writes into its working directory, an empty DirPath is
/// refused for the CPU profile as for the memory one.</summary>
internal static class ProfilingApi
{
    private const string Ok = "OK";

    public static void Register(JsonRpcDispatcher dispatcher, EngineProfiler profiler)
    {
        dispatcher.Add<DirectoryArgs, string>("CoreSv1.StartCPUProfiling", (a, _) => ValueTask.FromResult(string.IsNullOrEmpty(a.DirPath)
            ? MissingDirPath()
            : Result(profiler.StartCpu(a.DirPath))));
        dispatcher.Add<TenantArgs, string>("CoreSv1.StopCPUProfiling", async (_, _) => Result(await profiler.StopCpuAsync().ConfigureAwait(false)));
        dispatcher.Add<MemoryProfilingParams, string>("CoreSv1.StartMemoryProfiling", async (a, _) => string.IsNullOrEmpty(a.DirPath)
            ? MissingDirPath()
            : Result(await profiler.StartMemoryAsync(a.DirPath, TimeSpan.FromTicks(a.Interval.Nanoseconds / TimeSpan.NanosecondsPerTick), a.MaxFiles, a.UseTimestamp).ConfigureAwait(false)));
        dispatcher.Add<TenantArgs, string>("CoreSv1.StopMemoryProfiling", async (_, _) => Result(await profiler.StopMemoryAsync().ConfigureAwait(false)));
    }

    private static RpcResult<string> MissingDirPath() => RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("DirPath"));

    private static RpcResult<string> Result(string? error) => error is null ? Ok : RpcResult.Fail<string>(error);
}

/// <summary>utils.DirectoryArgs.</summary>
internal sealed record DirectoryArgs(string? DirPath, Dictionary<string, object?>? APIOpts);

/// <summary>cores.MemoryProfilingParams: Interval a Go duration (15s when not positive), MaxFiles 0 or less for all.</summary>
internal sealed record MemoryProfilingParams(string? Tenant, string? DirPath, Usage Interval, int MaxFiles, bool UseTimestamp,
    Dictionary<string, object?>? APIOpts);
