using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>Every kind of bad field is reported at its file, line and column, and the bad row is left out.</summary>
public sealed class FieldErrorTests
{
    private const string RatesHeader = "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\n";

    [Fact]
    public void Read_BadDecimal_IsLocatedAtItsColumn()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", RatesHeader + "RT_A,0.1,abc,60s,60s,0s\n"));

        Assert.Equal(new TariffPlanError("Rates.csv", 2, "Rate", "invalid decimal \"abc\""), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Rates);
    }

    [Fact]
    public void Read_BadDuration_FormatsAsFileLineColumnMessage()
    {
        var text = RatesHeader + "RT_A,0,0.1,60s,60s,0s\n\n# slots\n\nRT_B,0,0.1,60s,60s,0s\nRT_B,0,0.1,1x,1s,60s\n";

        var error = TestPlans.SingleError(TestPlans.ReadTexts(("Rates.csv", text)));

        Assert.Equal("Rates.csv:7: RateUnit: invalid duration \"1x\"", error.ToString());
    }

    [Fact]
    public void Read_DecimalWithExponent_IsAccepted()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "RT_A,1e-2,2.5E1,60s,60s,0\n"));

        Assert.Empty(result.Errors);
        Assert.Equal((0.01m, 25m), (result.Plan.Rates[0].ConnectFee, result.Plan.Rates[0].Rate));
    }

    [Fact]
    public void Read_SeveralBadFieldsInOneRow_ReportsEachAndSkipsTheRow()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "RT_A,x,0.1,60s,y,0s\nRT_B,0,0.1,60s,60s,0s\n"));

        Assert.Equal(
            [
                new TariffPlanError("Rates.csv", 1, "ConnectFee", "invalid decimal \"x\""),
                new TariffPlanError("Rates.csv", 1, "RateIncrement", "invalid duration \"y\""),
            ],
            result.Errors);
        Assert.Equal("RT_B", Assert.Single(result.Plan.Rates).Id);
    }

    [Fact]
    public void Read_WrongFieldCount_NamesExpectedAndActualCount()
    {
        var result = TestPlans.ReadTexts(("Destinations.csv", "#Id,Prefix\nDST_A,1001\nDST_B,1002,extra\nDST_C\n"));

        Assert.Equal(
            [
                new TariffPlanError("Destinations.csv", 3, "", "wrong number of fields: expected 2, got 3"),
                new TariffPlanError("Destinations.csv", 4, "", "wrong number of fields: expected 2, got 1"),
            ],
            result.Errors);
        Assert.Equal("Destinations.csv:3: wrong number of fields: expected 2, got 3", result.Errors[0].ToString());
        Assert.Equal("DST_A", Assert.Single(result.Plan.Destinations).Id);
    }

    [Fact]
    public void Read_DuplicateGroupIntervalStart_IsAnError()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "RT_A,0,0.1,60s,60s,0s\nRT_A,0,0.2,60s,1s,0\n"));

        var error = TestPlans.SingleError(result);
        Assert.Equal(("Rates.csv", 2, "GroupIntervalStart"), (error.File, error.Line, error.Column));
        Assert.Equal("duplicate GroupIntervalStart 0s for rate \"RT_A\" (first at Rates.csv:1)", error.Message);
    }

    [Theory]
    [InlineData(
        "DR_A,*any,RT_A,*sideways,4,0,",
        "RoundingMethod",
        "unknown rounding method \"*sideways\" (expected *up, *middle, *down or empty)")]
    [InlineData("DR_A,*any,RT_A,*up,four,0,", "RoundingDecimals", "invalid integer \"four\"")]
    [InlineData("DR_A,*any,RT_A,*up,4,lots,", "MaxCost", "invalid decimal \"lots\"")]
    [InlineData(
        "DR_A,*any,RT_A,*up,4,1,*hangup",
        "MaxCostStrategy",
        "unknown max cost strategy \"*hangup\" (expected *free, *disconnect or empty)")]
    public void Read_BadDestinationRateField_IsLocated(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "RT_A,0,1,1s,1s,0\n"), ("DestinationRates.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("DestinationRates.csv", 1, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_EmptyRoundingMethod_IsNoRounding()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "RT_A,0,1,1s,1s,0\n"), ("DestinationRates.csv", "DR_A,*any,RT_A,,,,\n"));

        Assert.Empty(result.Errors);
        var rate = result.Plan.DestinationRates[0];
        Assert.Equal((Obol.Primitives.RoundingMethod.None, "", 0), (rate.RoundingMethod, rate.RoundingMethodText, rate.RoundingDecimals));
    }

    [Theory]
    [InlineData("T1,*any,13,*any,*any,00:00:00", "Months", "invalid value \"13\" (expected *any or integers 1..12 separated by ;)")]
    [InlineData("T1,*any,*any,*any,1;8,00:00:00", "WeekDays", "invalid value \"8\" (expected *any or integers 0..7 separated by ;)")]
    [InlineData("T1,20x4,*any,*any,*any,00:00:00", "Years", "invalid value \"20x4\" (expected *any or integers 0..9999 separated by ;)")]
    [InlineData("T1,*any,*any,*any,*any,25:00:00", "Time", "invalid time \"25:00:00\" (expected HH:MM:SS, *asap or start;end)")]
    public void Read_BadTimingField_IsLocated(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(("Timings.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("Timings.csv", 1, column, message), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Timings);
    }

    [Fact]
    public void Read_DuplicateTimingId_WarnsThatTheLastRowWins()
    {
        var result = TestPlans.ReadTexts(("Timings.csv", "T1,*any,*any,*any,*any,00:00:00\nT1,*any,*any,*any,6;7,08:00:00;18:00:00\n"));

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Errors);
        Assert.True(warning.IsWarning);
        Assert.Equal(("Timings.csv", 2, "ID"), (warning.File, warning.Line, warning.Column));
        Assert.Equal(2, result.Plan.Timings.Count);
    }

    [Fact]
    public void Read_BadActivationTime_IsLocated()
    {
        var result = TestPlans.ReadTexts(
            ("RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId\ncgrates.org,call,1001,yesterday,RP_1,\n"));

        Assert.Equal(
            new TariffPlanError("RatingProfiles.csv", 2, "ActivationTime", "invalid time \"yesterday\""),
            TestPlans.SingleError(result));
    }

    [Theory]
    [InlineData("2014-01-14 00:00:00")]
    [InlineData("*now")]
    [InlineData("+24h")]
    [InlineData("1389657600")]
    [InlineData("")]
    public void Read_ActivationTimeLayoutsOfGoTime_AreAccepted(string activationTime)
    {
        var result = TestPlans.ReadTexts(
            ("RatingProfiles.csv", $"cgrates.org,call,1001,{activationTime},RP_1,\n"),
            ("RatingPlans.csv", "RP_1,DR_1,*any,10\n"),
            ("DestinationRates.csv", "DR_1,*any,RT_1,*up,4,0,\n"),
            ("Rates.csv", "RT_1,0,1,1s,1s,0\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(activationTime, result.Plan.RatingProfiles[0].ActivationTime);
    }

    [Theory]
    [InlineData("A1,*bake_cake,,,,,,,,,,,,,,,10", "Action", "unknown action type \"*bake_cake\"")]
    [InlineData(
        "A1,*topup,,,,*gold,,,,,,,10,,,,10",
        "BalanceType",
        "unknown balance type \"*gold\" (expected *monetary, *voice, *sms, *mms, *data or *generic)")]
    [InlineData("A1,*topup,,,,*voice,,,,,,,10x,,,,10", "Units", "invalid units \"10x\" (expected a duration or a value formula)")]
    [InlineData("A1,*topup,,,,*monetary,,,,,,,ten,,,,10", "Units", "invalid units \"ten\" (expected a number or a value formula)")]
    [InlineData(
        "A1,*topup,,,,*monetary,,,,,,,{\"Method\":,,,,10",
        "Units",
        "invalid units \"{\"Method\":\" (expected a number or a value formula)")]
    [InlineData("A1,*topup,,,,*monetary,,,,,,,1,heavy,,,10", "BalanceWeight", "invalid decimal \"heavy\"")]
    [InlineData("A1,*topup,,,,*monetary,,,,,,,1,,yes,,10", "BalanceBlocker", "invalid boolean \"yes\"")]
    [InlineData("A1,*topup,,,,*monetary,,,,,,,1,,,maybe,10", "BalanceDisabled", "invalid boolean \"maybe\"")]
    [InlineData("A1,*topup,,,,*monetary,,,,,someday,,1,,,,10", "ExpiryTime", "invalid time \"someday\"")]
    [InlineData(
        "A1,*topup,,*string:~*req.Account,,*monetary,,,,,,,1,,,,10",
        "Filters",
        "invalid inline filter \"*string:~*req.Account\" (expected *type:element:values)")]
    [InlineData("A1,*topup,,,,*monetary,,,,,,,1,,,,high", "Weight", "invalid decimal \"high\"")]
    public void Read_BadActionField_IsLocated(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(
            ("Actions.csv", "# actions\n" + row.Replace("{\"Method\":", "\"{\"\"Method\"\":\"", StringComparison.Ordinal) + "\n"));

        Assert.Equal(new TariffPlanError("Actions.csv", 2, column, message), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Actions);
    }

    [Theory]
    [InlineData("*voice", "90s")]
    [InlineData("*voice", "100")]
    [InlineData("*data", "102400")]
    [InlineData("*monetary", "{\"\"Method\"\":\"\"*incremental\"\",\"\"Params\"\":{}}")]
    [InlineData("", "")]
    [InlineData("*any", "*any")]
    public void Read_ActionUnitsForTheBalanceType_AreAccepted(string balanceType, string units)
    {
        var result = TestPlans.ReadTexts(("Actions.csv", $"A1,*topup,,,,{balanceType},,,,,*unlimited,,\"{units}\",*time_desc,*any,F,10\n"));

        Assert.Empty(result.Errors);
        Assert.Single(result.Plan.Actions);
    }

    [Theory]
    [InlineData(
        "AT1,,*max_temperature,20,false,0,,,,*monetary,,,,,,,,,,A1,10",
        "ThresholdType",
        "unknown threshold type \"*max_temperature\"")]
    [InlineData("AT1,,*max_balance,twenty,false,0,,,,*monetary,,,,,,,,,,A1,10", "ThresholdValue", "invalid decimal \"twenty\"")]
    [InlineData("AT1,,*max_balance,20,sometimes,0,,,,*monetary,,,,,,,,,,A1,10", "Recurrent", "invalid boolean \"sometimes\"")]
    [InlineData("AT1,,*max_balance,20,false,5 minutes,,,,*monetary,,,,,,,,,,A1,10", "MinSleep", "invalid duration \"5 minutes\"")]
    [InlineData("AT1,,*max_balance,20,false,0,never,,,*monetary,,,,,,,,,,A1,10", "ExpiryTime", "invalid time \"never\"")]
    [InlineData(
        "AT1,,*max_balance,20,false,0,,,,*cash,,,,,,,,,,A1,10",
        "BalanceType",
        "unknown balance type \"*cash\" (expected *monetary, *voice, *sms, *mms, *data or *generic)")]
    public void Read_BadActionTriggerField_IsLocated(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(("Actions.csv", "A1,*log,,,,,,,,,,,,,,,10\n"), ("ActionTriggers.csv", row + "\n"));

        Assert.Equal(new TariffPlanError("ActionTriggers.csv", 1, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_BadAccountFlag_IsLocated()
    {
        var result = TestPlans.ReadTexts(("AccountActions.csv", "cgrates.org,1001,,,yes,\ncgrates.org,1002,,,TRUE,1\n"));

        Assert.Equal(
            new TariffPlanError("AccountActions.csv", 1, "AllowNegative", "invalid boolean \"yes\""),
            TestPlans.SingleError(result));
        var account = Assert.Single(result.Plan.AccountActions);
        Assert.True(account.AllowNegative && account.Disabled);
    }

    [Theory]
    [InlineData("Filters.csv", "cgrates.org,F1,*sounds_like,~*req.Account,1001,", "Type", "unsupported filter type \"*sounds_like\"")]
    [InlineData("Filters.csv", "cgrates.org,F1,*string,,1001,", "Element", "an element is mandatory for filter type *string")]
    [InlineData("Filters.csv", "cgrates.org,F1,*prefix,~*req.Destination,,", "Values", "values are mandatory for filter type *prefix")]
    [InlineData(
        "Filters.csv",
        "cgrates.org,F1,*string,~*req.Account,1001,2014-13-45T00:00:00Z",
        "ActivationInterval",
        "invalid time \"2014-13-45T00:00:00Z\"")]
    [InlineData(
        "Filters.csv",
        "cgrates.org,F1,*string,~*req.Account,1001,*now;*now;*now",
        "ActivationInterval",
        "invalid activation interval \"*now;*now;*now\" (expected activation[;expiry])")]
    [InlineData(
        "Attributes.csv",
        "cgrates.org,A1,*any,*strung:~*req.A:1,,,*req.B,*constant,1,false,10",
        "FilterIDs",
        "unsupported filter type \"*strung\" in inline filter \"*strung:~*req.A:1\"")]
    [InlineData("Attributes.csv", "cgrates.org,A1,*any,,,,*req.B,*constant,1,perhaps,10", "Blocker", "invalid boolean \"perhaps\"")]
    [InlineData("Chargers.csv", "cgrates.org,C1,,,*default,*none,heavy", "Weight", "invalid decimal \"heavy\"")]
    [InlineData("Routes.csv", "cgrates.org,R1,,,*weight,,route1,,,,,,first,,,10", "RouteWeight", "invalid decimal \"first\"")]
    [InlineData("Stats.csv", "cgrates.org,S1,,,hundred,-1,0,*tcc,,false,true,30,*none", "QueueLength", "invalid integer \"hundred\"")]
    [InlineData("Stats.csv", "cgrates.org,S1,,,100,forever,0,*tcc,,false,true,30,*none", "TTL", "invalid duration \"forever\"")]
    [InlineData("Thresholds.csv", "cgrates.org,T1,,,1,1,soon,false,10,*none,true,", "MinSleep", "invalid duration \"soon\"")]
    [InlineData("Resources.csv", "cgrates.org,R1,,,-1,seven,,false,true,10,*none", "Limit", "invalid decimal \"seven\"")]
    public void Read_BadProfileField_IsLocated(string file, string row, string column, string message)
    {
        var result = TestPlans.ReadTexts((file, "#header\n" + row + "\n"));

        Assert.Equal(new TariffPlanError(file, 2, column, message), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_BadContinuationRow_IsSkippedAndTheProfileKeepsTheOtherRows()
    {
        var result = TestPlans.ReadTexts(("Attributes.csv", """
            cgrates.org,A1,*any,,,,,,,false,10
            cgrates.org,A1,,,,,*req.X,*constant,1,,
            cgrates.org,A1,,,,,*req.Y,*constant,2,,abc
            cgrates.org,A1,,,,,*req.Z,*constant,3,,
            """));

        Assert.Equal(new TariffPlanError("Attributes.csv", 3, "Weight", "invalid decimal \"abc\""), TestPlans.SingleError(result));
        Assert.Equal(["*req.X", "*req.Z"], Assert.Single(result.Plan.Attributes).Attributes.Select(a => a.Path));
    }
}
