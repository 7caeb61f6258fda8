using Obol.Primitives;
using Xunit;

namespace Obol.TariffPlans.Tests;

public sealed class RatingFileTests
{
    [Fact]
    public void Rates_TutorialRt20Cnt_HasBothSlotsWithDurationsAndLocations()
    {
        var rates = TestPlans.ReadReference("tutorial").Plan.Rates.Where(r => r.Id == "RT_20CNT").ToList();

        Assert.Equal(2, rates.Count);
        var minute = Usage.FromSeconds(60);
        Assert.Equal(new TpRate(new SourceLocation("Rates.csv", 4), "RT_20CNT", 0.4m, 0.2m, minute, minute, Usage.Zero), rates[0]);
        Assert.Equal(new TpRate(new SourceLocation("Rates.csv", 5), "RT_20CNT", 0m, 0.1m, minute, Usage.FromSeconds(1), minute), rates[1]);
    }

    [Fact]
    public void Rates_BareNumbers_AreNanoseconds()
    {
        var sms = TestPlans.ReadReference("tutorial").Plan.Rates.Single(r => r.Id == "RT_SMS");

        Assert.Equal(new Usage(1), sms.RateUnit);
        Assert.Equal(new Usage(1), sms.RateIncrement);
        Assert.Equal(Usage.Zero, sms.GroupIntervalStart);
    }

    [Fact]
    public void Rates_Tutorial2EmptyConnectFeeAndMinuteUnits_ReadAsZeroAndMinutes()
    {
        var slots = TestPlans.ReadReference("tutorial2").Plan.Rates.Where(r => r.Id == "RT_120C").ToList();

        Assert.Equal(0.2m, slots[0].ConnectFee);
        Assert.Equal(0m, slots[1].ConnectFee);
        Assert.Equal(Usage.FromMinutes(1), slots[1].RateUnit);
        Assert.Equal(Usage.FromSeconds(1), slots[1].RateIncrement);
        Assert.Equal(Usage.FromMinutes(1), slots[1].GroupIntervalStart);
    }

    [Fact]
    public void Timings_Tutorial2_ParsesListsAndTimes()
    {
        var timings = TestPlans.ReadReference("tutorial2").Plan.Timings.ToDictionary(t => t.Id);

        var peak = timings["PEAK"];
        Assert.Equal(new SourceLocation("Timings.csv", 2), peak.Location);
        Assert.Empty(peak.Years);
        Assert.Empty(peak.Months);
        Assert.Empty(peak.MonthDays);
        Assert.Equal([1, 2, 3, 4, 5], peak.WeekDays);
        Assert.Equal("08:00:00", peak.Time);
        Assert.Equal([6, 7], timings["OFFPEAK_WEEKEND"].WeekDays);
        Assert.Equal([1], timings["NEW_YEAR"].Months);
        Assert.Equal([1], timings["NEW_YEAR"].MonthDays);
        Assert.Equal("12:00:00", timings["TM_NOON"].Time);
    }

    [Fact]
    public void Timings_EmptyListsAndAsap_ReadAsAnyAndAsap()
    {
        var oneTimeRun = TestPlans.ReadReference("engine_loader_csv").Plan.Timings.Single(t => t.Id == "ONE_TIME_RUN");

        Assert.Equal([2012], oneTimeRun.Years);
        Assert.Empty(oneTimeRun.Months);
        Assert.Empty(oneTimeRun.WeekDays);
        Assert.Equal("*asap", oneTimeRun.Time);
    }

    [Fact]
    public void Destinations_Tutorial2_KeepOneRecordPerPrefix()
    {
        var destinations = TestPlans.ReadReference("tutorial2").Plan.Destinations;

        Assert.Equal(new TpDestination(new SourceLocation("Destinations.csv", 2), "DST_10", "10"), destinations[0]);
        Assert.Equal(["20", "30"], destinations.Where(d => d.Id == "DST_2030").Select(d => d.Prefix));
    }

    [Fact]
    public void DestinationRates_TutorialMaxCost_ParsesRoundingAndStrategy()
    {
        var rate = TestPlans.ReadReference("tutorial").Plan.DestinationRates.Single(d => d.Id == "DR_1003_MAXCOST_DISC");

        Assert.Equal(
            new TpDestinationRate(new SourceLocation("DestinationRates.csv", 4), "DR_1003_MAXCOST_DISC", "DST_1003", "RT_1CNT_PER_SEC",
                RoundingMethod.Up, "*up", 4, 0.12m, "*disconnect"),
            rate);
    }

    [Fact]
    public void DestinationRates_EmptyMaxCostAndMiddleRounding_ReadAsZeroAndMiddle()
    {
        var tutorial2 = TestPlans.ReadReference("tutorial2").Plan.DestinationRates.Single(d => d.Id == "DR_10_120C");
        var testtp = TestPlans.ReadReference("testtp").Plan.DestinationRates.Single(d => d.Id == "DR_FREE");

        Assert.Equal(0m, tutorial2.MaxCost);
        Assert.Equal("", tutorial2.MaxCostStrategy);
        Assert.Equal(RoundingMethod.Middle, testtp.RoundingMethod);
        Assert.Equal(2, testtp.RoundingDecimals);
    }

    [Fact]
    public void RatingPlans_Tutorial_KeepOneBindingPerRow()
    {
        var plans = TestPlans.ReadReference("tutorial").Plan.RatingPlans.Where(p => p.Id == "RP_1001").ToList();

        Assert.Equal(
            [
                new TpRatingPlan(new SourceLocation("RatingPlans.csv", 2), "RP_1001", "DR_1002_20CNT", "*any", 10m),
                new TpRatingPlan(new SourceLocation("RatingPlans.csv", 3), "RP_1001", "DR_1003_MAXCOST_DISC", "*any", 10m),
            ],
            plans);
    }

    [Fact]
    public void RatingProfiles_Tutorial_KeepActivationTextAndEmptyFallbacks()
    {
        var profile = TestPlans.ReadReference("tutorial").Plan.RatingProfiles[0];

        Assert.Equal(new SourceLocation("RatingProfiles.csv", 2), profile.Location);
        Assert.Equal(("cgrates.org", "call", "1001"), (profile.Tenant, profile.Category, profile.Subject));
        Assert.Equal("2014-01-14T00:00:00Z", profile.ActivationTime);
        Assert.Equal("RP_1001", profile.RatingPlanId);
        Assert.Empty(profile.FallbackSubjects);
    }

    [Fact]
    public void RatingProfiles_FallbackSubjects_SplitOnSemicolons()
    {
        var trp = TestPlans.ReadReference("engine_loader_csv").Plan.RatingProfiles.Single(p => p.Subject == "trp");
        var tutorial2 = TestPlans.ReadReference("tutorial2").Plan.RatingProfiles.Single(p => p.Subject == "1001");

        Assert.Equal(["rif", "danb"], trp.FallbackSubjects);
        Assert.Equal("0", trp.Category);
        Assert.Equal(["*any"], tutorial2.FallbackSubjects);
    }
}
