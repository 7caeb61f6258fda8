using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Rating.Tests;

/// <summary>
/// The GetCost vectors of CGRateS engine/calldesc_test.go on its engine_loader_csv plan, which run with 6 global
/// rounding decimals (rating-semantics.md §0, §1.4, §4, §6.3a, §6.4, §6.5).
/// </summary>
public class EngineLoaderCsvRatingTests
{
    private static readonly RatingEngine s_engine = PlanFixture.Engine("engine_loader_csv", roundingDecimals: 6);

    private static CallCost Cost(CallDescriptor cd, bool expectSuccess = true)
    {
        var result = s_engine.GetCost(cd);
        if (expectSuccess)
        {
            Assert.Null(result.Error);
        }
        return result.CallCost!;
    }

    private static Instant Utc(int y, int mo, int d, int h, int mi, int s = 0) => Instant.FromUtc(y, mo, d, h, mi, s);

    [Fact]
    public void GetCost_TwoTimingsAcrossSixPm_Costs2701WithConnectFee()
    {
        var cc = Cost(PlanFixture.Call("vdf", "0", "rif", "0256", Utc(2012, 2, 2, 17, 30), Utc(2012, 2, 2, 18, 30)));
        Assert.Equal(2701m, cc.Cost);
        Assert.Equal(1m, cc.ConnectFee);
    }

    [Fact]
    public void GetCost_LaterLoop_OmitsConnectFee()
    {
        var cd = PlanFixture.Call("vdf", "0", "rif", "0256", Utc(2012, 2, 2, 17, 30), Utc(2012, 2, 2, 18, 30));
        cd.LoopIndex = 1;
        var cc = Cost(cd);
        Assert.Equal(2700m, cc.Cost);
        Assert.Equal(1m, cc.ConnectFee);
    }

    [Fact]
    public void GetCost_ZeroDuration_CostsZeroWithRatingInfo()
    {
        var cc = Cost(PlanFixture.Call("vdf", "0", "rif", "0256", Utc(2012, 2, 2, 17, 30), Utc(2012, 2, 2, 17, 30)));
        Assert.Equal(0m, cc.Cost);
        Assert.Equal(0m, cc.ConnectFee);
        Assert.Single(cc.Timespans);
        Assert.Equal("*out:vdf:0:rif", cc.Timespans[0].MatchedSubject);
    }

    [Fact]
    public void GetCost_RateGroupsWithDurationIndex_Costs85InTwoSpans()
    {
        var cd = PlanFixture.Call("test", "0", "trp", "0256", Utc(2013, 10, 8, 9, 23, 2), Utc(2013, 10, 8, 9, 24, 27));
        cd.DurationIndex = Usage.FromSeconds(85);
        var cc = Cost(cd);
        Assert.Equal(85m, cc.Cost);
        Assert.Equal(0m, cc.ConnectFee);
        Assert.Equal(2, cc.Timespans.Count);
    }

    [Fact]
    public void GetCost_RateGroups132Seconds_Costs132()
    {
        var cd = PlanFixture.Call("test", "0", "trp", "0256", Utc(2013, 10, 7, 14, 50), Utc(2013, 10, 7, 14, 52, 12));
        cd.DurationIndex = Usage.FromSeconds(132);
        Assert.Equal(132m, Cost(cd).Cost);
    }

    [Theory]
    [InlineData("0256308200", 2012, 2, 2, 17, 30, 2012, 2, 2, 18, 30, "2701", "1")]
    [InlineData("0257308200", 2012, 2, 8, 17, 30, 2012, 2, 8, 18, 30, "2701", "1")]
    [InlineData("0257308200", 2012, 2, 7, 23, 50, 2012, 2, 8, 0, 30, "2100", "0")]
    [InlineData("0257308200", 2012, 2, 8, 23, 50, 2012, 2, 8, 23, 50, "0", "0")]
    [InlineData("0723045326", 2012, 2, 8, 22, 50, 2012, 2, 8, 23, 50, "1810.5", "0")]
    [InlineData("0723", 2012, 2, 8, 22, 50, 2012, 2, 8, 22, 51, "55", "0")]
    public void GetCost_RifSubject_MatchesCgratesVectors(string destination, int y1, int mo1, int d1, int h1, int mi1,
        int y2, int mo2, int d2, int h2, int mi2, string expectedCost, string expectedFee)
    {
        var end = Utc(y2, mo2, d2, h2, mi2);
        // The 0723045326 call ends at 23:50:21 and the 0723 call at 22:51:50 (calldesc_test.go TestUniquePrice, TestMinutesCost).
        if (destination == "0723045326")
        {
            end += Duration.FromSeconds(21);
        }
        if (destination == "0723")
        {
            end += Duration.FromSeconds(50);
        }
        var cc = Cost(PlanFixture.Call("vdf", "0", "rif", destination, Utc(y1, mo1, d1, h1, mi1), end));
        Assert.Equal(decimal.Parse(expectedCost), cc.Cost);
        Assert.Equal(decimal.Parse(expectedFee), cc.ConnectFee);
    }

    [Fact]
    public void GetCost_HalfMinute_Costs15()
    {
        var cc = Cost(PlanFixture.Call("vdf", "0", "rif", "0257308200", Utc(2012, 2, 8, 23, 50), Utc(2012, 2, 8, 23, 50, 30)));
        Assert.Equal(15m, cc.Cost);
    }

    [Fact]
    public void GetCost_UnknownSubject_FallsBackToAnySubject()
    {
        var cc = Cost(PlanFixture.Call("vdf", "0", "not_exiting", "025740532", Utc(2013, 2, 1, 17, 30), Utc(2013, 2, 1, 18, 30)));
        Assert.Equal(2701m, cc.Cost);
        Assert.Equal(1m, cc.ConnectFee);
    }

    [Fact]
    public void GetCost_UnknownSubjectWithoutAnyProfile_RatingPlanNotFoundAndMinusOne()
    {
        var result = s_engine.GetCost(PlanFixture.Call("cgrates.org", "0", "not_exiting", "025740532", Utc(2013, 2, 1, 17, 30), Utc(2013, 2, 1, 18, 30)));
        Assert.Equal(ErrorCodes.RatingPlanNotFound, result.Error);
        Assert.Equal(-1m, result.CallCost!.Cost);
    }

    [Fact]
    public void GetCost_RoundingSubject_AppliesRatingRoundingToTotal()
    {
        var cc = Cost(PlanFixture.Call("cgrates.org", "call", "round", "49", Utc(2017, 2, 2, 17, 30), Utc(2017, 2, 2, 17, 33)));
        Assert.Equal(0.3001m, cc.Cost);
        Assert.Equal(0m, cc.ConnectFee);
    }

    [Fact]
    public void GetCost_DyRoundingIssue_RoundsUpToTwoDecimals()
    {
        var cd = PlanFixture.Call("cgrates.org", "call", "dy", "0723123113", Utc(2015, 10, 26, 13, 29, 27), Utc(2015, 10, 26, 13, 29, 51));
        cd.Account = "dy";
        Assert.Equal(0.17m, Cost(cd).Cost);
    }

    [Fact]
    public void GetCost_MaxCostDisconnect_IsNotAppliedByGetCost()
    {
        var cd = PlanFixture.Call("cgrates.org", "call", "max", "0723123113", Utc(2015, 3, 23, 6, 0), Utc(2015, 3, 23, 6, 30));
        Assert.Equal(1800m, Cost(cd).Cost);
    }

    [Fact]
    public void GetCost_MaxCostFree_CapsTotal()
    {
        var cd = PlanFixture.Call("cgrates.org", "call", "max", "0723123113", Utc(2015, 3, 23, 19, 0), Utc(2015, 3, 23, 19, 30));
        Assert.Equal(10m, Cost(cd).Cost);
    }

    [Fact]
    public void GetCost_DataAnyDestination_OneSecondCosts60()
    {
        var cd = PlanFixture.Call("cgrates.org", "data", "rif", "*any", Utc(2014, 3, 4, 6, 0), Utc(2014, 3, 4, 6, 0, 1), Meta.Data);
        Assert.Equal(60m, Cost(cd).Cost);
    }

    [Fact]
    public void GetCost_DataSixtyFiveSeconds_Costs65()
    {
        var cd = PlanFixture.Call("cgrates.org", "data", "rif", "*any", Utc(2014, 3, 4, 6, 0), Utc(2014, 3, 4, 6, 1, 5), Meta.Data);
        Assert.Equal(65m, Cost(cd).Cost);
    }

    [Theory]
    [InlineData(2012, 2, 27, 23, 50, 2012, 2, 28, 18, 10, 3)]
    [InlineData(2012, 2, 27, 9, 50, 2012, 2, 28, 18, 10, 4)]
    [InlineData(2012, 2, 20, 9, 50, 2012, 2, 23, 18, 10, 8)]
    [InlineData(2012, 2, 24, 9, 50, 2012, 2, 27, 18, 10, 5)]
    public void GetCost_MultiDayCalls_ContiguousSpansCountMatchesCgrates(int y1, int mo1, int d1, int h1, int mi1,
        int y2, int mo2, int d2, int h2, int mi2, int expectedSpans)
    {
        var start = Utc(y1, mo1, d1, h1, mi1);
        var end = Utc(y2, mo2, d2, h2, mi2);
        var cd = PlanFixture.Call("CUSTOMER_1", "0", "rif:from:tm", "49178", start, end);
        cd.DurationIndex = new Usage((end - start).ToInt64Nanoseconds());
        var cc = Cost(cd);
        Assert.Equal(expectedSpans, cc.Timespans.Count);
        for (var i = 1; i < cc.Timespans.Count; i++)
        {
            Assert.Equal(cc.Timespans[i - 1].TimeEnd, cc.Timespans[i].TimeStart);
        }
    }
}
