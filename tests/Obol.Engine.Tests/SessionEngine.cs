using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>A real engine with the sample tutorial config and plan on a temporary data directory, an API client and a
/// simulated switch on its BiRPC port.</summary>
internal sealed class SessionEngine : IAsyncDisposable
{
    private SessionEngine(string dataDir, string configDir, ObolProcess process, JsonRpcClient api, SimulatedSwitch sw)
    {
        DataDir = dataDir;
        _configDir = configDir;
        Process = process;
        Api = api;
        Switch = sw;
    }

    private readonly string _configDir;

    public string DataDir { get; }

    public ObolProcess Process { get; private set; }

    public JsonRpcClient Api { get; private set; }

    public SimulatedSwitch Switch { get; private set; }

    /// <param name="dataDir">The data directory; a new temporary one when null.</param>
    /// <param name="configure">Rewrites the tutorial's cgrates.json for this engine; the tutorial's as it is when null.</param>
    public static async Task<SessionEngine> StartAsync(string? dataDir = null, Func<string, string>? configure = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), $"obol-sessions-{Guid.NewGuid():N}");
        var configDir = Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial");
        if (configure is not null)
        {
            var tutorial = await File.ReadAllTextAsync(Path.Combine(configDir, "cgrates.json"));
            configDir = dataDir + "-config";
            Directory.CreateDirectory(configDir);
            await File.WriteAllTextAsync(Path.Combine(configDir, "cgrates.json"), configure(tutorial));
        }
        var (process, api, sw) = await LaunchAsync(dataDir, configDir);
        return new SessionEngine(dataDir, configDir, process, api, sw);
    }

    private static async Task<(ObolProcess, JsonRpcClient, SimulatedSwitch)> LaunchAsync(string dataDir, string configDir,
        System.Collections.Concurrent.ConcurrentDictionary<string, bool>? live = null)
    {
        var process = ObolProcess.Start("obol-engine",
            "-config_path", configDir, "-data_dir", dataDir, "-logger", "*stdout",
            "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        var api = await JsonRpcClient.ConnectAsync(await process.ListeningAsync());
        var sw = await SimulatedSwitch.ConnectAsync(await process.BiRpcListeningAsync(), live);
        return (process, api, sw);
    }

    /// <summary>SIGKILLs the engine and starts it again on the same data directory with a fresh switch connection.</summary>
    public Task KillAndRestartAsync() => StopAndRestartAsync("KILL");

    /// <summary>Stops the engine with <paramref name="signal"/> and starts it again on the same data directory with a
    /// fresh switch connection; the stopped engine's exit code.</summary>
    public async Task<int> StopAndRestartAsync(string signal)
    {
        Process.Signal(signal);
        var exitCode = await Process.WaitForExitAsync();
        await Switch.DisposeAsync();
        await Api.DisposeAsync();
        Process.Dispose();
        (Process, Api, Switch) = await LaunchAsync(DataDir, _configDir, Switch.Live);
        return exitCode;
    }

    public async Task<JsonElement> CallAsync(string method, string args)
    {
        var reply = await Api.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }

    public async Task<decimal> MonetaryAsync(string account)
    {
        var reply = await CallAsync("APIerSv2.GetAccount", $$"""{"Tenant":"cgrates.org","Account":"{{account}}"}""");
        return reply.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
    }

    /// <summary>What the tariff says the call costs (APIerSv1.GetCost), to compare the charges with.</summary>
    public async Task<decimal> TariffCostAsync(string subject, string destination, string usage)
    {
        var reply = await CallAsync("APIerSv1.GetCost",
            $$"""{"Tenant":"cgrates.org","Category":"call","Subject":"{{subject}}","AnswerTime":"2026-01-05T10:00:05Z","Destination":"{{destination}}","Usage":"{{usage}}"}""");
        return reply.GetProperty("Cost").GetDecimal();
    }

    public async Task<JsonElement> CdrsAsync(string originId) => await CallAsync("APIerSv2.GetCDRs", $$"""{"OriginIDs":["{{originId}}"]}""");

    public async ValueTask DisposeAsync()
    {
        await Switch.DisposeAsync();
        await Api.DisposeAsync();
        Process.Dispose();
        foreach (var dir in new[] { DataDir, DataDir + "-config" }.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
