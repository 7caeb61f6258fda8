using Xunit;

namespace Obol.Engine.Tests;

/// <summary>RALsV1.GetRatingPlansCost (console <c>ratingplan_cost</c>): the cost on the first plan that rates the call.</summary>
public sealed class RatingPlanCostTests
{
    [Fact]
    public async Task GetRatingPlansCost_FirstPlanCannotRateTheDestination_AnswersTheNextPlansCost()
    {
        await using var engine = await SessionEngine.StartAsync();
        var tariff = await engine.TariffCostAsync("1001", "1002", "1m");

        // RP_1003 rates only DST_1001 in the tutorial; RP_1001 is what rates 1001's calls to 1002.
        var reply = await engine.CallAsync("RALsV1.GetRatingPlansCost", """
            {"RatingPlanIDs":["RP_1003","RP_1001"],"Destination":"1002","SetupTime":"2026-01-05T10:00:05Z","Usage":"1m"}
            """);
        var none = await engine.CallAsync("RALsV1.GetRatingPlansCost", """
            {"RatingPlanIDs":["RP_1003"],"Destination":"1002","SetupTime":"2026-01-05T10:00:05Z","Usage":"1m"}
            """);
        var missing = await engine.Api.CallRawAsync("RALsV1.GetRatingPlansCost", """{"Destination":"1002"}"""u8.ToArray());

        Assert.Equal("RP_1001", reply.GetProperty("RatingPlanID").GetString());
        Assert.Equal(tariff, reply.GetProperty("EventCost").GetProperty("Cost").GetDecimal());
        Assert.Equal("""{"EventCost":null,"RatingPlanID":""}""", none.GetRawText());
        Assert.Equal("MANDATORY_IE_MISSING: [RatingPlanIDs SetupTime Usage]", missing.Error);
    }
}
