using System.Text;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.RemoveRatingPlan: the plan goes, and stays gone after a SIGKILL; a profile that activated it rates
/// nothing from it any more, as in CGRateS.</summary>
public sealed class RatingPlanRemovalTests
{
    private const string CostOf1003 =
        """{"Tenant":"cgrates.org","Category":"call","Subject":"1003","AnswerTime":"2025-01-01T10:00:00Z","Destination":"1001","Usage":"60s"}""";

    [Fact]
    public async Task RemoveRatingPlan_ThenSigkill_GoneAfterRestart()
    {
        await using var engine = await SessionEngine.StartAsync();
        Assert.Null((await engine.Api.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
        Assert.Null((await engine.Api.CallRawAsync("APIerSv1.GetCost", Json(CostOf1003))).Error);

        Assert.Null((await engine.Api.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"RP_1002_LOW\""))).Error);
        var used = await engine.Api.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"RP_1003\""));
        var missing = await engine.Api.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"\""));
        var absent = await engine.Api.CallRawAsync("APIerSv1.RemoveRatingPlan", Json("\"NO_SUCH_PLAN\""));

        Assert.Equal("NOT_FOUND", (await engine.Api.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
        Assert.Null(used.Error);
        Assert.Equal("NOT_FOUND", (await engine.Api.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1003\""))).Error);
        var cost = await engine.Api.CallRawAsync("APIerSv1.GetCost", Json(CostOf1003));
        // CGRateS skips an activation whose plan is gone, and finds no rate for the destination.
        Assert.Equal("SERVER_ERROR: UNAUTHORIZED_DESTINATION", cost.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", missing.Error);
        Assert.Null(absent.Error);

        await engine.KillAndRestartAsync();
        Assert.Equal("NOT_FOUND", (await engine.Api.CallRawAsync("APIerSv1.GetRatingPlan", Json("\"RP_1002_LOW\""))).Error);
        var ids = await engine.CallAsync("APIerSv1.GetRatingPlanIDs", "{}");
        Assert.Equal(["RP_1001", "RP_1002", "RP_MMS", "RP_SMS"], ids.EnumerateArray().Select(e => e.GetString()!));
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
