using NodaTime;
using NodaTime.Text;
using Obol.Primitives;
using Xunit;

namespace Obol.Rating.Tests;

/// <summary>
/// APIerSv1.GetCost vectors of general_tests/tutorial2_it_test.go (tutorial2 plan) and apier/v1/apier_it_test.go
/// (testtp plan). The API builds a voice descriptor whatever the category, with DurationIndex = Usage.
/// </summary>
public class Tutorial2RatingTests
{
    private static readonly RatingEngine s_tutorial2 = PlanFixture.Engine("tutorial2", roundingDecimals: 5);
    private static readonly RatingEngine s_testtp = PlanFixture.Engine("testtp", roundingDecimals: 5);

    private static (EventCost? Cost, string? Error) ApiCost(RatingEngine engine, string category, string subject, string destination,
        string answerTime, string usage)
    {
        var start = InstantPattern.ExtendedIso.Parse(answerTime).Value;
        var u = Usage.Parse(usage);
        var cd = PlanFixture.Call("cgrates.org", category, subject, destination, start, start + Duration.FromNanoseconds(u.Nanoseconds));
        cd.DurationIndex = u;
        return engine.GetEventCost(cd);
    }

    [Theory]
    [InlineData("call", "1001", "1002", "2019-03-11T09:00:00Z", "45s", "0.55")]
    [InlineData("call", "1001", "1002", "2019-03-11T21:00:00Z", "45s", "0.55")]
    [InlineData("call", "1001", "1003", "2019-03-11T09:00:00Z", "45s", "1.4")]
    [InlineData("call", "1001", "1003", "2019-03-11T21:00:00Z", "45s", "0.55")]
    [InlineData("call", "1002", "2001", "2019-03-11T09:00:00Z", "45s", "1.4")]
    [InlineData("call", "1002", "2001", "2020-01-01T21:00:00Z", "45s", "0.55")]
    [InlineData("data", "1001", "", "2019-03-11T09:00:00Z", "2048", "2")]
    [InlineData("sms", "1003", "1002", "2019-03-11T09:00:00Z", "1", "0.1")]
    [InlineData("sms", "1001", "1003", "2019-03-11T09:00:00Z", "1", "0.2")]
    public void GetEventCost_Tutorial2Vectors_MatchCgrates(string category, string subject, string destination, string answer,
        string usage, string expected)
    {
        var (ec, error) = ApiCost(s_tutorial2, category, subject, destination, answer, usage);
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected), ec!.Cost);
    }

    [Fact]
    public void GetEventCost_FortyFiveSecondsOnMinuteIncrements_RatesSixtySeconds()
    {
        var (ec, _) = ApiCost(s_tutorial2, "call", "1001", "1003", "2019-03-11T09:00:00Z", "45s");
        Assert.Equal(Usage.FromSeconds(60), ec!.Usage);
    }

    [Theory]
    [InlineData("call", "1001", "4003", "1m")]
    [InlineData("sms", "1001", "2001", "1")]
    public void GetEventCost_NoRate_UnauthorizedDestination(string category, string subject, string destination, string usage)
    {
        var (_, error) = ApiCost(s_tutorial2, category, subject, destination, "2019-03-11T09:00:00Z", usage);
        Assert.Equal(ErrorCodes.UnauthorizedDestination, error);
    }

    [Fact]
    public void GetEventCost_FallbackSubject_MatchesStandardPlan()
    {
        var start = Instant.FromUtc(2019, 3, 11, 9, 0);
        var result = s_tutorial2.GetCost(PlanFixture.Call("cgrates.org", "call", "1001", "1003", start, start + Duration.FromSeconds(45)));
        Assert.Equal("RP_STANDARD", result.CallCost!.Timespans[0].RatingPlanId);
        Assert.Equal("*out:cgrates.org:call:*any", result.CallCost.Timespans[0].MatchedSubject);
    }

    [Fact]
    public void GetEventCost_TesttpDataRoundedToIncrement_Costs128_024()
    {
        var (ec, error) = ApiCost(s_testtp, "data", "1001", "", "2019-03-11T09:00:00Z", "640113");
        Assert.Null(error);
        Assert.Equal(128.024m, ec!.Cost);
        Assert.Equal(new Usage(640120), ec.Usage);
    }
}
