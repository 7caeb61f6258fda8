using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Rating.Tests;

/// <summary>
/// The tutorial plan the seed walks through, with the running engine's 5 rounding decimals
/// (rating-semantics.md §1.4, §6.6, §6.7; apier/v1/costs_it_test.go, general_tests/tutorial_it_test.go).
/// </summary>
public class TutorialRatingTests
{
    private static readonly RatingEngine s_engine = PlanFixture.Engine("tutorial", roundingDecimals: 5);
    private static readonly Instant s_answer = Instant.FromUtc(2014, 8, 4, 13, 0);

    private static EventCost ApiCost(string subject, string destination, string usage, string category = "call")
    {
        var cd = PlanFixture.Call("cgrates.org", category, subject, destination, s_answer, s_answer + Duration.FromNanoseconds(Usage.Parse(usage).Nanoseconds));
        var (cost, error) = s_engine.GetEventCost(cd);
        Assert.Null(error);
        return cost!;
    }

    [Theory]
    [InlineData("1002", "20s", "0.6", 60)]
    [InlineData("1002", "1m25s", "0.64175", 85)]
    [InlineData("1003", "20s", "0.2", 20)]
    public void GetEventCost_SeedQueries_MatchCgrates(string destination, string usage, string expectedCost, int expectedSeconds)
    {
        var ec = ApiCost("1001", destination, usage);
        Assert.Equal(decimal.Parse(expectedCost), ec.Cost);
        Assert.Equal(Usage.FromSeconds(expectedSeconds), ec.Usage);
    }

    [Fact]
    public void GetEventCost_TwoMinutes_MatchesConsoleItStructure()
    {
        var ec = ApiCost("1001", "1002", "2m");
        Assert.Equal(0.7002m, ec.Cost);
        Assert.Equal(Usage.FromMinutes(2), ec.Usage);
        Assert.Equal(2, ec.Charges.Count);
        Assert.Equal(
            [new ChargingIncrement(Usage.Zero, 0.4m, "", 1), new ChargingIncrement(Usage.FromSeconds(60), 0.2m, "", 1)],
            ec.Charges[0].Increments);
        Assert.Equal([new ChargingIncrement(Usage.FromSeconds(1), 0.00167m, "", 60)], ec.Charges[1].Increments);
        Assert.Equal(ec.Charges[0].RatingID, ec.Charges[1].RatingID);
        var rating = Assert.Single(ec.Rating).Value;
        Assert.Equal(new RatingUnit(0.4m, "*up", 4, 0m, "", rating.TimingID, rating.RatesID, rating.RatingFiltersID), rating);
        Assert.Equal(
            [new RateSlot(Usage.Zero, 0.2m, Usage.FromSeconds(60), Usage.FromSeconds(60)), new RateSlot(Usage.FromSeconds(60), 0.1m, Usage.FromSeconds(1), Usage.FromSeconds(60))],
            ec.Rates[rating.RatesID]);
        var filters = ec.RatingFilters[rating.RatingFiltersID];
        Assert.Equal("DST_1002", filters["DestinationID"]);
        Assert.Equal("1002", filters["DestinationPrefix"]);
        Assert.Equal("RP_1001", filters["RatingPlanID"]);
        Assert.Equal("*out:cgrates.org:call:1001", filters["Subject"]);
        Assert.Equal("00:00:00", ec.Timings[rating.TimingID].StartTime);
        Assert.Equal(new LocalDateTime(2014, 8, 4, 13, 0).WithOffset(Offset.Zero), ec.StartTime);
    }

    [Fact]
    public void GetEventCost_TwoMinutesTenSeconds_Costs0_7169() => Assert.Equal(0.7169m, ApiCost("1001", "1002", "2m10s").Cost);

    [Fact]
    public void GetEventCost_OneHourTo1002_Costs6_5118() => Assert.Equal(6.5118m, ApiCost("1001", "1002", "1h").Cost);

    [Fact]
    public void GetEventCost_OneHourTo1003_IgnoresDisconnectMaxCost() => Assert.Equal(36m, ApiCost("1001", "1003", "1h").Cost);

    [Fact]
    public void GetCost_OneMinuteTwentyFive_CallCostAppliesRatingRounding()
    {
        var cd = PlanFixture.Call("cgrates.org", "call", "1001", "1002", s_answer, s_answer + Duration.FromSeconds(85));
        Assert.Equal(0.6418m, s_engine.GetCost(cd).CallCost!.Cost);
    }

    [Fact]
    public void GetCost_ActivationBeforeCall_UsesLatestActivePlan()
    {
        // 1001 has RP_1002 from 2010 and RP_1001 from 2014-01-14; RP_1002 has no rate for 1002.
        var before = Instant.FromUtc(2013, 6, 1, 12, 0);
        var early = s_engine.GetCost(PlanFixture.Call("cgrates.org", "call", "1001", "1002", before, before + Duration.FromSeconds(20)));
        Assert.Equal(ErrorCodes.UnauthorizedDestination, early.Error);
        var later = s_engine.GetCost(PlanFixture.Call("cgrates.org", "call", "1001", "1002", s_answer, s_answer + Duration.FromSeconds(20)));
        Assert.Equal("RP_1001", later.CallCost!.Timespans[0].RatingPlanId);
    }

    [Fact]
    public void GetCost_NoRateForDestination_UnauthorizedDestination()
    {
        var result = s_engine.GetCost(PlanFixture.Call("cgrates.org", "call", "1002", "1003", s_answer, s_answer + Duration.FromSeconds(20)));
        Assert.Equal(ErrorCodes.UnauthorizedDestination, result.Error);
    }

    [Theory]
    [InlineData(Meta.Sms, "sms", "1", "0.01")]
    [InlineData(Meta.Mms, "mms", "3", "0.03")]
    public void GetEventCost_MessagesByCount_PricePerUnit(string tor, string category, string count, string expected)
    {
        var cd = PlanFixture.Call("cgrates.org", category, "1001", "1002", s_answer, s_answer + Duration.FromNanoseconds(long.Parse(count)), tor);
        var (ec, error) = s_engine.GetEventCost(cd);
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected), ec!.Cost);
    }
}
