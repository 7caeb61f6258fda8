using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>StatS, ThresholdS, RouteS and ResourceS in a real engine with the sample tutorial config (FreeSWITCH's, StatS
/// connected to ThresholdS) and the sample
/// plan: the fraud chain disables an account, routes are costed by RALs, and state survives a SIGKILL.</summary>
public sealed class EventSubsystemsProcessTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-events-{Guid.NewGuid():N}");

    private string[] EngineArgs =>
    [
        "-config_path", Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial"), "-data_dir", _dataDir, "-logger", "*stdout",
        "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
    ];

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task StatsProcessEvent_ThreeExpensiveCdrsOf1001_FraudThresholdDisablesAccount()
    {
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        for (var i = 0; i < 3; i++)
        {
            var queues = await CallAsync(client, "StatSv1.ProcessEvent", Cdr($"cdr{i}", "1001", "1002", 4.5m));
            Assert.Equal("""["STATS_FRAUD_1001","Stats2"]""", queues.GetRawText());
        }

        var account = await CallAsync(client, "APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        Assert.True(account.GetProperty("Disabled").GetBoolean());
        Assert.False((await CallAsync(client, "APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1002"}""")).GetProperty("Disabled").GetBoolean());
        var threshold = await CallAsync(client, "ThresholdSv1.GetThreshold", """{"Tenant":"cgrates.org","ID":"THD_FRAUD"}""");
        Assert.Equal(1, threshold.GetProperty("Hits").GetInt32());
        Assert.Equal("""{"*acc":"4.5"}""", (await CallAsync(client, "StatSv1.GetQueueStringMetrics", """{"ID":"STATS_FRAUD_1001"}""")).GetRawText());
        await engine.WaitForOutputAsync("LOG Account: {\"ID\":\"cgrates.org:1001\"");
    }

    [Fact]
    public async Task RoutesAndResources_TutorialPlan_CostOrderAndLimit()
    {
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var routes = await CallAsync(client, "RouteSv1.GetRoutes",
            """{"Tenant":"cgrates.org","ID":"r1","Event":{"Account":"1002","Destination":"1001","SetupTime":"2026-01-05T10:00:00Z","Usage":"1m"}}""");
        var sorted = Assert.Single(routes.EnumerateArray());
        Assert.Equal("*lc", sorted.GetProperty("Sorting").GetString());
        Assert.Equal(["route1", "route2"], sorted.GetProperty("Routes").EnumerateArray().Select(r => r.GetProperty("RouteID").GetString()));
        Assert.Equal("RP_1002_LOW", sorted.GetProperty("Routes")[0].GetProperty("SortingData").GetProperty("RatingPlanID").GetString());
        Assert.Equal("""["route2","route1"]""",
            (await CallAsync(client, "SupplierSv1.GetSuppliersList", """{"Tenant":"cgrates.org","ID":"r2","Event":{"Account":"1001"}}""")).GetRawText());

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal("ResGroup1", (await CallAsync(client, "ResourceSv1.AllocateResources", Usage($"u{i}"))).GetString());
        }
        var refused = await client.CallRawAsync("ResourceSv1.AuthorizeResources", Encoding.UTF8.GetBytes(Usage("u7")));
        Assert.Equal("RESOURCE_UNAUTHORIZED", refused.Error);
        Assert.Equal("OK", (await CallAsync(client, "ResourceSv1.ReleaseResources", Usage("u0"))).GetString());
        Assert.Equal("ResGroup1", (await CallAsync(client, "ResourceSv1.AuthorizeResources", Usage("u7"))).GetString());
        var withConfig = await CallAsync(client, "ResourceSv1.GetResourceWithConfig", """{"Tenant":"cgrates.org","ID":"ResGroup1"}""");
        var profile = await CallAsync(client, "APIerSv1.GetResourceProfile", """{"Tenant":"cgrates.org","ID":"ResGroup1"}""");
        Assert.Equal(6, withConfig.GetProperty("Usages").EnumerateObject().Count());
        Assert.Equal(profile.GetRawText(), withConfig.GetProperty("Config").GetRawText());
    }

    [Fact]
    public async Task EventState_SigkillAndRestart_HitsUsagesQueuesAndProfilesComeBack()
    {
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            await CallAsync(client, "ThresholdSv1.ProcessEvent", """{"Tenant":"cgrates.org","ID":"t1","Event":{"Account":"1002"}}""");
            await CallAsync(client, "ResourceSv1.AllocateResources", Usage("call-1"));
            await CallAsync(client, "StatSv1.ProcessEvent", Cdr("cdr1", "1003", "1001", 1.5m));
            Assert.Equal("OK", (await CallAsync(client, "APIerSv1.SetThresholdProfile",
                """{"ID":"THD_API","FilterIDs":["*string:~*req.Account:1003"],"MaxHits":-1,"MinHits":1,"ActionIDs":["ACT_LOG_WARNING"]}""")).GetString());
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }

        using var restarted = ObolProcess.Start("obol-engine", EngineArgs);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());

        Assert.Equal(1, (await CallAsync(again, "ThresholdSv1.GetThreshold", """{"ID":"THD_ACNT_1002"}""")).GetProperty("Hits").GetInt32());
        var resource = await CallAsync(again, "ResourceSv1.GetResource", """{"Tenant":"cgrates.org","ID":"ResGroup1"}""");
        Assert.Equal(["call-1"], resource.GetProperty("Usages").EnumerateObject().Select(u => u.Name));
        // STATS_FRAUD_1003 is Stored; Stats2_1 is not and starts empty again, as in CGRateS.
        Assert.Equal("""{"*acc":"N/A"}""", (await CallAsync(again, "StatSv1.GetQueueStringMetrics", """{"ID":"STATS_FRAUD_1003"}""")).GetRawText());
        Assert.Single((await CallAsync(again, "StatSv1.GetStatQueue", """{"ID":"STATS_FRAUD_1003"}""")).GetProperty("SQItems").EnumerateArray());
        Assert.Equal("""{"*tcc":"N/A","*tcd":"N/A"}""", (await CallAsync(again, "StatSv1.GetQueueStringMetrics", """{"ID":"Stats2_1"}""")).GetRawText());
        var profile = await CallAsync(again, "APIerSv1.GetThresholdProfile", """{"ID":"THD_API"}""");
        Assert.Equal("cgrates.org", profile.GetProperty("Tenant").GetString());
        Assert.Equal("""["THD_API"]""", (await CallAsync(again, "ThresholdSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"t2","Event":{"Account":"1003"}}""")).GetRawText());
    }

    [Fact]
    public async Task StoreInterval_Hourly_SigkillLosesTheChangesACleanStopStoresThem()
    {
        // The tutorial config with stats and thresholds backed up hourly: nothing is written while running.
        var configDir = Path.Combine(_dataDir, "etc");
        Directory.CreateDirectory(configDir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial", "cgrates.json"), Path.Combine(configDir, "cgrates.json"));
        File.WriteAllText(Path.Combine(configDir, "zz_store.json"), """{"stats":{"store_interval":"1h"},"thresholds":{"store_interval":"1h"}}""");
        string[] args = [.. EngineArgs.Select(a => a.EndsWith(Path.Combine("configs", "tutorial"), StringComparison.Ordinal) ? configDir : a)];
        const string Hits = "ThresholdSv1.GetThreshold";
        const string Threshold = """{"ID":"THD_ACNT_1002"}""";
        const string Queue = """{"ID":"STATS_FRAUD_1003"}""";

        using (var engine = ObolProcess.Start("obol-engine", args))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            await CallAsync(client, "ThresholdSv1.ProcessEvent", """{"Tenant":"cgrates.org","ID":"t1","Event":{"Account":"1002"}}""");
            await CallAsync(client, "StatSv1.ProcessEvent", Cdr("cdr1", "1003", "1001", 1.5m));
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }
        using (var engine = ObolProcess.Start("obol-engine", args))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            Assert.Equal(0, (await CallAsync(client, Hits, Threshold)).GetProperty("Hits").GetInt32());
            Assert.Empty((await CallAsync(client, "StatSv1.GetStatQueue", Queue)).GetProperty("SQItems").EnumerateArray());
            await CallAsync(client, "ThresholdSv1.ProcessEvent", """{"Tenant":"cgrates.org","ID":"t2","Event":{"Account":"1002"}}""");
            await CallAsync(client, "StatSv1.ProcessEvent", Cdr("cdr2", "1003", "1001", 1.5m));
            engine.Signal("TERM");
            Assert.Equal(0, await engine.WaitForExitAsync());
        }

        using var restarted = ObolProcess.Start("obol-engine", args);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());
        Assert.Equal(1, (await CallAsync(again, Hits, Threshold)).GetProperty("Hits").GetInt32());
        Assert.Single((await CallAsync(again, "StatSv1.GetStatQueue", Queue)).GetProperty("SQItems").EnumerateArray());
    }

    [Fact]
    public async Task AttributesAndChargers_TutorialPlan_SessionAttributesAndRuns()
    {
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var prepaid = await CallAsync(client, "AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"a1","Event":{"Account":"1001"},"APIOpts":{"*context":"*sessions"}}""");
        var postpaid = await CallAsync(client, "AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"a2","Event":{"Account":"1002"},"APIOpts":{"*context":"*sessions"}}""");
        var alias = await CallAsync(client, "AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"a3","Event":{"SubscriberId":"1006"},"APIOpts":{"*context":"*sessions"}}""");
        var runs = await CallAsync(client, "ChargerSv1.ProcessEvent", """{"Tenant":"cgrates.org","ID":"c1","Event":{"Account":"1001"}}""");

        Assert.Equal("*prepaid", prepaid.GetProperty("Event").GetProperty("RequestType").GetString());
        Assert.Equal("""["cgrates.org:ATTR_1001_SESSIONAUTH"]""", prepaid.GetProperty("MatchedProfiles").GetRawText());
        Assert.Equal("""["*req.LCRProfile","*req.Password","*req.PaypalAccount","*req.RequestType"]""", prepaid.GetProperty("AlteredFields").GetRawText());
        Assert.Equal("*postpaid", postpaid.GetProperty("Event").GetProperty("RequestType").GetString());
        Assert.Equal("1001", alias.GetProperty("Event").GetProperty("Account").GetString());
        Assert.Equal(["*default", "*raw"], runs.EnumerateArray().Select(r => r.GetProperty("CGREvent").GetProperty("Event").GetProperty("RunID").GetString()));
        Assert.Equal("*none", runs[1].GetProperty("CGREvent").GetProperty("Event").GetProperty("RequestType").GetString());
    }

    [Fact]
    public async Task LoadTariffPlanFromFolder_BadAttributeType_RefusedWithFileAndLineNothingChanged()
    {
        var folder = Path.Combine(_dataDir, "bad-plan");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Attributes.csv"),
            "#Tenant,ID,Contexts,FilterIDs,ActivationInterval,AttributeFilterIDs,Path,Type,Value,Blocker,Weight\n" +
            "cgrates.org,ATTR_BAD,*any,*string:~*req.Account:1001,,,*req.Password,*nosuchtype,x,false,10\n");
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var reply = await client.CallRawAsync("APIerSv1.LoadTariffPlanFromFolder",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { FolderPath = folder })));

        Assert.NotNull(reply.Error);
        Assert.Contains("Attributes.csv:2", reply.Error, StringComparison.Ordinal);
        Assert.Contains("*nosuchtype", reply.Error, StringComparison.Ordinal);
        var missing = await client.CallRawAsync("APIerSv1.GetAttributeProfile", Encoding.UTF8.GetBytes("""{"ID":"ATTR_BAD"}"""));
        Assert.Equal("NOT_FOUND", missing.Error);
    }

    private static string Cdr(string id, string account, string destination, decimal cost) => $$$"""
        {"Tenant":"cgrates.org","ID":"{{{id}}}","Event":{"Account":"{{{account}}}","Destination":"{{{destination}}}","RunID":"*default",
         "AnswerTime":"2026-01-05T10:00:00Z","Usage":"1m","Cost":{{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}}
        """;

    private static string Usage(string usageId) => $$$"""
        {"Tenant":"cgrates.org","ID":"{{{usageId}}}","Event":{"Account":"1002"},"APIOpts":{"*rsUsageID":"{{{usageId}}}","*rsUnits":1}}
        """;

    private static async Task<JsonElement> CallAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }
}
