using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>TrendS and RankingS on a real engine: scheduled reads of the tutorial's StatS queues, trends with their
/// growth, rankings sorted by a metric, both kept across a SIGKILL.</summary>
public sealed class TrendRankingTests
{
    private const string Sections = """
        "trends": {"enabled": true, "stats_conns": ["*internal"]},
        "rankings": {"enabled": true, "stats_conns": ["*internal"]},

        """;

    [Fact]
    public async Task Trend_QueueGrowsBetweenRuns_PositiveGrowthInPercentAndKeptAcrossRestart()
    {
        await using var engine = await StartAsync();
        await engine.CallAsync("StatSv1.ProcessEvent", Cdr("t1", "1001", "1002", 10m));
        await engine.CallAsync("APIerSv1.SetTrendProfile", """
            {"Tenant":"cgrates.org","ID":"TR_1001","Schedule":"@every 1s","StatID":"Stats2","Metrics":["*tcc"],"TTL":-1,"QueueLength":20,
             "MinItems":1,"CorrelationType":"*last","Tolerance":5,"Stored":true,"ThresholdIDs":[]}
            """);

        var scheduled = await engine.CallAsync("TrendSv1.ScheduleQueries", """{"Tenant":"cgrates.org","TrendIDs":["TR_1001"]}""");
        await WaitAsync(async () => (await TrendRunsAsync(engine)).Count >= 1);
        await engine.CallAsync("StatSv1.ProcessEvent", Cdr("t2", "1001", "1002", 5m));
        await WaitAsync(async () => (await TrendRunsAsync(engine)).Any(r => r.Value == 15m));
        var runs = await TrendRunsAsync(engine);
        var grown = runs.FindIndex(r => r.Value == 15m);
        var summary = await engine.CallAsync("TrendSv1.GetTrendSummary", """{"Tenant":"cgrates.org","ID":"TR_1001"}""");
        var schedules = await engine.CallAsync("TrendSv1.GetScheduledTrends", """{"Tenant":"cgrates.org","TrendIDPrefixes":["TR_"]}""");
        await engine.KillAndRestartAsync();
        var afterRestart = await TrendRunsAsync(engine);

        Assert.Equal(1, scheduled.GetInt32());
        Assert.Equal((10m, "N/A"), (runs[0].Value, runs[0].Label));
        Assert.Equal((10m, 50m, "*positive"), (runs[grown - 1].Value, runs[grown].Growth, runs[grown].Label));
        Assert.Equal("*tcc", summary.GetProperty("Metrics").GetProperty("*tcc").GetProperty("ID").GetString());
        Assert.Equal("TR_1001", schedules[0].GetProperty("TrendID").GetString());
        Assert.True(afterRestart.Count >= runs.Count, $"{afterRestart.Count} runs after the restart, {runs.Count} before");
        Assert.Equal(runs.Select(r => r.Value), afterRestart.Take(runs.Count).Select(r => r.Value));
    }

    [Fact]
    public async Task Ranking_TwoQueues_SortedByCostDescendingAndStoredAcrossRestart()
    {
        await using var engine = await StartAsync();
        await engine.CallAsync("StatSv1.ProcessEvent", Cdr("r1", "1001", "1002", 4m));
        await engine.CallAsync("StatSv1.ProcessEvent", Cdr("r2", "1003", "1001", 9m));
        await engine.CallAsync("APIerSv1.SetRankingProfile", """
            {"Tenant":"cgrates.org","ID":"RNK_COST","Schedule":"@every 1s","StatIDs":["Stats2","Stats2_1"],"MetricIDs":[],"Sorting":"*desc",
             "SortingParameters":["*tcc"],"Stored":true,"ThresholdIDs":["*none"]}
            """);

        await engine.CallAsync("RankingSv1.ScheduleQueries", """{"Tenant":"cgrates.org","RankingIDs":["RNK_COST"]}""");
        await WaitAsync(async () => (await engine.Api.CallRawAsync("RankingSv1.GetRankingSummary", """{"Tenant":"cgrates.org","ID":"RNK_COST"}"""u8.ToArray())).Error is null);
        // A yearly schedule from now on, so the restarted engine serves the stored ranking rather than a new run over
        // queues that (not stored in the tutorial) restart empty.
        await engine.CallAsync("APIerSv1.SetRankingProfile", """
            {"Tenant":"cgrates.org","ID":"RNK_COST","Schedule":"@yearly","StatIDs":["Stats2","Stats2_1"],"Sorting":"*desc","SortingParameters":["*tcc"]}
            """);
        await engine.CallAsync("RankingSv1.ScheduleQueries", """{"Tenant":"cgrates.org","RankingIDs":["RNK_COST"]}""");
        var ranking = await engine.CallAsync("RankingSv1.GetRanking", """{"Tenant":"cgrates.org","ID":"RNK_COST"}""");
        await engine.KillAndRestartAsync();
        var summary = await engine.CallAsync("RankingSv1.GetRankingSummary", """{"Tenant":"cgrates.org","ID":"RNK_COST"}""");

        Assert.Equal(["Stats2_1", "Stats2"], ranking.GetProperty("SortedStatIDs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(9m, ranking.GetProperty("Metrics").GetProperty("Stats2_1").GetProperty("*tcc").GetDecimal());
        Assert.Equal(["Stats2_1", "Stats2"], summary.GetProperty("SortedStatIDs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Trend_ThresholdsConns_EachRunProcessedByTheProfilesThreshold()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {", TrendsToThresholds + "\"general\": {"));
        await engine.CallAsync("APIerSv1.SetThresholdProfile", """
            {"Tenant":"cgrates.org","ID":"THD_TREND","FilterIDs":["*string:~*req.TrendID:TR_TH","*string:~*opts.*eventType:TrendUpdate",
             "*string:~*req.Metrics.*tcc.ID:*tcc"],"MaxHits":-1,"MinHits":1,"Weight":10,"ActionIDs":["ACT_LOG_WARNING"],"Async":false}
            """);
        await engine.CallAsync("StatSv1.ProcessEvent", Cdr("h1", "1001", "1002", 3m));
        await engine.CallAsync("APIerSv1.SetTrendProfile", """
            {"Tenant":"cgrates.org","ID":"TR_TH","Schedule":"@every 1s","StatID":"Stats2","Metrics":["*tcc"],"TTL":-1,"QueueLength":5,
             "MinItems":2,"CorrelationType":"*last","ThresholdIDs":["THD_TREND"]}
            """);

        await engine.CallAsync("TrendSv1.ScheduleQueries", """{"Tenant":"cgrates.org","TrendIDs":["TR_TH"]}""");
        await WaitAsync(async () => (await engine.CallAsync("ThresholdSv1.GetThreshold", """{"Tenant":"cgrates.org","ID":"THD_TREND"}"""))
            .GetProperty("Hits").GetInt32() >= 1);
        var trend = await engine.CallAsync("TrendSv1.GetTrend", """{"Tenant":"cgrates.org","ID":"TR_TH"}""");

        // MinItems 2: the first run is not reported, so a hit means at least two runs.
        Assert.True(trend.GetProperty("RunTimes").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Profiles_BadScheduleOrCorrelation_RefusedNamingTheField()
    {
        await using var engine = await StartAsync();

        var badSchedule = await engine.Api.CallRawAsync("APIerSv1.SetTrendProfile",
            """{"Tenant":"cgrates.org","ID":"TR_BAD","Schedule":"every minute","StatID":"Stats2","CorrelationType":"*last"}"""u8.ToArray());
        var badCorrelation = await engine.Api.CallRawAsync("APIerSv1.SetTrendProfile",
            """{"Tenant":"cgrates.org","ID":"TR_BAD","Schedule":"@hourly","StatID":"Stats2","CorrelationType":"*median"}"""u8.ToArray());
        var badSorting = await engine.Api.CallRawAsync("APIerSv1.SetRankingProfile",
            """{"Tenant":"cgrates.org","ID":"RNK_BAD","Schedule":"0 1 * * *","StatIDs":["Stats2"],"Sorting":"*random"}"""u8.ToArray());
        var unknown = await engine.Api.CallRawAsync("TrendSv1.ScheduleQueries", """{"Tenant":"cgrates.org","TrendIDs":["NOPE"]}"""u8.ToArray());

        Assert.Contains("invalid schedule <every minute>", badSchedule.Error, StringComparison.Ordinal);
        Assert.Contains("CorrelationType <*median>", badCorrelation.Error, StringComparison.Ordinal);
        Assert.Contains("Sorting <*random>", badSorting.Error, StringComparison.Ordinal);
        Assert.Equal("PARTIALLY_EXECUTED", unknown.Error);
    }

    private const string TrendsToThresholds = """
        "trends": {"enabled": true, "stats_conns": ["*internal"], "thresholds_conns": ["*internal"]},

        """;

    private static Task<SessionEngine> StartAsync() =>
        SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {", Sections + "\"general\": {"));

    private static async Task<List<(decimal Value, decimal Growth, string? Label)>> TrendRunsAsync(SessionEngine engine)
    {
        var reply = await engine.Api.CallRawAsync("TrendSv1.GetTrend", """{"Tenant":"cgrates.org","ID":"TR_1001"}"""u8.ToArray());
        if (reply.Error is not null)
        {
            return [];
        }
        using var trend = JsonDocument.Parse(reply.Result);
        var metrics = trend.RootElement.GetProperty("Metrics");
        return [.. trend.RootElement.GetProperty("RunTimes").EnumerateArray()
            .Select(t => metrics.GetProperty(t.GetString()!).GetProperty("*tcc"))
            .Select(m => (m.GetProperty("Value").GetDecimal(), m.GetProperty("TrendGrowth").GetDecimal(), m.GetProperty("TrendLabel").GetString()))];
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await done())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("not done within 10 s");
    }

    private static string Cdr(string id, string account, string destination, decimal cost) => $$$"""
        {"Tenant":"cgrates.org","ID":"{{{id}}}","Event":{"Account":"{{{account}}}","Destination":"{{{destination}}}","RunID":"*default",
         "AnswerTime":"2026-01-05T10:00:00Z","Usage":"1m","Cost":{{{cost.ToString(CultureInfo.InvariantCulture)}}}}}
        """;
}
