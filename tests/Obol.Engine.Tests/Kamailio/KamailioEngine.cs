using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>
/// A real Kamailio (<see cref="KamailioProcess"/>) and a real obol-engine with the CGRateS kamevapi tutorial config
/// (<c>samples/configs/kamevapi</c>, unchanged) and the tutorial plan, on a temporary directory. Only the addresses differ:
/// a <c>zz_test.json</c> beside the config points the agent at this Kamailio's evapi port (reconnecting for ever, at most
/// 2 s apart) and the tutorial exporter at a temporary folder. Ready once Kamailio has seen the agent connect.
/// </summary>
internal sealed class KamailioEngine : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private KamailioEngine(string dir, KamailioProcess kamailio, ObolProcess process, JsonRpcClient api)
    {
        Dir = dir;
        Kamailio = kamailio;
        Process = process;
        Api = api;
    }

    public string Dir { get; }

    public KamailioProcess Kamailio { get; }

    public ObolProcess Process { get; }

    public JsonRpcClient Api { get; }

    /// <summary>Where the <c>tutorial_export</c> exporter writes its CSV files.</summary>
    public string ExportDir => Path.Combine(Dir, "export");

    public string SippDir => Path.Combine(Dir, "sipp");

    public static async Task<KamailioEngine> StartAsync(string label)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"obol-kam-{label}-{Guid.NewGuid():N}");
        var config = Path.Combine(dir, "config");
        Directory.CreateDirectory(config);
        Directory.CreateDirectory(Path.Combine(dir, "export"));
        var kamailio = await KamailioProcess.StartAsync(Path.Combine(dir, "kamailio"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "configs", "kamevapi", "cgrates.json"),
            Path.Combine(config, "cgrates.json"));
        // Loads after cgrates.json (name order); evapi_conns is replaced, the exporter merges by id.
        var overrides = new
        {
            kamailio_agent = new
            {
                evapi_conns = new[] { new { address = kamailio.EvapiAddress, reconnects = -1, max_reconnect_interval = "2s" } },
            },
            ees = new { exporters = new[] { new { id = "tutorial_export", export_path = Path.Combine(dir, "export") + "/" } } },
        };
        await File.WriteAllTextAsync(Path.Combine(config, "zz_test.json"), JsonSerializer.Serialize(overrides));
        var process = ObolProcess.Start("obol-engine",
            "-config_path", config, "-data_dir", Path.Combine(dir, "data"), "-logger", "*stdout",
            "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        JsonRpcClient api;
        try
        {
            api = await JsonRpcClient.ConnectAsync(await process.ListeningAsync());
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or SocketException)
        {
            var why = $"obol-engine did not start with samples/configs/kamevapi: {e.Message}\n"
                + $"stdout:\n{process.Stdout}\nstderr:\n{process.Stderr}";
            process.Dispose();
            await kamailio.DisposeAsync();
            throw new InvalidOperationException(why, e);
        }
        var engine = new KamailioEngine(dir, kamailio, process, api);
        try
        {
            await engine.WaitForAgentAsync();
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
        return engine;
    }

    /// <summary>Waits until the agent is connected to the current Kamailio run (Kamailio logs every new evapi client).</summary>
    public async Task WaitForAgentAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!Kamailio.CurrentLog.Contains("CGR evapi connection-new", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < ConnectTimeout,
                $"the agent did not connect to Kamailio's evapi within {ConnectTimeout.TotalSeconds} s.\n{Diagnostics()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The callee on Kamailio's static UAS port, for <paramref name="calls"/> calls.</summary>
    public Sipp StartCallee(TimeSpan timeout, int calls = 1, string name = "uas") =>
        Sipp.StartUas(SippDir, Kamailio.UasPort, calls, timeout, name);

    /// <summary>
    /// A caller on a free port: <c>uac.xml</c> when it hangs up after <paramref name="talk"/>, else <c>uac_wait_bye.xml</c>
    /// (it waits for the network to hang up).
    /// </summary>
    public Sipp StartCaller(string caller, string callee, TimeSpan timeout, TimeSpan? talk = null, string name = "uac") =>
        Sipp.StartUac(SippDir, talk is null ? "uac_wait_bye.xml" : "uac.xml", Kamailio.SipAddress,
            KamailioProcess.FreePort(SocketType.Dgram), caller, callee, timeout, talk, name);

    /// <summary>A complete call: callee and caller, until both SIPps have finished.</summary>
    public async Task<(SippResult Caller, SippResult Callee, string CallId)> CallAsync(string caller, string callee, TimeSpan? talk,
        TimeSpan timeout, string name = "call")
    {
        using var uas = StartCallee(timeout + TimeSpan.FromSeconds(5), name: name + "-uas");
        await Task.Delay(200);
        using var uac = StartCaller(caller, callee, timeout, talk, name + "-uac");
        var (callerResult, calleeResult) = await FinishAsync(uac, uas);
        return (callerResult, calleeResult, uac.CallId);
    }

    /// <summary>Waits for a caller and then its callee to finish.</summary>
    public static async Task<(SippResult Caller, SippResult Callee)> FinishAsync(Sipp uac, Sipp uas)
    {
        var caller = await uac.WaitAsync();
        // A caller that failed leaves the callee waiting for a call that never comes: do not sit out its timeout.
        var callee = await uas.WaitAsync(caller.ExitCode == 0 ? null : TimeSpan.FromSeconds(3), killIsFine: caller.ExitCode != 0);
        return (caller, callee);
    }

    public async Task<JsonElement> CallApiAsync(string method, string args)
    {
        var reply = await Api.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method} {args}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }

    public async Task<decimal> MonetaryAsync(string account)
    {
        var reply = await CallApiAsync("APIerSv2.GetAccount", $$"""{"Tenant":"cgrates.org","Account":"{{account}}"}""");
        return reply.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
    }

    /// <summary>What the tariff says a call of <paramref name="usage"/> costs (APIerSv1.GetCost).</summary>
    public async Task<decimal> TariffCostAsync(string subject, string destination, TimeSpan usage, string answerTime)
    {
        var args = new Dictionary<string, string>
        {
            ["Tenant"] = "cgrates.org", ["Category"] = "call", ["Subject"] = subject, ["AnswerTime"] = answerTime,
            ["Destination"] = destination, ["Usage"] = $"{(long)usage.TotalSeconds}s",
        };
        var reply = await CallApiAsync("APIerSv1.GetCost", JsonSerializer.Serialize(args));
        return reply.GetProperty("Cost").GetDecimal();
    }

    /// <summary>
    /// The call's <c>*default</c> CDR (CDRsV1.GetCDRs by OriginID = the SIP Call-ID), once the agent has posted it: the
    /// CGR_CALL_END Kamailio sends when the dialog ends is processed after the SIPps have already finished.
    /// </summary>
    public async Task<JsonElement> DefaultCdrAsync(string originId, TimeSpan? wait = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = wait ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var reply = await Api.CallRawAsync("CDRsV1.GetCDRs", Encoding.UTF8.GetBytes($$"""{"OriginIDs":["{{originId}}"]}"""));
            if (reply.Error is null)
            {
                using var document = JsonDocument.Parse(reply.Result);
                var cdr = document.RootElement.EnumerateArray()
                    .Where(c => c.GetProperty("RunID").GetString() == "*default").Select(c => c.Clone()).ToList();
                if (cdr.Count > 0)
                {
                    Assert.Single(cdr);
                    return cdr[0];
                }
            }
            Assert.True(clock.Elapsed < limit,
                $"no *default CDR for {originId} after {limit.TotalSeconds} s (last reply: {reply.Error}).\n{Diagnostics()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The engine's and Kamailio's logs, for assertion messages.</summary>
    public string Diagnostics() =>
        $"--- obol-engine stdout:\n{Process.Stdout}\n--- obol-engine stderr:\n{Process.Stderr}\n--- kamailio log:\n{Kamailio.Log}";

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Process.Dispose();
        await Kamailio.DisposeAsync();
        if (Directory.Exists(Dir))
        {
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Reading CGRateS CDR JSON (CDRsV1.GetCDRs: Usage in nanoseconds, Cost a number).</summary>
internal static class CdrJson
{
    public static TimeSpan Usage(JsonElement cdr) => cdr.GetProperty("Usage") is { ValueKind: JsonValueKind.Number } n
        ? TimeSpan.FromTicks(n.GetInt64() / 100)
        : TimeSpan.Parse(cdr.GetProperty("Usage").GetString()!, CultureInfo.InvariantCulture);

    public static decimal Cost(JsonElement cdr) => cdr.GetProperty("Cost").GetDecimal();

    public static string AnswerTime(JsonElement cdr) => cdr.GetProperty("AnswerTime").GetString()!;
}
