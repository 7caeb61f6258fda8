using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>A copy of the tutorial plan with a few broken rows still gives every good row, and located errors.</summary>
public sealed class BrokenPlanTests
{
    [Fact]
    public void ReadFolder_BrokenTutorialCopy_ReportsLocatedErrorsAndKeepsTheGoodRows()
    {
        using var copy = new TempPlanCopy("tutorial");
        copy.ReplaceLine("Rates.csv", 4, "RT_20CNT,0.4,zero,60s,60s,0s");
        copy.ReplaceLine("DestinationRates.csv", 2, "DR_1001_20CNT,DST_1001,RT_20CNT,*sideways,4,0,");
        copy.ReplaceLine("RatingProfiles.csv", 3, "cgrates.org,call,1001,not-a-time,RP_1002,");
        copy.ReplaceLine("Filters.csv", 2, "cgrates.org,FLTR_RES,*equals,~*req.Account,1001;1002;1003,2014-07-29T15:00:00Z");
        copy.ReplaceLine(
            "Thresholds.csv",
            2,
            "cgrates.org,THD_ACNT_1001,FLTR_ACNT_1001,2014-07-29T15:00:00Z,1,1,1s,false,10,ACT_LOG_WARNING,sure,");
        copy.ReplaceLine("Attributes.csv", 9, "cgrates.org,ATTR_1001_SESSIONAUTH,,,,*req.Password,*constant,CGRateS.org,,");

        var result = TariffPlanReader.ReadFolder(copy.Path, TestPlans.Options);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                new TariffPlanError("Rates.csv", 4, "Rate", "invalid decimal \"zero\""),
                new TariffPlanError(
                    "DestinationRates.csv",
                    2,
                    "RoundingMethod",
                    "unknown rounding method \"*sideways\" (expected *up, *middle, *down or empty)"),
                // The DestinationRates row was left out, so the rating plan that binds it now dangles.
                new TariffPlanError("RatingPlans.csv", 4, "DestinationRatesID", "unknown DestinationRates \"DR_1001_20CNT\""),
                new TariffPlanError("RatingProfiles.csv", 3, "ActivationTime", "invalid time \"not-a-time\""),
                new TariffPlanError("Filters.csv", 2, "Type", "unsupported filter type \"*equals\""),
                new TariffPlanError("Resources.csv", 2, "FilterIDs", "unknown Filter \"FLTR_RES\" in tenant cgrates.org"),
                new TariffPlanError("Thresholds.csv", 2, "Async", "invalid boolean \"sure\""),
                new TariffPlanError("Attributes.csv", 9, "", "wrong number of fields: expected 11, got 10"),
            ],
            result.Errors);
        var plan = result.Plan;
        Assert.Equal(9, plan.Rates.Count);
        Assert.Equal([5], plan.Rates.Where(r => r.Id == "RT_20CNT").Select(r => r.Location.Line));
        Assert.Equal(5, plan.DestinationRates.Count);
        Assert.Equal(7, plan.RatingPlans.Count);
        Assert.Equal(7, plan.RatingProfiles.Count);
        Assert.Equal(6, plan.Filters.Count);
        Assert.Single(plan.Resources);
        Assert.Equal("THD_ACNT_1002", Assert.Single(plan.Thresholds).Id);
        Assert.Equal(11, plan.Attributes.Count);
        Assert.Equal(
            ["*req.RequestType", "*req.PaypalAccount", "*req.LCRProfile"],
            plan.Attributes.Single(a => a.Id == "ATTR_1001_SESSIONAUTH").Attributes.Select(a => a.Path));
        Assert.Equal(3, plan.Routes.Count);
        Assert.Equal(4, plan.Destinations.Count);
    }
}
