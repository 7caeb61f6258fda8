using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The scheduler over the API: its queue (APIerSv1.GetScheduledActions) and SchedulerSv1's runs now and
/// replays; with APIerSv2.GetDestinations and APIerSv1.GetSharedGroup, the console's other read-only views.</summary>
public sealed class SchedulerApiTests
{
    [Fact]
    public async Task MonthlyPlanOf1002_QueueExecuteAndReplay_ListRunAndRunEachMonth()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetActions", """
            {"ActionsId":"ACT_TOPUP_5","Overwrite":false,"Actions":[{"Identifier":"*topup","BalanceId":"test","BalanceType":"*monetary",
             "Units":5,"DestinationIds":"*any","BalanceWeight":10,"Weight":10}]}
            """);
        await engine.CallAsync("APIerSv1.SetActionPlan", """
            {"Id":"AP_MONTHLY","ActionPlan":[{"ActionsId":"ACT_TOPUP_5","MonthDays":"1","Time":"00:00:00","Weight":10}],"Overwrite":false,
             "ReloadScheduler":true}
            """);
        await engine.CallAsync("APIerSv2.SetAccount", """{"Tenant":"cgrates.org","Account":"1002","ActionPlanIDs":["AP_MONTHLY"]}""");

        var queue = await engine.CallAsync("APIerSv1.GetScheduledActions", """{"Account":"1002"}""");
        var otherAccount = await engine.Api.CallRawAsync("APIerSv1.GetScheduledActions", """{"Account":"1001"}"""u8.ToArray());
        var executed = await engine.CallAsync("SchedulerSv1.ExecuteActions", """{"ActionPlanID":"AP_MONTHLY"}""");
        var afterExecute = await engine.MonetaryAsync("1002");
        var replayed = await engine.CallAsync("SchedulerSv1.ExecuteActions", """{"TimeStart":"2026-01-01T00:00:00Z","TimeEnd":"2026-03-31T00:00:00Z"}""");
        var forOther = await engine.CallAsync("SchedulerSv1.ExecuteActionPlans", """{"ActionPlanIDs":["AP_MONTHLY"],"Tenant":"cgrates.org","AccountID":"1003"}""");

        var run = Assert.Single(queue.EnumerateArray());
        Assert.Equal(("AP_MONTHLY", "ACT_TOPUP_5", 1), (run.GetProperty("ActionPlanID").GetString(), run.GetProperty("ActionsID").GetString(),
            run.GetProperty("Accounts").GetInt32()));
        Assert.Equal(1, run.GetProperty("NextRunTime").GetDateTimeOffset().Day);
        Assert.Equal("NOT_FOUND", otherAccount.Error);
        Assert.Equal(("OK", "OK", "OK"), (executed.GetString(), replayed.GetString(), forOther.GetString()));
        // Executed once now, then replayed for January, February and March.
        Assert.Equal((15m, 30m, 15m), (afterExecute, await engine.MonetaryAsync("1002"), await engine.MonetaryAsync("1003")));
    }

    [Fact]
    public async Task GetDestinationsAndSharedGroup_TutorialPlan_AnswerAsCgrates()
    {
        await using var engine = await SessionEngine.StartAsync();

        var all = await engine.CallAsync("APIerSv2.GetDestinations", "{}");
        var one = await engine.CallAsync("APIerSv2.GetDestinations", """{"DestinationIDs":["DST_1002"]}""");
        var unknown = await engine.Api.CallRawAsync("APIerSv2.GetDestinations", """{"DestinationIDs":["DST_NOPE"]}"""u8.ToArray());
        var group = await engine.CallAsync("APIerSv1.GetSharedGroup", "\"NO_GROUP\"");
        await engine.CallAsync("APIerSv1.SetDestination", """{"Id":"DST_ALSO_1002","Prefixes":["1002","1009"]}""");
        var reverse = await engine.CallAsync("APIerSv1.GetReverseDestination", "\"1002\"");
        var noReverse = await engine.Api.CallRawAsync("APIerSv1.GetReverseDestination", "\"100\""u8.ToArray());
        var computed = await engine.CallAsync("APIerSv1.ComputeReverseDestinations", "\"\"");

        Assert.Contains("DST_1002", all.EnumerateArray().Select(d => d.GetProperty("Id").GetString()));
        Assert.Equal("""[{"Id":"DST_1002","Prefixes":["1002"]}]""", one.GetRawText());
        Assert.Equal("NOT_FOUND", unknown.Error);
        Assert.Equal("", group.GetProperty("Id").GetString());
        Assert.Equal("""["DST_1002","DST_ALSO_1002"]""", reverse.GetRawText());
        Assert.Equal("NOT_FOUND", noReverse.Error);
        Assert.Equal("OK", computed.GetString());
    }
}
