using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Action lists, plans and bindings set over the API survive a SIGKILL: the restarted engine has them with the
/// same timing uuids, and an <c>*asap</c> top-up that already ran does not run again.</summary>
public sealed class ApiStateRestartTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-apistate-{Guid.NewGuid():N}");

    private string[] EngineArgs =>
    [
        "-data_dir", _dataDir, "-logger", "*stdout", "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
    ];

    [Fact]
    public async Task SetActionsPlanAndAccount_SigkillAndRestart_ComeBackWithoutRerunningAsap()
    {
        string uuid;
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            Assert.Equal(10m, await MonetaryAsync(client, "1002"));
            Assert.Equal("OK", (await CallAsync(client, "APIerSv1.SetActions", """
                {"ActionsId":"ACT_TOPUP_5","Overwrite":false,"Actions":[{"Identifier":"*topup","BalanceId":"test","BalanceType":"*monetary",
                 "Units":5,"DestinationIds":"*any","BalanceWeight":10,"Weight":10}]}
                """)).GetString());
            Assert.Equal("OK", (await CallAsync(client, "APIerSv1.SetActionPlan", """
                {"Id":"AP_TOPUP_5","ActionPlan":[{"ActionsId":"ACT_TOPUP_5","Time":"*asap","Weight":10}],"Overwrite":false,"ReloadScheduler":true}
                """)).GetString());
            Assert.Equal("OK", (await CallAsync(client, "APIerSv2.SetAccount", """
                {"Tenant":"cgrates.org","Account":"1002","ActionPlanIDs":["AP_TOPUP_5"],"ActionPlansOverwrite":false}
                """)).GetString());
            for (var i = 0; i < 100 && await MonetaryAsync(client, "1002") != 15m; i++)
            {
                await Task.Delay(50);
            }
            Assert.Equal(15m, await MonetaryAsync(client, "1002"));
            uuid = BoundPlan(await CallAsync(client, "APIerSv1.GetActionPlan", """{"ID":"AP_TOPUP_5"}"""));
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }

        using var restarted = ObolProcess.Start("obol-engine", EngineArgs);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());

        Assert.Equal(uuid, BoundPlan(await CallAsync(again, "APIerSv1.GetActionPlan", """{"ID":"AP_TOPUP_5"}""")));
        var action = Assert.Single((await CallAsync(again, "APIerSv1.GetActions", "\"ACT_TOPUP_5\"")).EnumerateArray());
        Assert.Equal("*topup", action.GetProperty("Identifier").GetString());
        Assert.Equal("5", action.GetProperty("Units").GetString());
        // The engine listens only once the restored plans' due runs are done, so a repeated *asap would show here.
        Assert.Equal(15m, await MonetaryAsync(again, "1002"));
        Assert.Equal(10m, await MonetaryAsync(again, "1001"));
        // SIGTERM stops cleanly only once the engine watches for it, which it logs as started.
        await restarted.WaitForOutputAsync("<Engine> started");
        restarted.Signal("TERM");
        Assert.Equal(0, await restarted.WaitForExitAsync());
    }

    [Fact]
    public async Task SetAndRemoveActionTriggers_SigkillAndRestart_GroupsComeBackAsChanged()
    {
        string uniqueId;
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            Assert.Equal("OK", (await CallAsync(client, "APIerSv1.SetActionTrigger", """
                {"GroupID":"LOW_BALANCE","ActionTrigger":{"ThresholdType":"*min_balance","ThresholdValue":5,"ActionsID":"ACT_LOG_WARNING"}}
                """)).GetString());
            Assert.Equal("OK", (await CallAsync(client, "APIerSv1.RemoveActionTrigger", """{"GroupID":"STANDARD_TRIGGERS"}""")).GetString());
            uniqueId = (await CallAsync(client, "APIerSv1.GetActionTriggers", "{}"))[0].GetProperty("UniqueID").GetString()!;
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }

        using var restarted = ObolProcess.Start("obol-engine", EngineArgs);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());

        var trigger = Assert.Single((await CallAsync(again, "APIerSv1.GetActionTriggers", "{}")).EnumerateArray());
        Assert.Equal(("LOW_BALANCE", uniqueId, 5m), (trigger.GetProperty("ID").GetString(), trigger.GetProperty("UniqueID").GetString(),
            trigger.GetProperty("ThresholdValue").GetDecimal()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>The uuid of the plan's only timing, after checking 1002 is its only account.</summary>
    private static string BoundPlan(JsonElement plans)
    {
        var plan = Assert.Single(plans.EnumerateArray());
        Assert.Equal("""{"cgrates.org:1002":true}""", plan.GetProperty("AccountIDs").GetRawText());
        var timing = Assert.Single(plan.GetProperty("ActionTimings").EnumerateArray());
        Assert.Equal("ACT_TOPUP_5", timing.GetProperty("ActionsID").GetString());
        return timing.GetProperty("Uuid").GetString()!;
    }

    private static async Task<decimal> MonetaryAsync(JsonRpcClient client, string account)
    {
        var reply = await CallAsync(client, "APIerSv2.GetAccount", $$"""{"Tenant":"cgrates.org","Account":"{{account}}"}""");
        return reply.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
    }

    private static async Task<JsonElement> CallAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }
}
