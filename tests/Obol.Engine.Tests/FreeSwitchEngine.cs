using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Obol.Esl.Testing;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// A real engine with the FreeSWITCH tutorial config (its <c>freeswitch_agent</c> pointed at a <see cref="FakeFreeSwitch"/>)
/// and the tutorial plan on a temporary data directory, with an API client; ready once the agent has subscribed.
/// </summary>
internal sealed class FreeSwitchEngine : IAsyncDisposable
{
    private FreeSwitchEngine(string dir, FakeFreeSwitch freeSwitch, ObolProcess process, JsonRpcClient api)
    {
        Dir = dir;
        FreeSwitch = freeSwitch;
        Process = process;
        Api = api;
    }

    private const string LastSchedId = "last_sched_id";

    public string Dir { get; }

    public FakeFreeSwitch FreeSwitch { get; }

    public ObolProcess Process { get; }

    public JsonRpcClient Api { get; }

    public static async Task<FreeSwitchEngine> StartAsync()
    {
        var freeSwitch = new FakeFreeSwitch().Start();
        // On answer FreeSWITCH runs the execute_on_answer the agent set at park (a sched_transfer with the tutorial config)
        // and keeps the task's id in last_sched_id, which the agent reads to cancel it when the debit loop takes over.
        freeSwitch.ApiHandler = command => command.StartsWith("uuid_getvar ", StringComparison.Ordinal)
            && command.EndsWith(" " + LastSchedId, StringComparison.Ordinal)
                ? SchedId(command.Split(' ')[1]) + "\n"
                : freeSwitch.DefaultApiReply(command);
        var dir = Path.Combine(Path.GetTempPath(), $"obol-fscalls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var tutorial = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial", "cgrates.json"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cgrates.json"),
            tutorial.Replace("127.0.0.1:8021", $"127.0.0.1:{freeSwitch.Port}", StringComparison.Ordinal));
        var process = ObolProcess.Start("obol-engine", "-config_path", dir, "-data_dir", Path.Combine(dir, "data"), "-logger", "*stdout",
            "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        var api = await JsonRpcClient.ConnectAsync(await process.ListeningAsync());
        var engine = new FreeSwitchEngine(dir, freeSwitch, process, api);
        await engine.WaitForSubscriptionAsync(1);
        return engine;
    }

    /// <summary>Waits until an agent connection numbered <paramref name="connectionId"/> or later (1 is the first, each
    /// reconnect counts one more) has subscribed to the channel events.</summary>
    public async Task<EslReceivedCommand> WaitForSubscriptionAsync(int connectionId)
    {
        var subscribe = await FreeSwitch.WaitForCommandAsync(
            c => c.ConnectionId >= connectionId && c.Line.StartsWith("event plain", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await FreeSwitch.WaitForSubscriberAsync("CHANNEL_HANGUP_COMPLETE");
        return subscribe;
    }

    /// <summary>The id of the task FreeSWITCH scheduled on answer for the channel <paramref name="uuid"/>: its UUID's first
    /// eight hex digits as a number, so that each call has its own.</summary>
    public static string SchedId(string uuid) =>
        uint.Parse(uuid.AsSpan(0, 8), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    public FakeCall Call(string account, string destination, string requestType) => new(FreeSwitch, account, destination, requestType);

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

    /// <summary>Asserts the account's money, failing with the engine's log so that a CI failure leaves its trace.</summary>
    public async Task AssertMonetaryAsync(string account, decimal expected)
    {
        var money = await MonetaryAsync(account);
        Assert.True(money == expected, $"{account}: expected {expected}, has {money}; engine log:\n{Process.Stdout}\n{Process.Stderr}");
    }

    /// <summary>What the tariff says the call costs (APIerSv1.GetCost).</summary>
    public async Task<decimal> TariffCostAsync(string subject, string destination, string usage)
    {
        var reply = await CallAsync("APIerSv1.GetCost",
            $$"""{"Tenant":"cgrates.org","Category":"call","Subject":"{{subject}}","AnswerTime":"2026-01-05T10:00:05Z","Destination":"{{destination}}","Usage":"{{usage}}"}""");
        return reply.GetProperty("Cost").GetDecimal();
    }

    /// <summary>The stored *default run of the call, through CDRsV1.GetCDRs; retried briefly, as the agent posts the CDR
    /// after the hangup event on its own.</summary>
    public async Task<JsonElement> DefaultCdrAsync(string originId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reply = await Api.CallRawAsync("CDRsV1.GetCDRs", Encoding.UTF8.GetBytes($$"""{"OriginIDs":["{{originId}}"],"RunIDs":["*default"]}"""));
            if (reply.Error is null)
            {
                using var document = JsonDocument.Parse(reply.Result);
                var cdr = Assert.Single(document.RootElement.EnumerateArray());
                if (cdr.GetProperty("Cost").GetDecimal() >= 0 || attempt >= 100)
                {
                    return cdr.Clone();
                }
            }
            else if (attempt >= 100)
            {
                Assert.Fail($"CDRsV1.GetCDRs for {originId}: {reply.Error}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Process.Dispose();
        await FreeSwitch.DisposeAsync();
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
