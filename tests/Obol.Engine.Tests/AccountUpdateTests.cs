using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// AccountS publishing accounts as AccountUpdate events to ThresholdS and StatS (the tutorial's <c>rals.thresholds_conns</c>
/// and <c>rals.stats_conns</c>): after a debit that moved balances, and by the balance APIs' <c>*publish_account</c>.
/// </summary>
public sealed class AccountUpdateTests
{
    [Fact]
    public async Task InitiateSession_PrepaidReserveDebit_PublishesTheAccountToThresholdSAndStatS()
    {
        await using var engine = await SessionEngine.StartAsync();
        await SetThresholdAsync(engine, "THD_SPENT", "*string:~*req.AccountID:1001", "*lt:~*asm.BalanceSummaries.test.Value:10",
            "*gte:~*asm.BalanceSummaries.test.Initial:10");
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.SetStatQueueProfile", """
            {"ID":"STS_ACCOUNTS","FilterIDs":["*string:~*opts.*eventType:AccountUpdate"],"QueueLength":100,"TTL":-1,"MinItems":0,
             "Metrics":[{"MetricID":"*distinct#~*req.AccountID"}],"ThresholdIDs":["*none"],"Weight":10}
            """)).GetString());

        // A question moves nothing and publishes nothing.
        await engine.Switch.AuthorizeAsync("spend", "1001", "1002", "*prepaid");
        Assert.Equal(0, await HitsAsync(engine, "THD_SPENT"));
        Assert.Equal(0, await QueuedAsync(engine, "STS_ACCOUNTS"));

        await engine.Switch.InitiateAsync("spend", "1001", "1002", "*prepaid", debitInterval: "30s");

        // The debit loop's first debit, which the reply does not wait for; ThresholdS is told first, then StatS.
        await UntilAsync(async () => await QueuedAsync(engine, "STS_ACCOUNTS") > 0);

        Assert.Equal(1, await HitsAsync(engine, "THD_SPENT"));
        Assert.Equal(1, await QueuedAsync(engine, "STS_ACCOUNTS"));
        Assert.Equal("""{"*distinct#~*req.AccountID":"1"}""",
            (await engine.CallAsync("StatSv1.GetQueueStringMetrics", """{"ID":"STS_ACCOUNTS"}""")).GetRawText());
    }

    [Fact]
    public async Task SetBalance_WithRalsThresholdsConns_PublishesTheAccountWithItsNewBalance()
    {
        await using var engine = await SessionEngine.StartAsync();
        await SetThresholdAsync(engine, "THD_BONUS", "*string:~*req.AccountID:1002", "*gte:~*asm.BalanceSummaries.bonus.Value:50",
            "*gte:~*asm.BalanceSummaries.bonus.Initial:50");

        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.SetBalance",
            """{"Tenant":"cgrates.org","Account":"1002","BalanceType":"*monetary","Value":50,"Balance":{"ID":"bonus"}}""")).GetString());

        // *publish_account is sent once the account's lock is released.
        await UntilAsync(async () => await HitsAsync(engine, "THD_BONUS") > 0);
        Assert.Equal(1, await HitsAsync(engine, "THD_BONUS"));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task SetThresholdAsync(SessionEngine engine, string id, params string[] filters)
    {
        var filterIds = JsonSerializer.Serialize(filters.Prepend("*string:~*opts.*eventType:AccountUpdate"));
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.SetThresholdProfile",
            $$"""{"ID":"{{id}}","FilterIDs":{{filterIds}},"MaxHits":-1,"MinHits":1,"ActionIDs":["ACT_LOG_WARNING"],"Weight":10}""")).GetString());
    }

    private static async Task<int> HitsAsync(SessionEngine engine, string id) =>
        (await engine.CallAsync("ThresholdSv1.GetThreshold", $$"""{"ID":"{{id}}"}""")).GetProperty("Hits").GetInt32();

    private static async Task<int> QueuedAsync(SessionEngine engine, string id) =>
        (await engine.CallAsync("StatSv1.GetStatQueue", $$"""{"ID":"{{id}}"}""")).GetProperty("SQItems").GetArrayLength();
}
