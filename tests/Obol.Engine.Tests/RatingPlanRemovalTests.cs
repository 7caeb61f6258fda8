using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.RemoveRatingPlan: the plan goes, and stays gone after a SIGKILL; a profile that activated it rates
/// nothing from it any more, as in CGRateS.</summary>
public sealed class RatingPlanRemovalTests : IDisposable
{
    private const string CostOf1003 =
        """{"Tenant":"cgrates.org","Category":"call","Subject":"1003","AnswerTime":"2025-01-01T10:00:00Z","Destination":"1001","Usage":"60s"}""";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-rpremove-{Guid.NewGuid():N}");

    private string[] EngineArgs =>
    [
        "-data_dir", _dataDir, "-logger", "*stdout", "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
    ];

    [Fact]
    public async Task RemoveRatingPlan_ThenSigkill_GoneAfterRestart()
    {
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            Assert.Null((await client.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
            Assert.Null((await client.CallRawAsync("APIerSv1.GetCost", Json(CostOf1003))).Error);

            Assert.Null((await client.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"RP_1002_LOW\""))).Error);
            var used = await client.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"RP_1003\""));
            var missing = await client.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"\""));
            var absent = await client.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"NO_SUCH_PLAN\""));

            Assert.Equal("NOT_FOUND", (await client.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
            Assert.Null(used.Error);
            Assert.Equal("NOT_FOUND", (await client.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1003\""))).Error);
            var cost = await client.CallRawAsync("APIerSv1.GetCost", Json(CostOf1003));
            // CGRateS skips an activation whose plan is gone, and finds no rate for the destination.
            Assert.Equal("SERVER_ERROR: UNAUTHORIZED_DESTINATION", cost.Error);
            Assert.Equal("MANDATORY_IE_MISSING: [ID]", missing.Error);
            Assert.Null(absent.Error);
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }

        using var restarted = ObolProcess.Start("obol-engine", EngineArgs);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());
        Assert.Equal("NOT_FOUND", (await again.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
        var ids = await again.CallRawAsync("APIerSv1.GetRatingPlanIDs", Json("{}"));
        using var document = JsonDocument.Parse(ids.Result);
        Assert.Equal(["RP_1001", "RP_1002", "RP_MMS", "RP_SMS"], document.RootElement.EnumerateArray().Select(e => e.GetString()!));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
