using Obol.Primitives;
using Xunit;

namespace Obol.TariffPlans.Tests;

public sealed class AccountingFileTests
{
    [Fact]
    public void SharedGroups_Oldtutorial_ReadsEveryColumn()
    {
        var group = Assert.Single(TestPlans.ReadReference("oldtutorial").Plan.SharedGroups);

        Assert.Equal(new TpSharedGroup(new SourceLocation("SharedGroups.csv", 2), "SHARED_A", "*any", "*highest", ""), group);
    }

    [Fact]
    public void Actions_TutorialTopup_ReadsEveryColumn()
    {
        var action = TestPlans.ReadReference("tutorial").Plan.Actions[0];

        Assert.Equal(new SourceLocation("Actions.csv", 2), action.Location);
        Assert.Equal("ACT_TOPUP_RST_10", action.ActionsId);
        Assert.Equal("*topup_reset", action.ActionType);
        Assert.Equal("", action.ExtraParameters);
        Assert.Equal("", action.Filters);
        Assert.Equal("test", action.BalanceId);
        Assert.Equal("*monetary", action.BalanceType);
        Assert.Empty(action.Categories);
        Assert.Equal(["*any"], action.DestinationIds);
        Assert.Equal("", action.RatingSubject);
        Assert.Empty(action.SharedGroups);
        Assert.Equal("*unlimited", action.ExpiryTime);
        Assert.Empty(action.TimingIds);
        Assert.Equal("10", action.Units);
        Assert.Equal("10", action.BalanceWeight);
        Assert.Equal("false", action.BalanceBlocker);
        Assert.Equal("false", action.BalanceDisabled);
        Assert.Equal(10m, action.Weight);
    }

    [Fact]
    public void Actions_QuotedJsonFields_AreUnquoted()
    {
        var actions = TestPlans.ReadReference("testtp").Plan.Actions;
        var rpc = actions.Single(a => a.ActionsId == "RPC");
        var did = actions.First(a => a.ActionsId == "DID");

        Assert.Equal("*cgr_rpc", rpc.ActionType);
        Assert.StartsWith("{\"Address\": \"localhost:2013\",\"Transport\":\"*gob\"", rpc.ExtraParameters, StringComparison.Ordinal);
        Assert.Equal(0m, rpc.Weight);
        Assert.Equal("{\"Method\":\"*incremental\",\"Params\":{\"Units\":1, \"Interval\":\"month\",\"Increment\":\"day\"}}", did.Units);
        Assert.Equal(["*any"], did.TimingIds);
        Assert.Equal("10.0", did.BalanceWeight);
    }

    [Fact]
    public void Actions_VoiceUnitsSharedGroupsAndFilters_AreKept()
    {
        var tutorial2 = TestPlans.ReadReference("tutorial2").Plan.Actions.Single(a => a.ActionsId == "TOPUP_RST_10M_VOICE");
        var shared = TestPlans.ReadReference("oldtutorial").Plan.Actions.Single(a => a.ActionsId == "TOPUP_RST_SHARED_5");
        var filter = TestPlans.ReadReference("engine_loader_csv").Plan.Actions.Single(a => a.ActionsId == "FILTER");

        Assert.Equal(("*voice", "10m", "RPF_SPECIAL_BLC"), (tutorial2.BalanceType, tutorial2.Units, tutorial2.RatingSubject));
        Assert.Equal(["DST_10"], tutorial2.DestinationIds);
        Assert.Equal(["SHARED_A"], shared.SharedGroups);
        Assert.Equal("*string:~*req.BalanceMap.*monetary[0].ID:*default;*lt:~*req.BalanceMap.*monetary[0].Value:0", filter.Filters);
    }

    [Fact]
    public void ActionPlans_Tutorial2_KeepOneRecordPerRow()
    {
        var plans = TestPlans.ReadReference("tutorial2").Plan.ActionPlans;

        Assert.Equal(6, plans.Count);
        Assert.Equal(
            new TpActionPlan(new SourceLocation("ActionPlans.csv", 7), "STANDARD_PLAN", "TOPUP_RST_1024_DATA", "TM_NOON", 10m),
            plans[5]);
    }

    [Fact]
    public void ActionTriggers_Tutorial_ReadsEveryColumn()
    {
        var trigger = TestPlans.ReadReference("tutorial").Plan.ActionTriggers[1];

        Assert.Equal(new SourceLocation("ActionTriggers.csv", 3), trigger.Location);
        Assert.Equal("STANDARD_TRIGGERS", trigger.Id);
        Assert.Equal("", trigger.UniqueId);
        Assert.Equal("*max_balance", trigger.ThresholdType);
        Assert.Equal(100m, trigger.ThresholdValue);
        Assert.False(trigger.Recurrent);
        Assert.Equal(Usage.Zero, trigger.MinSleep);
        Assert.Equal("", trigger.ExpiryTime);
        Assert.Equal("", trigger.ActivationTime);
        Assert.Equal("*monetary", trigger.BalanceType);
        Assert.Empty(trigger.BalanceDestinationIds);
        Assert.Equal("DISABLE_AND_LOG", trigger.ActionsId);
        Assert.Equal(10m, trigger.Weight);
    }

    [Fact]
    public void ActionTriggers_EngineLoader_ReadsUniqueIdAndBalanceDestinations()
    {
        var trigger = TestPlans.ReadReference("engine_loader_csv").Plan.ActionTriggers[0];

        Assert.Equal(
            ("STANDARD_TRIGGER", "st0", "*min_event_counter", 10m),
            (trigger.Id, trigger.UniqueId, trigger.ThresholdType, trigger.ThresholdValue));
        Assert.Equal("*voice", trigger.BalanceType);
        Assert.Equal(["GERMANY_O2"], trigger.BalanceDestinationIds);
        Assert.Equal("SOME_1", trigger.ActionsId);
    }

    [Fact]
    public void AccountActions_Flags_ParseAsGoBooleans()
    {
        var accounts = TestPlans.ReadReference("engine_loader_csv").Plan.AccountActions;
        var alodis = accounts.Single(a => a.Account == "alodis");
        var vf = accounts.Single(a => a.Account == "vf");

        Assert.Equal(
            new TpAccountAction(new SourceLocation("AccountActions.csv", 11), "cgrates.org", "alodis", "TOPUP_EMPTY_AT", "", true, true),
            alodis);
        Assert.Equal(("", "", false, false), (vf.ActionPlanId, vf.ActionTriggersId, vf.AllowNegative, vf.Disabled));
        Assert.Equal(
            new TpAccountAction(
                new SourceLocation("AccountActions.csv", 1), "vdf", "minitsboy", "MORE_MINUTES", "STANDARD_TRIGGER", false, false),
            accounts[0]);
    }
}
