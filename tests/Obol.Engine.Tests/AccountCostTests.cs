using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.GetAccountCost: the EventCost a debit would give, nothing taken.</summary>
public sealed class AccountCostTests
{
    [Fact]
    public async Task GetAccountCost_CallEvent_DryRunCostAndBalanceUntouched()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.MonetaryAsync("1001");

        var cost = await engine.CallAsync("APIerSv1.GetAccountCost",
            """{"Tenant":"cgrates.org","ID":"c1","Event":{"Account":"1001","Category":"call","Destination":"1002","SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"90s"}}""");
        var noUsage = await engine.Api.CallRawAsync("APIerSv1.GetAccountCost",
            """{"Tenant":"cgrates.org","ID":"c2","Event":{"Account":"1001","Destination":"1002","SetupTime":"2026-01-05T10:00:00Z"}}"""u8.ToArray());

        Assert.Equal(await engine.TariffCostAsync("1001", "1002", "90s"), cost.GetProperty("Cost").GetDecimal());
        Assert.Equal(90_000_000_000, cost.GetProperty("Usage").GetInt64());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, cost.GetProperty("AccountSummary").ValueKind);
        Assert.Equal(before, await engine.MonetaryAsync("1001"));
        Assert.Equal("NOT_FOUND", noUsage.Error);
    }
}
