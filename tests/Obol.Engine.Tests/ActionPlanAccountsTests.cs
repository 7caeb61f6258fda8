using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetActionPlanAccounts (an action plan set with the accounts it binds) and RemoveActionTiming.</summary>
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

    [Fact]
    public async Task RemoveActionTiming_AccountTimingOrWholePlan_EachRemovedAlone()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetActions", """{"ActionsId":"ACT_LOG","Actions":[{"Identifier":"*log","Weight":10}]}""");
        await engine.CallAsync("APIerSv1.SetActionPlanAccounts", """
            {"Id":"AP_TWO","ActionPlan":[{"ActionsId":"ACT_LOG","Time":"*monthly","Weight":10},{"ActionsId":"ACT_LOG","Time":"*daily","Weight":20}],
             "AccountIDs":["cgrates.org:1001","cgrates.org:1002"]}
            """);

        var unbound = await engine.CallAsync("APIerSv1.RemoveActionTiming", """{"ActionPlanId":"AP_TWO","Account":"1001"}""");
        var afterAccount = (await engine.CallAsync("APIerSv1.GetActionPlan", """{"ID":"AP_TWO"}"""))[0];
        var uuid = afterAccount.GetProperty("ActionTimings")[0].GetProperty("Uuid").GetString();
        await engine.CallAsync("APIerSv1.RemoveActionTiming", $$"""{"ActionPlanId":"AP_TWO","ActionTimingId":"{{uuid}}"}""");
        var afterTiming = (await engine.CallAsync("APIerSv1.GetActionPlan", """{"ID":"AP_TWO"}"""))[0];
        await engine.CallAsync("APIerSv1.RemoveActionTiming", """{"ActionPlanId":"AP_TWO"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetActionPlan", """{"ID":"AP_TWO"}"""u8.ToArray());
        var unknown = await engine.Api.CallRawAsync("APIerSv1.RemoveActionTiming", """{"ActionPlanId":"AP_NONE"}"""u8.ToArray());
        var missing = await engine.Api.CallRawAsync("APIerSv1.RemoveActionTiming", """{"Account":"1001"}"""u8.ToArray());

        Assert.Equal("OK", unbound.GetString());
        Assert.Equal(["cgrates.org:1002"], afterAccount.GetProperty("AccountIDs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, afterAccount.GetProperty("ActionTimings").GetArrayLength());
        Assert.Equal(1, afterTiming.GetProperty("ActionTimings").GetArrayLength());
        Assert.NotEqual(uuid, afterTiming.GetProperty("ActionTimings")[0].GetProperty("Uuid").GetString());
        Assert.NotNull(gone.Error);
        Assert.Equal("SERVER_ERROR: NOT_FOUND", unknown.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ActionPlanId]", missing.Error);
    }
}
