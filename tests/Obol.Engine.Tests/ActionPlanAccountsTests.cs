using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetActionPlanAccounts: an action plan set with the accounts it binds.</summary>
public sealed class ActionPlanAccountsTests
{
    [Fact]
    public async Task SetActionPlanAccounts_AsapTopup_BoundAccountsToppedUpOthersNot()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetActions",
            """{"ActionsId":"ACT_T5","Actions":[{"Identifier":"*topup","BalanceType":"*monetary","BalanceId":"bonus","Units":5,"Weight":10}]}""");

        var set = await engine.CallAsync("APIerSv1.SetActionPlanAccounts", """
            {"Id":"AP_BIND","ActionPlan":[{"ActionsId":"ACT_T5","Time":"*asap","Weight":10}],"AccountIDs":["cgrates.org:1001"]}
            """);
        for (var i = 0; i < 100 && await engine.MonetaryAsync("1001") != 15m; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var bound = await engine.MonetaryAsync("1001");
        var other = await engine.MonetaryAsync("1002");
        var plan = await engine.CallAsync("APIerSv1.GetActionPlan", """{"ID":"AP_BIND"}""");
        var exists = await engine.Api.CallRawAsync("APIerSv1.SetActionPlanAccounts", """
            {"Id":"AP_BIND","ActionPlan":[{"ActionsId":"ACT_T5","Time":"*asap","Weight":10}],"AccountIDs":["cgrates.org:1002"]}
            """u8.ToArray());
        var broken = await engine.Api.CallRawAsync("APIerSv1.SetActionPlanAccounts", """
            {"Id":"AP_X","ActionPlan":[{"ActionsId":"NO_SUCH","Time":"*asap","Weight":10}],"AccountIDs":["cgrates.org:1002"]}
            """u8.ToArray());

        Assert.Equal("OK", set.GetString());
        Assert.Equal((15m, 10m), (bound, other));
        Assert.Equal(["cgrates.org:1001"], plan[0].GetProperty("AccountIDs").EnumerateObject().Select(p => p.Name));
        Assert.Equal("EXISTS", exists.Error);
        Assert.Equal("BROKEN_REFERENCE:NO_SUCH", broken.Error);
    }
}
