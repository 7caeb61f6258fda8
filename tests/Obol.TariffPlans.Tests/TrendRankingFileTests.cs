using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>Trends.csv and Rankings.csv, read from CGRateS's data/tariffplans (oldtutorial, testtp, tuttrends,
/// tutrankings).</summary>
public sealed class TrendRankingFileTests
{
    private const string OldTutorialTrends = """
        #Tenant[0],Id[1],Schedule[2],StatID[3],Metrics[4],TTL[5],QueueLength[6],MinItems[7],CorrelationType[8],Tolerance[9],Stored[10],ThresholdIDs[11]
        cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,-1,1,*last,5,false,TD1
        """;

    private const string TesttpRankings = """
        #Tenant[0],Id[1],Schedule[2],StatIDs[3],MetricIDs[4],Sorting[5],SortingParameters[6],Stored[7],ThresholdIDs[8]
        cgrates.org,RANK1,@every 15m,Stats2;Stats3;Stats4,Metric1;Metric3,*asc,,true,THD1;THD2
        """;

    [Fact]
    public void Trends_OldTutorialSample_ReadsTheProfile()
    {
        var result = TestPlans.ReadTexts(("Trends.csv", OldTutorialTrends));

        Assert.Empty(result.Errors);
        var trend = Assert.Single(result.Plan.Trends);
        Assert.Equal(new SourceLocation("Trends.csv", 2), trend.Location);
        Assert.Equal(("cgrates.org", "TR_1", "0 1 * * *", "Stats1"), (trend.Tenant, trend.Id, trend.Schedule, trend.StatId));
        Assert.Equal(["*acc"], trend.Metrics);
        Assert.Equal(("0", -1, 1), (trend.Ttl, trend.QueueLength, trend.MinItems));
        Assert.Equal(("*last", 5m, false), (trend.CorrelationType, trend.Tolerance, trend.Stored));
        Assert.Equal(["TD1"], trend.ThresholdIds);
    }

    [Fact]
    public void Rankings_TesttpSample_ReadsTheProfile()
    {
        var result = TestPlans.ReadTexts(("Rankings.csv", TesttpRankings));

        Assert.Empty(result.Errors);
        var ranking = Assert.Single(result.Plan.Rankings);
        Assert.Equal(new SourceLocation("Rankings.csv", 2), ranking.Location);
        Assert.Equal(("cgrates.org", "RANK1", "@every 15m", "*asc"), (ranking.Tenant, ranking.Id, ranking.Schedule, ranking.Sorting));
        Assert.Equal(["Stats2", "Stats3", "Stats4"], ranking.StatIds);
        Assert.Equal(["Metric1", "Metric3"], ranking.MetricIds);
        Assert.Empty(ranking.SortingParameters);
        Assert.True(ranking.Stored);
        Assert.Equal(["THD1", "THD2"], ranking.ThresholdIds);
    }

    [Fact]
    public void ReadFolder_Testtp_ReadsItsTrendAndRanking()
    {
        var plan = TestPlans.ReadReference("testtp").Plan;

        var trend = Assert.Single(plan.Trends);
        Assert.Equal(("TREND1", "0 12 * * *", "-1", -1, "*average", 2.1m, true),
            (trend.Id, trend.Schedule, trend.Ttl, trend.QueueLength, trend.CorrelationType, trend.Tolerance, trend.Stored));
        Assert.Equal(["*acc", "*tcc"], trend.Metrics);
        Assert.Equal(["TD1", "TD2"], trend.ThresholdIds);
        Assert.Equal("RANK1", Assert.Single(plan.Rankings).Id);
    }

    [Fact]
    public void Trends_TuttrendsSample_TakesDescriptorsAndStepsAndAnEmptyThresholdList()
    {
        var result = TestPlans.ReadTexts(("Trends.csv", """
            cgrates.org,TREND_1,@every 1s,Stats1_1,,-1,-1,1,*last,1,false,
            tenant1,TR_5min,*/5 * * * *,Stat1,,-1,-1,8,*average,0.23,true,
            tenant2,Trend_avg_30min,@every 30m,Stat_Avg,,-1,-1,100,*average,0.3,true,
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(["@every 1s", "*/5 * * * *", "@every 30m"], result.Plan.Trends.Select(t => t.Schedule));
        Assert.All(result.Plan.Trends, t => Assert.Empty(t.Metrics));
        Assert.All(result.Plan.Trends, t => Assert.Empty(t.ThresholdIds));
    }

    [Fact]
    public void Trends_RowsOfOneId_ReplaceSetColumnsAndMergeListsAsSets()
    {
        var result = TestPlans.ReadTexts(("Trends.csv", """
            cgrates.org,TR_1,0 1 * * *,Stats1,*acc;*tcc,1h,10,2,*last,5,true,TD1
            cgrates.org,TR_2,@hourly,Stats2,,,,,,,,
            cgrates.org,TR_1,,,,,0,0,,0,false,TD2;TD1
            cgrates.org,TR_1,@daily,Stats9,*tcc;*asr,-1,20,,*average,0.5,,*none
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(["TR_1", "TR_2"], result.Plan.Trends.Select(t => t.Id));
        var trend = result.Plan.Trends[0];
        // AsTPTrends: the profile is located at its first row; empty and zero columns keep what an earlier row set.
        Assert.Equal(new SourceLocation("Trends.csv", 1), trend.Location);
        Assert.Equal(("@daily", "Stats9", "-1"), (trend.Schedule, trend.StatId, trend.Ttl));
        Assert.Equal((20, 2, "*average", 0.5m), (trend.QueueLength, trend.MinItems, trend.CorrelationType, trend.Tolerance));
        Assert.True(trend.Stored);
        Assert.Equal(["*acc", "*tcc", "*asr"], trend.Metrics);
        Assert.Equal(["TD1", "TD2", "*none"], trend.ThresholdIds);
    }

    [Fact]
    public void Rankings_RowsOfOneId_ReplaceSetColumnsAndMergeListsAsSets()
    {
        var result = TestPlans.ReadTexts(("Rankings.csv", """
            cgrates.org,RANK1,@every 1s,Stats1;Stats2,,*asc,*acc;*pdd:false,,
            cgrates.org,RANK1,,Stats3;Stats1,Metric1,,*acd;*acc,true,THD1
            cgrates.org,RANK1,0 */2 * * mon-fri,,Metric1;Metric2,*desc,,false,THD2
            """));

        Assert.Empty(result.Errors);
        var ranking = Assert.Single(result.Plan.Rankings);
        Assert.Equal(new SourceLocation("Rankings.csv", 1), ranking.Location);
        Assert.Equal(("0 */2 * * mon-fri", "*desc", true), (ranking.Schedule, ranking.Sorting, ranking.Stored));
        Assert.Equal(["Stats1", "Stats2", "Stats3"], ranking.StatIds);
        Assert.Equal(["Metric1", "Metric2"], ranking.MetricIds);
        Assert.Equal(["*acc", "*pdd:false", "*acd"], ranking.SortingParameters);
        Assert.Equal(["THD1", "THD2"], ranking.ThresholdIds);
    }

    [Fact]
    public void Read_EmptyScheduleSortingAndCorrelation_AreLoadedAsCGRatesLoadsThem()
    {
        var result = TestPlans.ReadTexts(
            ("Trends.csv", "cgrates.org,TR_1,,Stats1,,,,,,,,\n"),
            ("Rankings.csv", "cgrates.org,RANK1,,Stats1,,,,,\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(("", "", ""), (result.Plan.Trends[0].Schedule, result.Plan.Trends[0].Ttl, result.Plan.Trends[0].CorrelationType));
        Assert.Equal(("", ""), (result.Plan.Rankings[0].Schedule, result.Plan.Rankings[0].Sorting));
    }

    [Theory]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,ten,1,*last,5,false,TD1", "QueueLength", "invalid integer \"ten\"")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,-1,1.5,*last,5,false,TD1", "MinItems", "invalid integer \"1.5\"")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,-1,1,*first,5,false,TD1", "CorrelationType",
        "invalid correlation type \"*first\" (expected *last or *average)")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,1 hour,-1,1,*last,5,false,TD1", "TTL", "invalid duration \"1 hour\"")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,-1,1,*last,five,false,TD1", "Tolerance", "invalid decimal \"five\"")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * * *,Stats1,*acc,0,-1,1,*last,5,nope,TD1", "Stored", "invalid boolean \"nope\"")]
    [InlineData("Trends.csv", "cgrates.org,TR_1,0 1 * *,Stats1,*acc,0,-1,1,*last,5,false,TD1", "Schedule",
        "invalid schedule \"0 1 * *\": expected 5 fields (minute hour day-of-month month day-of-week) or a descriptor, found 4")]
    [InlineData("Rankings.csv", "cgrates.org,RANK1,@every 15m,Stats2,Metric1,*ascending,,true,THD1", "Sorting",
        "invalid sorting \"*ascending\" (expected *asc or *desc)")]
    [InlineData("Rankings.csv", "cgrates.org,RANK1,@every 15,Stats2,Metric1,*asc,,true,THD1", "Schedule",
        "invalid schedule \"@every 15\": invalid duration \"15\" after @every")]
    [InlineData("Rankings.csv", "cgrates.org,RANK1,@every 15m,Stats2,Metric1,*asc,,sometimes,THD1", "Stored", "invalid boolean \"sometimes\"")]
    public void Read_BadField_IsLocatedAndTheRowLeftOut(string file, string row, string column, string message)
    {
        var result = TestPlans.ReadTexts((file, "#header\n" + row + "\n"));

        Assert.Equal(new TariffPlanError(file, 2, column, message), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Trends);
        Assert.Empty(result.Plan.Rankings);
    }

    [Theory]
    [InlineData("0 25 * * *", "hour \"25\": out of range 0-23")]
    [InlineData("0 0 0 * *", "day of month \"0\": out of range 1-31")]
    [InlineData("0 0 * 13 *", "month \"13\": out of range 1-12")]
    [InlineData("0 0 * * 7", "day of week \"7\": out of range 0-6")]
    [InlineData("0 0 * * fri-mon", "day of week \"fri-mon\": the range starts after its end")]
    [InlineData("*/0 * * * *", "minute \"*/0\": the step must be a positive number")]
    [InlineData("1-2-3 * * * *", "minute \"1-2-3\": too many hyphens")]
    [InlineData("1/2/3 * * * *", "minute \"1/2/3\": too many slashes")]
    [InlineData("1,,2 * * * *", "minute \"\": \"\" is not a number")]
    [InlineData("0 0 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or a descriptor, found 6")]
    [InlineData("@fortnightly", "unknown descriptor \"@fortnightly\"")]
    [InlineData("@every  15m", "invalid duration \" 15m\" after @every")]
    [InlineData("@every *unlimited", "invalid duration \"*unlimited\" after @every")]
    [InlineData("CRON_TZ=Mars/Olympus 0 1 * * *", "unknown time zone \"Mars/Olympus\"")]
    public void Schedule_WhatGoCronRefuses_IsAnError(string spec, string problem)
    {
        var result = ReadTrendScheduled(spec);

        Assert.Equal(new TariffPlanError("Trends.csv", 1, "Schedule", $"invalid schedule \"{spec}\": {problem}"), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Trends);
    }

    [Theory]
    [InlineData("0 1 * * *")]
    [InlineData(" 0   1 * * * ")]
    [InlineData("*/5 * * * *")]
    [InlineData("5/15 0-23/2 1,15 jan-DEC ?")]
    [InlineData("0 9 * * MON-fri")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@hourly")]
    [InlineData("@every 1h30m")]
    [InlineData("@every 0")]
    [InlineData("@every 1.5s")]
    [InlineData("CRON_TZ=Europe/Berlin 0 1 * * *")]
    [InlineData("TZ=UTC @daily")]
    public void Schedule_WhatGoCronTakes_IsKeptAsWritten(string spec)
    {
        var result = ReadTrendScheduled(spec);

        Assert.Empty(result.Errors);
        Assert.Equal(spec, Assert.Single(result.Plan.Trends).Schedule);
    }

    [Fact]
    public void IdOf_TrendAndRankingFiles_IsTenantAndId()
    {
        Assert.Equal("cgrates.org:TR_1", PlanCsv.IdOf("Trends.csv", ["cgrates.org", "TR_1", "", "", "", "", "", "", "", "", "", ""]));
        Assert.Equal("cgrates.org:RANK1", PlanCsv.IdOf("Rankings.csv", ["cgrates.org", "RANK1", "", "", "", "", "", "", ""]));
    }

    [Fact]
    public void Columns_TrendAndRankingFiles_AreCGRatesIndexTags()
    {
        Assert.Equal(
            ["Tenant", "ID", "Schedule", "StatID", "Metrics", "TTL", "QueueLength", "MinItems", "CorrelationType", "Tolerance", "Stored", "ThresholdIDs"],
            PlanCsv.Columns("Trends.csv"));
        Assert.Equal(
            ["Tenant", "ID", "Schedule", "StatIDs", "MetricIDs", "Sorting", "SortingParameters", "Stored", "ThresholdIDs"],
            PlanCsv.Columns("data/Rankings.csv"));
    }

    // Quoted: a cron field may hold commas.
    private static TariffPlanReadResult ReadTrendScheduled(string schedule) =>
        TestPlans.ReadTexts(("Trends.csv", $"cgrates.org,TR_1,\"{schedule}\",Stats1,*acc,,,,*last,,,\n"));
}
