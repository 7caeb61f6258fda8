using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>Dangling IDs are reported at the row that names them; CGRateS-accepted ones only as warnings.</summary>
public sealed class CrossReferenceTests
{
    private static readonly (string, string) s_rates = ("Rates.csv", "RT_1,0,1,1s,1s,0\n");
    private static readonly (string, string) s_destinations = ("Destinations.csv", "DST_1,1001\n");
    private static readonly (string, string) s_destinationRates = ("DestinationRates.csv", "DR_1,DST_1,RT_1,*up,4,0,\n");
    private static readonly (string, string) s_ratingPlans = ("RatingPlans.csv", "RP_1,DR_1,*any,10\n");
    private static readonly (string, string) s_actions = ("Actions.csv", "A1,*log,,,,,,,,,,,,,,,10\n");
    private static readonly (string, string) s_filters = ("Filters.csv", "cgrates.org,FLTR_1,*string,~*req.Account,1001,\n");

    [Theory]
    [InlineData("DR_1,DST_X,RT_1,*up,4,0,", "DestinationID", "unknown Destination \"DST_X\"")]
    [InlineData("DR_1,DST_1,RT_X,*up,4,0,", "RatesID", "unknown Rates \"RT_X\"")]
    public void Read_DestinationRateWithUnknownId_IsAnError(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(s_rates, s_destinations, ("DestinationRates.csv", "#h\n" + row + "\n"));

        Assert.Equal(new TariffPlanError("DestinationRates.csv", 2, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_DestinationRateForAnyDestination_NeedsNoDestination()
    {
        var result = TestPlans.ReadTexts(s_rates, ("DestinationRates.csv", "DR_1,*any,RT_1,*up,4,0,\n"));

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("RP_1,DR_X,*any,10", "DestinationRatesID", "unknown DestinationRates \"DR_X\"")]
    [InlineData("RP_1,DR_1,PEAK,10", "TimingID", "unknown Timing \"PEAK\"")]
    public void Read_RatingPlanWithUnknownId_IsAnError(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(s_rates, s_destinations, s_destinationRates, ("RatingPlans.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("RatingPlans.csv", 1, column, message), TestPlans.SingleError(result));
    }

    [Theory]
    [InlineData("*any")]
    [InlineData("*asap")]
    [InlineData("*monthly")]
    [InlineData("*month_end")]
    [InlineData("PEAK")]
    public void Read_RatingPlanOnBuiltInOrDefinedTiming_IsAccepted(string timing)
    {
        var result = TestPlans.ReadTexts(
            s_rates,
            s_destinations,
            s_destinationRates,
            ("Timings.csv", "PEAK,*any,*any,*any,1;2;3;4;5,08:00:00\n"),
            ("RatingPlans.csv", $"RP_1,DR_1,{timing},10\n"));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_RatingProfileWithUnknownRatingPlan_IsAnError()
    {
        var result = TestPlans.ReadTexts(("RatingProfiles.csv", "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_X,\n"));

        Assert.Equal(
            new TariffPlanError("RatingProfiles.csv", 1, "RatingPlanID", "unknown RatingPlan \"RP_X\""),
            TestPlans.SingleError(result));
    }

    [Theory]
    [InlineData("AP_1,A_X,*asap,10", "ActionsID", "unknown Actions \"A_X\"")]
    [InlineData("AP_1,A1,NOON,10", "TimingID", "unknown Timing \"NOON\"")]
    public void Read_ActionPlanWithUnknownId_IsAnError(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(s_actions, ("ActionPlans.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("ActionPlans.csv", 1, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_ActionWithUnknownBalanceTiming_IsAnError()
    {
        var result = TestPlans.ReadTexts(("Actions.csv", "A1,*topup,,,,*voice,,,,,,*any;!NIGHT,60s,,,,10\n"));

        Assert.Equal(new TariffPlanError("Actions.csv", 1, "TimingIDs", "unknown Timing \"NIGHT\""), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_ActionTriggerWithUnknownActions_IsOnlyAWarning()
    {
        var result = TestPlans.ReadTexts(("ActionTriggers.csv", "AT1,,*min_balance,2,false,0,,,,*monetary,,,,,,,,,,A_X,10\n"));

        Assert.True(result.Succeeded);
        Assert.Equal(
            new TariffPlanError("ActionTriggers.csv", 1, "ActionsID", "unknown Actions \"A_X\"", IsWarning: true),
            Assert.Single(result.Errors));
        Assert.Single(result.Plan.ActionTriggers);
    }

    [Theory]
    [InlineData("cgrates.org,1001,AP_X,,,", "ActionPlanID", "unknown ActionPlan \"AP_X\"")]
    [InlineData("cgrates.org,1001,,AT_X,,", "ActionTriggersID", "unknown ActionTriggers \"AT_X\"")]
    public void Read_AccountActionWithUnknownId_IsAnError(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(("AccountActions.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("AccountActions.csv", 1, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_AccountActionWithoutPlanOrTriggers_IsAccepted()
    {
        Assert.Empty(TestPlans.ReadTexts(("AccountActions.csv", "cgrates.org,1001,,,,\n")).Errors);
    }

    [Fact]
    public void Read_DuplicateAccount_WarnsThatTheLastRowWins()
    {
        var result = TestPlans.ReadTexts(("AccountActions.csv", "cgrates.org,1001,,,,\ncgrates.org,1001,,,true,\n"));

        var warning = Assert.Single(result.Errors);
        Assert.Equal(("AccountActions.csv", 2, "Account", true), (warning.File, warning.Line, warning.Column, warning.IsWarning));
    }

    [Theory]
    [InlineData("Attributes.csv", "cgrates.org,P1,*any,FLTR_X,,,*req.A,*constant,1,false,10", "FilterIDs")]
    [InlineData("Attributes.csv", "cgrates.org,P1,*any,,,FLTR_X,*req.A,*constant,1,false,10", "AttributeFilterIDs")]
    [InlineData("Chargers.csv", "cgrates.org,P1,FLTR_1;FLTR_X,,*default,*none,0", "FilterIDs")]
    [InlineData("Routes.csv", "cgrates.org,P1,FLTR_X,,*weight,,,,,,,,,,,10", "FilterIDs")]
    [InlineData("Routes.csv", "cgrates.org,P1,,,*weight,,route1,FLTR_X,,,,,10,,,10", "RouteFilterIDs")]
    [InlineData("Stats.csv", "cgrates.org,P1,FLTR_X,,100,-1,0,*tcc,,false,true,30,*none", "FilterIDs")]
    [InlineData("Stats.csv", "cgrates.org,P1,,,100,-1,0,*tcc,FLTR_X,false,true,30,*none", "MetricFilterIDs")]
    [InlineData("Thresholds.csv", "cgrates.org,P1,FLTR_X,,1,1,1s,false,10,*none,true,", "FilterIDs")]
    [InlineData("Resources.csv", "cgrates.org,P1,FLTR_X,,-1,7,,false,true,10,*none", "FilterIDs")]
    public void Read_ProfileWithUnknownFilter_IsAnError(string file, string row, string column)
    {
        var result = TestPlans.ReadTexts(s_filters, (file, "#h\n" + row + "\n"));

        Assert.Equal(
            new TariffPlanError(file, 2, column, "unknown Filter \"FLTR_X\" in tenant cgrates.org"),
            TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_FilterOfAnotherTenant_IsUnknown()
    {
        var result = TestPlans.ReadTexts(s_filters, ("Thresholds.csv", "cgrates.com,T1,FLTR_1,,1,1,1s,false,10,*none,true,\n"));

        Assert.Equal("unknown Filter \"FLTR_1\" in tenant cgrates.com", TestPlans.SingleError(result).Message);
    }

    [Fact]
    public void Read_InlineFiltersAndKnownFilters_NeedNoFurtherDefinition()
    {
        var result = TestPlans.ReadTexts(
            s_filters,
            ("Attributes.csv", "cgrates.org,P1,*any,FLTR_1;*string:~*req.Account:1001,,*gte:~*req.Usage:10s,*req.A,*constant,1,false,10\n"),
            ("Stats.csv", "cgrates.org,S1,*notstring:~*req.Account:1002,,100,-1,0,*tcc,*exists:~*req.PDD:,false,true,30,*none\n"));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_ThresholdWithUnknownActions_IsOnlyAWarning()
    {
        var result = TestPlans.ReadTexts(s_actions, ("Thresholds.csv", "cgrates.org,T1,,,1,1,1s,false,10,A1;A_X;*none,true,\n"));

        Assert.Equal([new TariffPlanError("Thresholds.csv", 1, "ActionIDs", "unknown Actions \"A_X\"", IsWarning: true)], result.Errors);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("Stats.csv", "cgrates.org,S1,,,100,-1,0,*tcc,,false,true,30,T1;THD_X;*none", "ThresholdIDs")]
    [InlineData("Resources.csv", "cgrates.org,R1,,,-1,7,,false,true,10,THD_X;T1", "ThresholdIDs")]
    public void Read_ProfileWithUnknownThreshold_IsOnlyAWarning(string file, string row, string column)
    {
        var result = TestPlans.ReadTexts(("Thresholds.csv", "cgrates.org,T1,,,1,1,1s,false,10,*none,true,\n"), (file, row + "\n"));

        Assert.Equal(
            [new TariffPlanError(file, 1, column, "unknown Threshold \"THD_X\" in tenant cgrates.org", IsWarning: true)],
            result.Errors);
    }

    [Fact]
    public void Read_ChargerWithUnknownAttributeProfile_IsOnlyAWarning()
    {
        var result = TestPlans.ReadTexts(
            ("Attributes.csv", "cgrates.org,ATTR_1,*any,,,,*req.A,*constant,1,false,10\n"),
            (
                "Chargers.csv",
                """
                cgrates.org,C1,,,*default,ATTR_1;ATTR_X,0
                cgrates.org,C2,,,*raw,*constant:*req.RequestType:*none,0
                cgrates.org,C3,,,*x,*none,0
                """));

        Assert.Equal(
            [
                new TariffPlanError(
                    "Chargers.csv", 1, "AttributeIDs", "unknown AttributeProfile \"ATTR_X\" in tenant cgrates.org", IsWarning: true),
            ],
            result.Errors);
    }

    [Fact]
    public void Read_RouteWithUnknownRatingPlan_IsOnlyAWarning()
    {
        var result = TestPlans.ReadTexts(
            s_rates, s_destinations, s_destinationRates, s_ratingPlans,
            ("Routes.csv", "cgrates.org,R1,,,*lc,,,,,,,,,,,10\ncgrates.org,R1,,,,,route1,,,RP_1;RP_X,,,10,,,\n"));

        Assert.Equal(
            [new TariffPlanError("Routes.csv", 2, "RouteRatingPlanIDs", "unknown RatingPlan \"RP_X\"", IsWarning: true)],
            result.Errors);
    }
}
