using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>CDRs in a real engine with the sample tutorial config: postpaid CDRs from the switch are forked by ChargerS,
/// rated and debited once however often they are posted, and exported with the tutorial exporter's columns.</summary>
public sealed class CdrProcessTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-cdrs-{Guid.NewGuid():N}");

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
    public async Task ProcessEvent_PostpaidFrom1002AtZero_BalanceNegativeByExactCostOnceForThreeRetries()
    {
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
        await CallAsync(client, "APIerSv1.SetBalance",
            """{"Tenant":"cgrates.org","Account":"1002","BalanceType":"*monetary","Value":0,"Balance":{"ID":"test"}}""");

        Assert.Equal("OK", (await CallAsync(client, "CDRsV1.ProcessEvent", Cdr("call-1", "1002", "1001", "30s"))).GetString());
        for (var i = 0; i < 3; i++)
        {
            var retry = await client.CallRawAsync("CDRsV1.ProcessEvent", Encoding.UTF8.GetBytes(Cdr("call-1", "1002", "1001", "30s")));
            Assert.Equal("EXISTS", retry.Error);
        }

        var cdrs = await CallAsync(client, "APIerSv2.GetCDRs", """{"Accounts":["1002"]}""");
        Assert.Equal(["*default", "*raw"], cdrs.EnumerateArray().Select(c => c.GetProperty("RunID").GetString()));
        var rated = cdrs[0];
        var cost = rated.GetProperty("Cost").GetDecimal();
        Assert.True(cost > 0);
        Assert.Equal("*cdrs", rated.GetProperty("CostSource").GetString());
        Assert.Equal(-1m, cdrs[1].GetProperty("Cost").GetDecimal());
        var account = await CallAsync(client, "APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1002"}""");
        var balance = account.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
        Assert.Equal(-cost, balance);
        Assert.Equal(2, (await CallAsync(client, "CDRsV1.GetCDRsCount", "{}")).GetInt64());
    }

    [Fact]
    public async Task ExportCdrs_TutorialExporter_OneRowPerCdrOnce()
    {
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
        await CallAsync(client, "CDRsV1.ProcessEvent", Cdr("call-a", "1001", "1002", "1m7s"));
        await CallAsync(client, "CDRsV1.ProcessEvent", Cdr("call-b", "1003", "1001", "20s"));
        var before = Directory.GetFiles("/tmp", "tutorial_export_*.csv").ToHashSet();

        var reply = await CallAsync(client, "APIerSv1.ExportCDRs", """{"ExporterIDs":["tutorial_export"],"OriginIDs":["call-a","call-b"]}""");

        Assert.Equal("""{"tutorial_export":{}}""", reply.GetRawText());
        var file = Assert.Single(Directory.GetFiles("/tmp", "tutorial_export_*.csv"), f => !before.Contains(f));
        var rows = File.ReadAllLines(file);
        File.Delete(file);
        Assert.Equal(4, rows.Length);
        Assert.Equal(4, rows.Distinct().Count());
        Assert.Contains(rows, r => r.Contains(",*default,*voice,call-a,*postpaid,cgrates.org,call,1001,1001,1002,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",*raw,*voice,call-b,*none,", StringComparison.Ordinal));
    }

    private static string Cdr(string originId, string account, string destination, string usage) => $$$"""
        {"Tenant":"cgrates.org","ID":"{{{originId}}}","Event":{"OriginID":"{{{originId}}}","OriginHost":"10.0.0.1","RequestType":"*postpaid",
         "Account":"{{{account}}}","Subject":"{{{account}}}","Destination":"{{{destination}}}","Category":"call","ToR":"*voice",
         "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"{{{usage}}}"}}
        """;

    private static async Task<JsonElement> CallAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }
}
