using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Diagnostics.Tracing;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>cgr-engine's process flags (-pid, -node_id, -scheduled_shutdown, -cpuprof_dir) and CoreSv1's profiling
/// methods on a real engine; the profiles are read back with TraceEvent, as PerfView and dotnet-trace read them.</summary>
public sealed class EngineDiagnosticsTests : IDisposable
{
    /// <summary>Microsoft-DotNETCore-SampleProfiler's provider GUID.</summary>
    private const string SampleProfiler = "3c530d44-97ae-513a-1e6d-783e8f8e03a9";

    private readonly string _root = Directory.CreateTempSubdirectory("obol-diag-").FullName;

    [Fact]
    public async Task Start_PidAndNodeIdFlags_PidFileHoldsTheProcessAndStatusAndConfigNameTheNode()
    {
        var pidFile = Path.Combine(_root, "engine.pid");
        using var engine = Start("-pid", pidFile, "-node_id", "obol-node-7");
        await using var api = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var status = await CallAsync(api, "CoreSv1.Status", "{}");
        var general = await CallAsync(api, "ConfigSv1.GetConfig", """{"Section":"general"}""");

        Assert.Equal(engine.Id.ToString(CultureInfo.InvariantCulture), await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken));
        Assert.Equal(("obol-node-7", "obol-node-7"),
            (status.GetProperty("node_id").GetString(), general.GetProperty("general").GetProperty("node_id").GetString()));
    }

    [Fact]
    public async Task Start_ScheduledShutdownWithCpuProfDir_StopsByItselfLeavingACompleteCpuTrace()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "cpu")).FullName;
        using var engine = Start("-scheduled_shutdown", "3s", "-cpuprof_dir", dir);
        await using (var api = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync()))
        {
            await RateSomeCallsAsync(api);
        }

        var exitCode = await engine.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.True(Events(Path.Combine(dir, "cpu.nettrace")).GetValueOrDefault(SampleProfiler) > 0);
    }

    [Fact]
    public async Task CpuProfiling_StartedAndStoppedOverTheApi_WritesSamplesAndAnswersCgratesErrorsOutOfTurn()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "cpu-api")).FullName;
        using var engine = Start();
        await using var api = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
        var args = JsonSerializer.Serialize(new { DirPath = dir });

        var early = await ErrorAsync(api, "CoreSv1.StopCPUProfiling", "{}");
        var noDir = await ErrorAsync(api, "CoreSv1.StartCPUProfiling", "{}");
        await CallAsync(api, "CoreSv1.StartCPUProfiling", args);
        var twice = await ErrorAsync(api, "CoreSv1.StartCPUProfiling", args);
        await RateSomeCallsAsync(api);
        var stopped = await CallAsync(api, "CoreSv1.StopCPUProfiling", "{}");
        var again = await ErrorAsync(api, "CoreSv1.StopCPUProfiling", "{}");

        Assert.Equal(("stop CPU profiling: not started yet", "MANDATORY_IE_MISSING: [DirPath]", "start CPU profiling: already started", "OK",
            "stop CPU profiling: already stopped"), (early, noDir, twice, stopped.GetString(), again));
        Assert.True(Events(Path.Combine(dir, "cpu.nettrace")).GetValueOrDefault(SampleProfiler) > 0);
    }

    [Fact]
    public async Task MemoryProfiling_EverySecondKeepingOne_KeepsTheNewestSnapshotAndAFinalHeapWalk()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "mem")).FullName;
        using var engine = Start();
        await using var api = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var early = await ErrorAsync(api, "CoreSv1.StopMemoryProfiling", "{}");
        await CallAsync(api, "CoreSv1.StartMemoryProfiling", JsonSerializer.Serialize(new { DirPath = dir, Interval = 1_000_000_000, MaxFiles = 1 }));
        for (var i = 0; i < 300 && !File.Exists(Path.Combine(dir, "mem_2.nettrace")); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        await CallAsync(api, "CoreSv1.StopMemoryProfiling", "{}");
        var again = await ErrorAsync(api, "CoreSv1.StopMemoryProfiling", "{}");

        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(("stop memory profiling: not started yet", "stop memory profiling: already stopped"), (early, again));
        Assert.Equal(2, files.Count);
        Assert.Matches("^mem_[2-9][0-9]*\\.nettrace$", files[0]);
        Assert.Equal("mem_final.nettrace", files[1]);
        Assert.True(Events(Path.Combine(dir, "mem_final.nettrace")).GetValueOrDefault("GC/BulkNode") > 0);
    }

    private ObolProcess Start(params string[] flags) => ObolProcess.Start("obol-engine",
    [
        "-config_path", Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial"),
        "-data_dir", Path.Combine(_root, $"data-{Guid.NewGuid():N}"), "-logger", "*stdout",
        "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
        .. flags,
    ]);

    private static async Task RateSomeCallsAsync(JsonRpcClient api)
    {
        for (var i = 0; i < 200; i++)
        {
            await CallAsync(api, "APIerSv1.GetCost",
                """{"Tenant":"cgrates.org","Category":"call","Subject":"1001","AnswerTime":"2025-01-01T10:00:00Z","Destination":"1002","Usage":"90s"}""");
        }
    }

    /// <summary>How many events the trace holds of each provider (by GUID) and of each runtime event name.</summary>
    private static Dictionary<string, int> Events(string path)
    {
        var counts = new Dictionary<string, int>();
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        using var source = new EventPipeEventSource(path);
        source.AllEvents += e => Count(e.ProviderGuid.ToString());
        source.Clr.All += e => Count(e.EventName);
        source.Process();
        return counts;
    }

    private static async Task<JsonElement> CallAsync(JsonRpcClient api, string method, string args)
    {
        var reply = await api.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        return JsonDocument.Parse(reply.Result).RootElement.Clone();
    }

    private static async Task<string?> ErrorAsync(JsonRpcClient api, string method, string args) =>
        (await api.CallRawAsync(method, Encoding.UTF8.GetBytes(args))).Error;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed engine may still be closing its store.
        }
    }
}
