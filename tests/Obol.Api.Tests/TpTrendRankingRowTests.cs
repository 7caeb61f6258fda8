using NodaTime;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>APIerSv1's StorDB row methods of Trends.csv and Rankings.csv (apier/v1/tptrends.go, tprankings.go): the
/// shapes CGRateS merges their rows into, and rows the tariff-plan reader reads back as the same profile.</summary>
public sealed class TpTrendRankingRowTests
{
    private const string Trend = """
        {"TPid":"TP1","Tenant":"cgrates.org","ID":"TREND1","Schedule":"0 12 * * *","StatID":"Stats2","Metrics":["*acc","*tcc"],"TTL":"-1","QueueLength":-1,"MinItems":1,"CorrelationType":"*average","Tolerance":2.1,"Stored":true,"ThresholdIDs":["TD1","TD2"]}
        """;

    private const string Ranking = """
        {"TPid":"TP1","Tenant":"cgrates.org","ID":"RANK1","Schedule":"@every 15m","StatIDs":["Stats2","Stats3","Stats4"],"MetricIDs":["Metric1","Metric3"],"Sorting":"*asc","SortingParameters":["*acc","*pdd:false"],"Stored":true,"ThresholdIDs":["THD1","THD2"]}
        """;

    private static readonly TariffPlanReadOptions s_readOptions = new(DateTimeZone.Utc, Instant.FromUtc(2024, 5, 1, 0, 0));

    private readonly TpRowApi _api = new();

    [Fact]
    public async Task SetThenGetTPTrend_RoundTripsTheProfile()
    {
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.SetTPTrend", Trend)).GetString());

        var reply = await _api.ResultAsync("APIerSv1.GetTPTrend", """{"TPid":"TP1","ID":"TREND1"}""");

        Assert.Equal(Trend, reply.GetRawText());
        Assert.Equal(
            "#Tenant,ID,Schedule,StatID,Metrics,TTL,QueueLength,MinItems,CorrelationType,Tolerance,Stored,ThresholdIDs\n"
            + "cgrates.org,TREND1,0 12 * * *,Stats2,*acc;*tcc,-1,-1,1,*average,2.1,true,TD1;TD2\n",
            await _api.FileTextAsync("TP1", "Trends.csv"));
    }

    [Fact]
    public async Task SetTPTrend_StoredRow_ReadBackByTheLoaderAsTheSameProfile()
    {
        await _api.ResultAsync("APIerSv1.SetTPTrend", Trend);

        var read = TariffPlanReader.ReadFiles(await _api.Imports.LoadAsync("TP1"), s_readOptions);

        Assert.Empty(read.Errors);
        var trend = Assert.Single(read.Plan.Trends);
        Assert.Equal(("cgrates.org", "TREND1", "0 12 * * *", "Stats2"), (trend.Tenant, trend.Id, trend.Schedule, trend.StatId));
        Assert.Equal(["*acc", "*tcc"], trend.Metrics);
        Assert.Equal(("-1", -1, 1), (trend.Ttl, trend.QueueLength, trend.MinItems));
        Assert.Equal(("*average", 2.1m, true), (trend.CorrelationType, trend.Tolerance, trend.Stored));
        Assert.Equal(["TD1", "TD2"], trend.ThresholdIds);
    }

    [Fact]
    public async Task SetTPTrend_OnlyTheId_StoresDefaultsUnderTheDefaultTenant()
    {
        await _api.ResultAsync("APIerSv1.SetTPTrend", """{"TPid":"TP1","ID":"TR_2"}""");

        var reply = await _api.ResultAsync("APIerSv1.GetTPTrend", """{"TPid":"TP1","ID":"TR_2"}""");

        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"TR_2","Schedule":"","StatID":"","Metrics":null,"TTL":"","QueueLength":0,"MinItems":0,"CorrelationType":"","Tolerance":0,"Stored":false,"ThresholdIDs":null}""",
            reply.GetRawText());
        var read = TariffPlanReader.ReadFiles(await _api.Imports.LoadAsync("TP1"), s_readOptions);
        Assert.Empty(read.Errors);
        Assert.Equal("TR_2", Assert.Single(read.Plan.Trends).Id);
    }

    [Fact]
    public async Task GetTPTrend_ImportedRows_MergedAsCgratesMergesThem()
    {
        await _api.Imports.SaveAsync("TP1", "test", [new TariffPlanFile("Trends.csv", """
            #Tenant,ID,Schedule,StatID,Metrics,TTL,QueueLength,MinItems,CorrelationType,Tolerance,Stored,ThresholdIDs
            cgrates.org,TR_1,0 1 * * *,Stats1,*acc;*tcc,1h,10,2,*last,5,false,TD2
            cgrates.org,TR_1,,,*tcc;*asr,,0,0,,0,true,TD1;TD2
            cgrates.org,TR_1,@daily,,,-1,20,,,0.5,,
            """)]);

        var reply = await _api.ResultAsync("APIerSv1.GetTPTrend", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"TR_1"}""");

        // AsTPTrends: empty and zero fields keep what an earlier row set; Metrics and ThresholdIDs merge as sets.
        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"TR_1","Schedule":"@daily","StatID":"Stats1","Metrics":["*acc","*tcc","*asr"],"TTL":"-1","QueueLength":20,"MinItems":2,"CorrelationType":"*last","Tolerance":0.5,"Stored":true,"ThresholdIDs":["TD2","TD1"]}""",
            reply.GetRawText());
    }

    [Fact]
    public async Task SetThenGetTPRanking_RoundTripsTheProfileInOneRowPerStatId()
    {
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.SetTPRanking", Ranking)).GetString());

        var reply = await _api.ResultAsync("APIerSv1.GetTPRanking", """{"TPid":"TP1","ID":"RANK1"}""");

        Assert.Equal(Ranking, reply.GetRawText());
        Assert.Equal(
            "#Tenant,ID,Schedule,StatIDs,MetricIDs,Sorting,SortingParameters,Stored,ThresholdIDs\n"
            + "cgrates.org,RANK1,@every 15m,Stats2,Metric1;Metric3,*asc,*acc;*pdd:false,true,THD1;THD2\n"
            + "cgrates.org,RANK1,,Stats3,,,,false,\n"
            + "cgrates.org,RANK1,,Stats4,,,,false,\n",
            await _api.FileTextAsync("TP1", "Rankings.csv"));
    }

    [Fact]
    public async Task SetTPRanking_StoredRows_ReadBackByTheLoaderAsTheSameProfile()
    {
        await _api.ResultAsync("APIerSv1.SetTPRanking", Ranking);

        var read = TariffPlanReader.ReadFiles(await _api.Imports.LoadAsync("TP1"), s_readOptions);

        Assert.Empty(read.Errors);
        var ranking = Assert.Single(read.Plan.Rankings);
        Assert.Equal(("cgrates.org", "RANK1", "@every 15m", "*asc"), (ranking.Tenant, ranking.Id, ranking.Schedule, ranking.Sorting));
        Assert.Equal(["Stats2", "Stats3", "Stats4"], ranking.StatIds);
        Assert.Equal(["Metric1", "Metric3"], ranking.MetricIds);
        Assert.Equal(["*acc", "*pdd:false"], ranking.SortingParameters);
        // APItoModelTPRanking would drop Stored from a profile with StatIDs; it is kept on the first row.
        Assert.True(ranking.Stored);
        Assert.Equal(["THD1", "THD2"], ranking.ThresholdIds);
    }

    [Fact]
    public async Task SetTPRanking_WithoutStatIds_StoresOneRowWithTheProfileFields()
    {
        await _api.ResultAsync("APIerSv1.SetTPRanking", """{"TPid":"TP1","ID":"RANK2","Schedule":"@hourly","Sorting":"*desc","Stored":true}""");

        var reply = await _api.ResultAsync("APIerSv1.GetTPRanking", """{"TPid":"TP1","ID":"RANK2"}""");

        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"RANK2","Schedule":"@hourly","StatIDs":null,"MetricIDs":null,"Sorting":"*desc","SortingParameters":null,"Stored":true,"ThresholdIDs":null}""",
            reply.GetRawText());
        Assert.EndsWith("cgrates.org,RANK2,@hourly,,,*desc,,true,\n", await _api.FileTextAsync("TP1", "Rankings.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTPRanking_ImportedRows_MergedWithThresholdIdsSorted()
    {
        await _api.Imports.SaveAsync("TP1", "test", [new TariffPlanFile("Rankings.csv", """
            #Tenant,ID,Schedule,StatIDs,MetricIDs,Sorting,SortingParameters,Stored,ThresholdIDs
            cgrates.org,RANK1,@every 1s,Stats1;Stats2,,*asc,*acc;*pdd:false,,THD2;THD1
            cgrates.org,RANK1,,Stats3;Stats1,Metric1,,*acd;*acc,true,THD0
            cgrates.org,RANK1,0 */2 * * *,,,*desc,,false,
            """)]);

        var reply = await _api.ResultAsync("APIerSv1.GetTPRanking", """{"TPid":"TP1","ID":"RANK1"}""");

        // AsTPRanking answers ThresholdIDs with AsOrderedSlice; SortingParameters keep their first-seen order.
        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"RANK1","Schedule":"0 */2 * * *","StatIDs":["Stats1","Stats2","Stats3"],"MetricIDs":["Metric1"],"Sorting":"*desc","SortingParameters":["*acc","*pdd:false","*acd"],"Stored":true,"ThresholdIDs":["THD0","THD1","THD2"]}""",
            reply.GetRawText());
    }

    [Fact]
    public async Task IdsAndRemove_TrendAndRankingTables_ListTenantIdsAndRemoveOne()
    {
        await _api.ResultAsync("APIerSv1.SetTPTrend", Trend);
        await _api.ResultAsync("APIerSv1.SetTPTrend", """{"TPid":"TP1","Tenant":"cgrates.net","ID":"TR_9"}""");
        await _api.ResultAsync("APIerSv1.SetTPRanking", Ranking);

        Assert.Equal("""["cgrates.net:TR_9","cgrates.org:TREND1"]""", (await _api.ResultAsync("APIerSv1.GetTPTrendIDs", """{"TPid":"TP1"}""")).GetRawText());
        Assert.Equal("""["cgrates.org:RANK1"]""", (await _api.ResultAsync("APIerSv1.GetTPRankingIDs", """{"TPid":"TP1"}""")).GetRawText());
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.RemoveTPTrend", """{"TPid":"TP1","ID":"TREND1"}""")).GetString());
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.RemoveTPRanking", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"RANK1"}""")).GetString());

        Assert.Equal("NOT_FOUND", await _api.ErrorAsync("APIerSv1.GetTPTrend", """{"TPid":"TP1","ID":"TREND1"}"""));
        Assert.Equal("NOT_FOUND", await _api.ErrorAsync("APIerSv1.GetTPRanking", """{"TPid":"TP1","ID":"RANK1"}"""));
        Assert.Equal("""["cgrates.net:TR_9"]""", (await _api.ResultAsync("APIerSv1.GetTPTrendIDs", """{"TPid":"TP1"}""")).GetRawText());
        // Every row of RANK1 went, not only its first: the file, left without rows, is gone.
        Assert.DoesNotContain(await _api.Imports.LoadAsync("TP1"), f => f.Name == "Rankings.csv");
    }

    [Theory]
    [InlineData("APIerSv1.SetTPTrend", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.SetTPRanking", """{"ID":"RANK1"}""", "MANDATORY_IE_MISSING: [TPid]")]
    [InlineData("APIerSv1.GetTPTrend", """{"ID":"TR_1"}""", "MANDATORY_IE_MISSING: [TPid]")]
    [InlineData("APIerSv1.GetTPRanking", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.RemoveTPTrend", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.GetTPRankingIDs", "{}", "MANDATORY_IE_MISSING: [TPid]")]
    public async Task Call_MissingField_IsRefused(string method, string args, string error) =>
        Assert.Equal(error, await _api.ErrorAsync(method, args));
}
