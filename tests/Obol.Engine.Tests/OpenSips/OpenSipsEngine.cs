using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// A real obol-engine with samples/configs/osips (the OpenSIPS tutorial's cgrates.json: client_protocol 1.0) and the
/// tutorial plan on a temporary data directory, an API client on its JSON-RPC port and the cgrates module connected to
/// its BiRPC port. Tests may add a cgrates.json overlay (loaded after the sample) to shorten the tutorial's timers.
/// </summary>
internal sealed class OpenSipsEngine : IAsyncDisposable
{
    private readonly string _root;

    private OpenSipsEngine(string root, ObolProcess process, JsonRpcClient api, OpenSipsModuleClient module)
    {
        _root = root;
        Process = process;
        Api = api;
        Module = module;
    }

    public ObolProcess Process { get; }

    public JsonRpcClient Api { get; }

    public OpenSipsModuleClient Module { get; }

    /// <param name="overlay">cgrates.json text merged over the sample, e.g. a shorter channel_sync_interval.</param>
    public static async Task<OpenSipsEngine> StartAsync(string? overlay = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"obol-osips-{Guid.NewGuid():N}");
        var config = Directory.CreateDirectory(Path.Combine(root, "etc")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "configs", "osips", "cgrates.json"), Path.Combine(config, "cgrates.json"));
        if (overlay is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(config, "zz_overlay.json"), overlay);
        }
        var process = ObolProcess.Start("obol-engine",
            "-config_path", config, "-data_dir", Path.Combine(root, "data"), "-logger", "*stdout",
            "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        var api = await JsonRpcClient.ConnectAsync(await process.ListeningAsync());
        var module = await OpenSipsModuleClient.ConnectAsync(await process.BiRpcListeningAsync());
        return new OpenSipsEngine(root, process, api, module);
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
            $$"""{"Tenant":"cgrates.org","Category":"call","Subject":"{{subject}}","AnswerTime":"*now","Destination":"{{destination}}","Usage":"{{usage}}"}""");
        return reply.GetProperty("Cost").GetDecimal();
    }

    /// <summary>The call's *default-run CDR (APIerSv2.GetCDRs).</summary>
    public async Task<JsonElement> DefaultCdrAsync(string originId)
    {
        var cdrs = await CallAsync("APIerSv2.GetCDRs", $$"""{"OriginIDs":["{{originId}}"],"RunIDs":["*default"]}""");
        return Assert.Single(cdrs.EnumerateArray());
    }

    public async ValueTask DisposeAsync()
    {
        await Module.DisposeAsync();
        await Api.DisposeAsync();
        Process.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
