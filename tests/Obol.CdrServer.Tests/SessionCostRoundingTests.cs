using System.Text.Json.Nodes;
using Xunit;

namespace Obol.CdrServer.Tests;

public sealed class SessionCostRoundingTests
{
    private static JsonObject Cost(string increments, string accounting, string balanceType = "*monetary", int compress = 1,
        string roundingMethod = "*up") =>
        (JsonObject)JsonNode.Parse($$$"""
            {"CGRID":"c1","RunID":"*default","StartTime":"2026-01-05T10:00:05Z","Usage":2000000000,"Cost":0.0246,
             "Charges":[{"RatingID":"r1","Increments":[{{{increments}}}],"CompressFactor":{{{compress}}}}],
             "AccountSummary":{"Tenant":"cgrates.org","AccountID":"1001","BalanceSummaries":[
               {"UUID":"b-money","ID":"main","Type":"*monetary","Initial":10,"Value":9.9754,"Disabled":false},
               {"UUID":"b-voice","ID":"minutes","Type":"*voice","Initial":600000000000,"Value":598000000000,"Disabled":false}],
               "AllowNegative":false,"Disabled":false},
             "Rating":{"r1":{"ConnectFee":0,"RoundingMethod":"{{{roundingMethod}}}","RoundingDecimals":2,"MaxCost":0,"MaxCostStrategy":"",
               "TimingID":"","RatesID":"","RatingFiltersID":""}},
             "Accounting":{{{accounting}}},"RatingFilters":{},"Rates":{},"Timings":{}}
            """)!;

    private const string MoneyPaid = """{"a1":{"AccountID":"cgrates.org:1001","BalanceUUID":"b-money","RatingID":"r1","Units":0.0123,"ExtraChargeID":""}}""";

    private const string TwoIncrements =
        """{"Usage":1000000000,"Cost":0.0123,"AccountingID":"a1","CompressFactor":1},{"Usage":1000000000,"Cost":0.0123,"AccountingID":"a1","CompressFactor":1}""";

    [Fact]
    public void Round_UnroundedMoneyCharge_AppendsRoundingIncrementChargedToThePayingBalance()
    {
        var cost = Cost(TwoIncrements, MoneyPaid);

        var corrections = SessionCostRounding.Round(cost, 4);

        var correction = Assert.Single(corrections);
        Assert.Equal((0.0054m, "cgrates.org:1001", "b-money"), (correction.Cost, correction.BalanceInfo!.AccountId, correction.BalanceInfo.Monetary!.Uuid));
        var added = (JsonObject)cost["Charges"]![0]!["Increments"]![2]!;
        var entry = cost["Accounting"]![added["AccountingID"]!.GetValue<string>()]!;
        Assert.Equal(("*rounding", "b-money", "0.0054", "0.0054"), (entry["RatingID"]!.GetValue<string>(), entry["BalanceUUID"]!.GetValue<string>(),
            entry["Units"]!.ToJsonString(), added["Cost"]!.ToJsonString()));
        Assert.Equal("0.03", cost["Cost"]!.ToJsonString());
    }

    [Fact]
    public void Round_ChargeAlreadyEndingInARoundingIncrement_IsLeftAsItIs()
    {
        var rounded = TwoIncrements + """,{"Usage":0,"Cost":0.0054,"AccountingID":"r","CompressFactor":1}""";
        var cost = Cost(rounded, MoneyPaid[..^1] + """
            ,"r":{"AccountID":"cgrates.org:1001","BalanceUUID":"b-money","RatingID":"*rounding","Units":0.0054,"ExtraChargeID":""}}
            """);
        var before = cost.ToJsonString();

        var corrections = SessionCostRounding.Round(cost, 4);

        Assert.Empty(corrections);
        Assert.Equal(before, cost.ToJsonString());
    }

    [Fact]
    public void Round_UnitsOfAVoiceBalance_NoCorrection()
    {
        var cost = Cost(TwoIncrements,
            """{"a1":{"AccountID":"cgrates.org:1001","BalanceUUID":"b-voice","RatingID":"r1","Units":1000000000,"ExtraChargeID":""}}""");

        Assert.Empty(SessionCostRounding.Round(cost, 4));
    }

    [Fact]
    public void Round_RateWithoutRoundingMethod_NoCorrection()
    {
        var cost = Cost(TwoIncrements, MoneyPaid, roundingMethod: "");

        Assert.Empty(SessionCostRounding.Round(cost, 4));
    }

    [Fact]
    public void Round_CompressedCharge_CorrectionCountedForEachRepetition()
    {
        var cost = Cost("""{"Usage":1000000000,"Cost":0.0123,"AccountingID":"a1","CompressFactor":1}""", MoneyPaid, compress: 3);

        var correction = Assert.Single(SessionCostRounding.Round(cost, 4));

        Assert.Equal(0.0231m, correction.Cost);
        Assert.Equal("0.06", cost["Cost"]!.ToJsonString());
    }

    [Fact]
    public void Round_RatingIdOfTheWrongJsonType_ChargeSkippedWithoutThrowing()
    {
        var cost = Cost(TwoIncrements, MoneyPaid);
        cost["Charges"]![0]!["RatingID"] = 7;

        Assert.Empty(SessionCostRounding.Round(cost, 4));
    }
}
