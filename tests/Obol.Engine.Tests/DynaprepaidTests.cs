using Xunit;

namespace Obol.Engine.Tests;

/// <summary><c>*dynaprepaid</c>: an account RALs does not know is created by the schedulers section's
/// <c>dynaprepaid_actionplans</c> on its first call, then charged as <c>*prepaid</c>.</summary>
public sealed class DynaprepaidTests
{
    [Fact]
    public async Task AuthorizeAndInitiate_UnknownDynaprepaidAccount_CreatedByThePlanThenCharged()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c
            .Replace("\"schedulers\": {", "\"schedulers\": {\"dynaprepaid_actionplans\": [\"AP_DYNA\"],", StringComparison.Ordinal)
            .Replace("\"sessions\": {", "\"sessions\": {\"scheduler_conns\": [\"*internal\"],", StringComparison.Ordinal));
        await engine.CallAsync("APIerSv1.SetActions",
            """{"ActionsId":"ACT_DYNA","Actions":[{"Identifier":"*topup","BalanceType":"*monetary","BalanceId":"dyna","Units":10,"Weight":10}]}""");
        await engine.CallAsync("APIerSv1.SetActionPlan", """{"Id":"AP_DYNA","ActionPlan":[{"ActionsId":"ACT_DYNA","Time":"*asap","Weight":10}]}""");

        var authorized = await engine.Switch.CallAsync("SessionSv1.AuthorizeEvent", $$"""{"GetMaxUsage":true,{{Event("dy1", "dyn1", "*dynaprepaid")}}}""");
        var created = await engine.MonetaryAsync("dyn1");
        var initiated = await engine.Switch.CallAsync("SessionSv1.InitiateSession", "{\"InitSession\":true," + Event("dy2", "dyn2", "*dynaprepaid") + ",\"APIOpts\":{\"*sessionsDebitInterval\":\"0s\"}}");
        var afterDebit = await engine.MonetaryAsync("dyn2");
        var prepaid = await engine.Switch.RawAsync("SessionSv1.AuthorizeEvent", $$"""{"GetMaxUsage":true,{{Event("dy3", "dyn3", "*prepaid")}}}""");

        Assert.True(authorized.GetProperty("MaxUsage").GetInt64() > 0);
        Assert.Equal(10m, created);
        Assert.Equal(30_000_000_000, initiated.GetProperty("MaxUsage").GetInt64());
        Assert.Equal(10m - await engine.TariffCostAsync("1001", "1002", "30s"), afterDebit);
        Assert.Contains("ACCOUNT_NOT_FOUND", prepaid.Error, StringComparison.Ordinal);
    }

    // Rated as 1001 (the tutorial rates no other subject), charged to the new account.
    private static string Event(string originId, string account, string requestType) => $$"""
        "Tenant":"cgrates.org","ID":"{{originId}}","Event":{"OriginID":"{{originId}}","OriginHost":"10.0.0.9","RequestType":"{{requestType}}",
        "Account":"{{account}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice","AnswerTime":"2026-01-05T10:00:05Z","Usage":"30s"}
        """;
}
