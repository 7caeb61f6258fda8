using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Filters that read other subsystems: <c>~*accounts</c> through RALs (<c>filters.apiers_conns</c>) and
/// <c>~*stats</c> through StatS (<c>filters.stats_conns</c>), in a real engine.</summary>
public sealed class FilterDynamicDataTests
{
    private const string Probe = """{"Tenant":"cgrates.org","ID":"probe","Event":{"Kind":"probe"}}""";

    [Fact]
    public async Task ThresholdProcessEvent_AccountsAndStatsFilters_FollowTheBalanceAndTheQueue()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"rals\": {",
            "\"filters\": {\"apiers_conns\": [\"*internal\"], \"stats_conns\": [\"*internal\"]}, \"rals\": {", StringComparison.Ordinal));
        await SetThresholdAsync(engine, "THD_RICH", "*gte:~*accounts.1001.BalanceMap.*monetary[0].Value:10");
        await SetThresholdAsync(engine, "THD_BUSY", "*gt:~*stats.Stats2.*tcc:1");

        Assert.Equal("""["THD_RICH"]""", (await engine.CallAsync("ThresholdSv1.ProcessEvent", Probe)).GetRawText());

        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":1}""");
        await engine.CallAsync("StatSv1.ProcessEvent", """
            {"Tenant":"cgrates.org","ID":"cdr1","Event":{"Account":"1001","Destination":"1002","RunID":"*default",
             "AnswerTime":"2026-01-05T10:00:00Z","Usage":"1m","Cost":1.5}}
            """);

        Assert.Equal("""["THD_BUSY"]""", (await engine.CallAsync("ThresholdSv1.ProcessEvent", Probe)).GetRawText());
    }

    [Fact]
    public async Task ThresholdProcessEvent_AccountsFilterWithoutApiersConns_FailsAsCgratesDoes()
    {
        await using var engine = await SessionEngine.StartAsync();
        await SetThresholdAsync(engine, "THD_RICH", "*gte:~*accounts.1001.BalanceMap.*monetary[0].Value:10");

        var reply = await engine.Api.CallRawAsync("ThresholdSv1.ProcessEvent", System.Text.Encoding.UTF8.GetBytes(Probe));

        Assert.Contains("MANDATORY_IE_MISSING: [connIDs]", reply.Error, StringComparison.Ordinal);
    }

    private static async Task SetThresholdAsync(SessionEngine engine, string id, string filter) =>
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.SetThresholdProfile",
            $$"""{"ID":"{{id}}","FilterIDs":["*string:~*req.Kind:probe","{{filter}}"],"MaxHits":-1,"MinHits":1,"ActionIDs":["ACT_LOG_WARNING"],"Weight":10}""")).GetString());
}
